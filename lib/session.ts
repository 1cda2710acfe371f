/**
 * The signed-in reader of a request. Pages, layouts, route handlers and server actions ask here, and
 * a request reads its session cookie once however many of them ask (React `cache`).
 *
 * The cookie is decrypted exactly as Auth.js reads it (same cookie name, chunks, salt and secret,
 * expiry checked), without calling `auth()`: that runs Auth.js's whole session endpoint on every call,
 * CSRF token and a re-encrypted, refreshed cookie included, which a Server Component cannot even set.
 * Under load that cost more CPU than rendering a small page (npm run bench:feed).
 */
import "server-only";
import { decode, getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuthSecret } from "@/lib/auth-secret";

export type CurrentUser = { id: string; email: string | null; name: string | null };

/** Auth.js's session cookie, by the request's protocol. */
const SESSION_COOKIE = { http: "authjs.session-token", https: "__Secure-authjs.session-token" } as const;

/**
 * Sessions already decrypted, by secret, cookie name and token: every page view of a reader carries
 * the same cookie, and decrypting it (key derivation, AES, HMAC through WebCrypto) cost more CPU than
 * the rest of a small page. An entry holds until its token expires; the oldest go first past the bound.
 */
const decrypted = new Map<string, { user: CurrentUser; expiresAt: number }>();
const MAX_DECRYPTED = 10_000;

/**
 * The reader a session cookie belongs to, or null when there is none, or it is forged, expired or
 * sealed with another secret. Auth.js names the cookie by the request's protocol: `__Secure-` over
 * https, and when the protocol is not known; the name is also the key's salt.
 */
export async function readSessionUser(
  { cookie, forwardedProto }: { cookie: string | null; forwardedProto: string | null },
  secret: string,
): Promise<CurrentUser | null> {
  if (!cookie) return null;
  const cookieName = (forwardedProto ?? "https").startsWith("https") ? SESSION_COOKIE.https : SESSION_COOKIE.http;
  // The cookie alone (joined from its chunks): unlike getToken's default, no Authorization header stands in for it.
  const token = await getToken({ req: { headers: { cookie } }, secret, cookieName, raw: true });
  if (!token) return null;
  const key = `${secret}\n${cookieName}\n${token}`;
  const known = decrypted.get(key);
  if (known && known.expiresAt > Date.now()) return known.user;
  decrypted.delete(key);

  const payload = await decode({ token, secret, salt: cookieName }).catch(() => null);
  if (!payload?.sub || typeof payload.exp !== "number") return null;
  const user = { id: payload.sub, email: payload.email ?? null, name: payload.name ?? null };
  if (decrypted.size >= MAX_DECRYPTED) decrypted.delete(decrypted.keys().next().value!);
  decrypted.set(key, { user, expiresAt: payload.exp * 1000 });
  return user;
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const requestHeaders = await headers();
  return readSessionUser({ cookie: requestHeaders.get("cookie"), forwardedProto: requestHeaders.get("x-forwarded-proto") }, getAuthSecret());
});

/** The signed-in reader; anyone else is sent to sign in and brought back to `returnTo` afterwards. */
export async function requireUser(returnTo = "/feed"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
