/**
 * Signing in through a generic OIDC provider, end to end through Auth.js's own route handlers against
 * a local IdP (tests/helpers/oidc-server.ts): discovery, the authorization redirect with PKCE, the code
 * exchanged for a signed ID token, and the account made. The sign-up policy applies to it as to email
 * (here SIGNUPS=domains), and an address the IdP has not verified is refused.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { startOidcServer } from "@/tests/helpers/oidc-server";

const idp = await startOidcServer();
process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3000";
process.env.OIDC_ISSUER = idp.issuer;
process.env.OIDC_CLIENT_ID = idp.clientId;
process.env.OIDC_CLIENT_SECRET = idp.clientSecret;
process.env.OIDC_NAME = "Staff login";
process.env.SIGNUPS = "domains";
process.env.SIGNUP_DOMAINS = "staff.example.com";

const { db } = await import("@/lib/db");
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const origin = "http://localhost:3000";

afterAll(async () => {
  await idp.close();
});

/** Cookies as a browser keeps them: each Set-Cookie replaces the one of its name. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  has(name: string) {
    return this.cookies.has(name) && this.cookies.get(name) !== "";
  }
}

/** "Continue with Staff login", the IdP's login as `claims`, and back: where Auth.js sends the browser last. */
async function signInWithOidc(claims: Parameters<typeof idp.authorize>[1]): Promise<{ location: URL; jar: CookieJar }> {
  const jar = new CookieJar();
  const csrf = await GET(new NextRequest(`${origin}/api/auth/csrf`));
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await POST(
    new NextRequest(`${origin}/api/auth/signin/oidc`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${origin}/feed` }).toString(),
    }),
  );
  jar.take(start);
  const authorization = start.headers.get("location")!;
  expect(authorization.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
  expect(new URL(authorization).searchParams.get("code_challenge_method")).toBe("S256");
  const callback = await GET(new NextRequest(idp.authorize(authorization, claims), { headers: { cookie: jar.header() } }));
  jar.take(callback);
  return { location: new URL(callback.headers.get("location")!, origin), jar };
}

describe("signing in with a generic OIDC provider", () => {
  it("makes the account of an address the policy admits, from the IdP's verified claims, and signs it in", async () => {
    const email = `ada-${randomUUID().slice(0, 8)}@staff.example.com`;
    const { location, jar } = await signInWithOidc({ sub: `sub-${randomUUID()}`, email: email.toUpperCase(), email_verified: true, name: "Ada" });
    expect(idp.refusals).toEqual([]);
    expect(location.pathname).toBe("/feed");
    expect(jar.has("authjs.session-token")).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
    expect(user.name).toBe("Ada");
    expect(user.accounts.map((account) => account.provider)).toEqual(["oidc"]);
  });

  it("refuses an address the sign-up policy does not admit, making no account", async () => {
    const email = `eve-${randomUUID().slice(0, 8)}@example.com`;
    const { location, jar } = await signInWithOidc({ sub: `sub-${randomUUID()}`, email, email_verified: true });
    expect(location.pathname + location.search).toBe("/sign-in?error=SignUpsClosed");
    expect(jar.has("authjs.session-token")).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("refuses an address the IdP has not verified, even at an admitted domain", async () => {
    const email = `mallory-${randomUUID().slice(0, 8)}@staff.example.com`;
    const { location } = await signInWithOidc({ sub: `sub-${randomUUID()}`, email, email_verified: false });
    expect(location.pathname + location.search).toBe("/sign-in?error=EmailUnverified");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
