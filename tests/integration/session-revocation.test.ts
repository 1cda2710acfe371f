/**
 * Signing out ends the session for real: a copy of the session cookie taken before (from another
 * browser, a log, a stolen laptop) stops working once the reader signs out, or signs out everywhere.
 * Auth.js runs here through its route handlers, as a browser drives it; the copied cookie is then
 * read as our pages read it (lib/session.ts) and as Auth.js's own session endpoint does.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3000";

const { db } = await import("@/lib/db");
const { handlers } = await import("@/lib/auth");
const { readRequestUser, revokeSessions } = await import("@/lib/session");

const origin = "http://localhost:3000";
const cookiePairs = (response: Response) => response.headers.getSetCookie().map((line) => line.split(";")[0]!);

async function csrf(): Promise<{ csrfToken: string; cookie: string }> {
  const response = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookiePairs(response).join("; ") };
}

/** Signs in by magic link as a browser would, and returns the session cookie Auth.js set. */
async function signIn(email: string): Promise<string> {
  const { csrfToken, cookie } = await csrf();
  await handlers.POST(
    new NextRequest(`${origin}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${origin}/feed` }),
    }),
  );
  const mail = await db.mailMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const link = /https?:\/\/\S+token=\S+/.exec(mail.text)![0];
  const session = cookiePairs(await handlers.GET(new NextRequest(link))).find((pair) => /^authjs\.session-token=./.test(pair));
  expect(session, "the link set a session cookie").toBeDefined();
  return session!;
}

/** The reader our pages see for a request carrying this cookie. */
const pageReader = (cookie: string) => readRequestUser(new Headers({ cookie, "x-forwarded-proto": "http" }));

/** The user Auth.js's own session endpoint gives for this cookie, if any. */
async function endpointReader(cookie: string): Promise<string | null> {
  const response = await handlers.GET(new NextRequest(`${origin}/api/auth/session`, { headers: { cookie } }));
  const body = (await response.json()) as { user?: { email?: string } } | null;
  return body?.user?.email ?? null;
}

async function signOut(sessionCookie: string): Promise<void> {
  const { csrfToken, cookie } = await csrf();
  const response = await handlers.POST(
    new NextRequest(`${origin}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${sessionCookie}` },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${origin}/` }),
    }),
  );
  expect(response.status).toBe(302);
}

describe("a copied session cookie", () => {
  it("stops working when the reader signs out", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const copied = await signIn(email);
    expect(await pageReader(copied)).toMatchObject({ email });
    expect(await endpointReader(copied)).toBe(email);

    await signOut(copied);
    expect(await pageReader(copied)).toBeNull();
    expect(await endpointReader(copied)).toBeNull();

    // Signing in again works, and the new session is not spoiled by the old one's sign-out.
    const fresh = await signIn(email);
    expect(await pageReader(fresh)).toMatchObject({ email });
    expect(await pageReader(copied)).toBeNull();
  });

  it("stops working on every device when the reader signs out everywhere", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const laptop = await signIn(email);
    const phone = await signIn(email);
    expect(await pageReader(laptop)).toMatchObject({ email });
    expect(await pageReader(phone)).toMatchObject({ email });

    // What the Settings button does before clearing its own cookie.
    const { id } = await db.user.findUniqueOrThrow({ where: { email } });
    await revokeSessions(id);
    expect(await pageReader(laptop)).toBeNull();
    expect(await pageReader(phone)).toBeNull();
    expect(await endpointReader(phone)).toBeNull();
    expect(await pageReader(await signIn(email))).toMatchObject({ email });
  });

  it("of another reader is untouched by one reader's sign-out", async () => {
    const [ada, bob] = [`ada-${randomUUID()}@example.com`, `bob-${randomUUID()}@example.com`];
    const adaCookie = await signIn(ada);
    const bobCookie = await signIn(bob);
    await signOut(adaCookie);
    expect(await pageReader(bobCookie)).toMatchObject({ email: bob });
  });
});
