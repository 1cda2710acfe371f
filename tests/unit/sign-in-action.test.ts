/**
 * The sign-in form as the browser sends it: on /sign-in without a callbackUrl the form has no such
 * field at all, and the action must still mail the link (and send the reader to the feed after),
 * not refuse the address.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

const auth = vi.hoisted(() => ({ signIn: vi.fn(async () => undefined), signOut: vi.fn(async () => undefined) }));
const quota = vi.hoisted(() => ({ consumeMagicLinkQuota: vi.fn(async () => undefined) }));
vi.mock("@/lib/auth", () => auth);
vi.mock("@/lib/magic-link-quota", () => quota);
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/lib/session", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/session")>()), getCurrentUser: async () => null }));

const { requestMagicLink } = await import("@/lib/actions/auth-actions");
const { IDLE_RESULT } = await import("@/lib/actions/action-result");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("the sign-in form", () => {
  beforeEach(() => auth.signIn.mockClear());

  it("mails a link from a form without a callbackUrl, and sends the reader to the feed after", async () => {
    const result = await requestMagicLink(IDLE_RESULT, form({ email: " Reader@Example.com " }));
    expect(result).toMatchObject({ ok: true });
    expect(auth.signIn).toHaveBeenCalledWith("nodemailer", { email: "reader@example.com", redirectTo: "/feed" });
  });

  it("keeps a callbackUrl on this site, and refuses a repeated address in words", async () => {
    await requestMagicLink(IDLE_RESULT, form({ email: "reader@example.com", callbackUrl: "/topics" }));
    expect(auth.signIn).toHaveBeenCalledWith("nodemailer", { email: "reader@example.com", redirectTo: "/topics" });
    const twice = new FormData();
    twice.append("email", "a@example.com");
    twice.append("email", "b@example.com");
    expect(await requestMagicLink(IDLE_RESULT, twice)).toMatchObject({ ok: false, error: "Send one email address once." });
  });
});
