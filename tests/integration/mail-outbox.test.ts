/**
 * Mail without SMTP: the local outbox. A sign-in link is kept there only while it works, and taking
 * it from the outbox changes nothing about the link: Auth.js's own flow (CSRF, the form post, the
 * callback) runs here through its route handlers, and the link still works once and expires.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3000";

const { db } = await import("@/lib/db");
const { handlers, MAGIC_LINK_MAX_AGE_SECONDS } = await import("@/lib/auth");
const { sendMagicLink } = await import("@/lib/mail/magic-link-mail");
const { listOutbox, purgeExpiredMail } = await import("@/lib/mail/send-mail");

const origin = "http://localhost:3000";

afterEach(() => {
  vi.useRealTimers();
});

/** Asks for a sign-in link exactly as the sign-in form does, and returns the link the outbox shows. */
async function requestLinkThroughOutbox(email: string): Promise<string> {
  const csrf = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const response = await handlers.POST(
    new NextRequest(`${origin}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${origin}/feed` }),
    }),
  );
  expect(response.headers.get("location")).toContain("verify-request");
  const mail = (await listOutbox()).find((m) => m.to === email);
  expect(mail, "the sign-in mail is in the outbox").toBeDefined();
  return /https?:\/\/\S+token=\S+/.exec(mail!.text)![0];
}

/** Opens a sign-in link: where Auth.js sends the browser, and whether it set a session cookie. */
async function openLink(link: string) {
  const response = await handlers.GET(new NextRequest(link));
  const signedIn = response.headers.getSetCookie().some((line) => /^(__Secure-)?authjs\.session-token=[^;]+/.test(line));
  return { location: response.headers.get("location") ?? "", signedIn };
}

describe("mail without SMTP", () => {
  it("lands in the local outbox with the sign-in link, until the link expires", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const link = `http://localhost:3000/api/auth/callback/nodemailer?token=${randomUUID()}&email=${encodeURIComponent(email)}`;
    await sendMagicLink(email, link, new Date(Date.now() + MAGIC_LINK_MAX_AGE_SECONDS * 1000));
    const mail = (await listOutbox()).find((m) => m.to === email);
    expect(mail).toBeDefined();
    expect(mail!.kind).toBe("magic-link");
    expect(mail!.transport).toBe("outbox");
    expect(mail!.text).toContain(link);
    expect(mail!.text).toContain("expires in 15 minutes");
    expect(mail!.html).toContain(link.replace(/&/g, "&#38;"));
  });

  it("a link taken from the outbox signs in once, and a second use is refused", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const link = await requestLinkThroughOutbox(email);
    const first = await openLink(link);
    expect(first.signedIn).toBe(true);
    expect(first.location).toBe(`${origin}/feed`);
    const second = await openLink(link);
    expect(second.signedIn).toBe(false);
    expect(second.location).toContain("error=Verification");
  });

  it("a link past its lifetime no longer signs in, leaves the outbox, and is deleted by the hourly purge", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const link = await requestLinkThroughOutbox(email);
    const stored = await db.mailMessage.findFirstOrThrow({ where: { to: email } });
    expect(stored.expiresAt!.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(MAGIC_LINK_MAX_AGE_SECONDS * 1000 + 1000);

    // Only the clock moves on: timers and the database run as usual.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + MAGIC_LINK_MAX_AGE_SECONDS * 1000 + 1000 });
    expect((await listOutbox()).some((m) => m.to === email)).toBe(false);
    const late = await openLink(link);
    expect(late.signedIn).toBe(false);
    expect(late.location).toContain("error=Verification");

    await purgeExpiredMail();
    expect(await db.mailMessage.count({ where: { to: email } })).toBe(0);
  });

  it("a new sign-in mail sweeps out links that expired", async () => {
    const stale = `reader-${randomUUID()}@example.com`;
    await sendMagicLink(stale, `${origin}/api/auth/callback/nodemailer?token=${randomUUID()}`, new Date(Date.now() - 1000));
    expect(await db.mailMessage.count({ where: { to: stale } })).toBe(1);
    await sendMagicLink(`reader-${randomUUID()}@example.com`, `${origin}/api/auth/callback/nodemailer?token=${randomUUID()}`, new Date(Date.now() + 60_000));
    expect(await db.mailMessage.count({ where: { to: stale } })).toBe(0);
  });
});
