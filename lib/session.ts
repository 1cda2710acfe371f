/**
 * The signed-in reader of a request, read once per request however many ask (React `cache`). The
 * cookie is decrypted exactly as Auth.js reads it (cookie name, chunks, salt, secret, expiry) without
 * calling `auth()`, which runs Auth.js's whole session endpoint, CSRF token and re-encrypted cookie
 * included, on every call. Revocation: a cookie carries the session version (claim `sv`) it was issued
 * under; signing out bumps the version in `users`, so every earlier cookie, copies included, stops working.
 */
import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuthSecret } from "@/lib/auth-secret";
import { db, PREPARED } from "@/lib/db";
import { decodeSessionToken } from "@/lib/session-token";

export type CurrentUser = { id: string; email: string | null; name: string | null };
/** What a session cookie says: the reader, and the session version it was issued under. */
export type SessionClaims = CurrentUser & { sessionVersion: number };

/** The JWT claim holding the session version; cookies from before it existed read as version 0. */
export const SESSION_VERSION_CLAIM = "sv";

/** Auth.js's session cookie, by the request's protocol. */
const SESSION_COOKIE = { http: "authjs.session-token", https: "__Secure-authjs.session-token" } as const;

/**
 * Sessions already decrypted, by secret, cookie name and token: every page view of a reader carries
 * the same cookie, and decrypting it (key derivation, AES, HMAC through WebCrypto) cost more CPU than
 * the rest of a small page. An entry holds until its token expires; the oldest go first past the bound.
 */
const decrypted = new Map<string, { user: SessionClaims; expiresAt: number }>();
const MAX_DECRYPTED = 10_000;

/**
 * The reader a session cookie claims, or null when there is none, or it is forged, expired or
 * sealed with another secret. Auth.js names the cookie by the request's protocol: `__Secure-` over
 * https, and when the protocol is not known; the name is also the key's salt. Whether the session
 * was revoked since is sessionIsCurrent's question.
 */
export async function readSessionUser(
  { cookie, forwardedProto }: { cookie: string | null; forwardedProto: string | null },
  secret: string,
): Promise<SessionClaims | null> {
  if (!cookie) return null;
  const cookieName = (forwardedProto ?? "https").startsWith("https") ? SESSION_COOKIE.https : SESSION_COOKIE.http;
  // The cookie alone (joined from its chunks): unlike getToken's default, no Authorization header stands in for it.
  const token = await getToken({ req: { headers: { cookie } }, secret, cookieName, raw: true });
  if (!token) return null;
  const key = `${secret}\n${cookieName}\n${token}`;
  const known = decrypted.get(key);
  if (known && known.expiresAt > Date.now()) return known.user;
  decrypted.delete(key);

  const payload = await decodeSessionToken({ token, secret, salt: cookieName }).catch(() => null);
  if (!payload?.sub || typeof payload.exp !== "number") return null;
  const version = payload[SESSION_VERSION_CLAIM];
  const user = { id: payload.sub, email: payload.email ?? null, name: payload.name ?? null, sessionVersion: typeof version === "number" ? version : 0 };
  if (decrypted.size >= MAX_DECRYPTED) decrypted.delete(decrypted.keys().next().value!);
  decrypted.set(key, { user, expiresAt: payload.exp * 1000 });
  return user;
}

/**
 * True while the reader exists and has not signed out since the session was issued: one primary-key
 * read, as a prepared statement (half the cost of the same read through findUnique, about that of
 * `SELECT 1`: Prisma's own work dominates a read this small).
 */
export async function sessionIsCurrent({ id, sessionVersion }: { id: string; sessionVersion: number }): Promise<boolean> {
  const [row] = await db.$queryRaw<{ session_version: number }[]>`${PREPARED} SELECT session_version FROM users WHERE id = ${id}`;
  return row !== undefined && row.session_version === sessionVersion;
}

/** The reader's current session version, to seal into a new session cookie. */
export async function currentSessionVersion(userId: string): Promise<number> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? 0;
}

/**
 * Ends the reader's sessions everywhere: every cookie issued before stops working. With
 * `issuedUnder`, only when the version is still that one, so ending one session twice (our sign-out
 * action and Auth.js's sign-out event both do) bumps it once.
 */
export async function revokeSessions(userId: string, issuedUnder?: number): Promise<void> {
  await db.user.updateMany({
    where: { id: userId, ...(issuedUnder === undefined ? {} : { sessionVersion: issuedUnder }) },
    data: { sessionVersion: { increment: 1 } },
  });
}

/** The signed-in reader of a request, from its headers: the cookie's claims, if still current. */
export async function readRequestUser(requestHeaders: Headers): Promise<CurrentUser | null> {
  const claims = await readSessionUser({ cookie: requestHeaders.get("cookie"), forwardedProto: requestHeaders.get("x-forwarded-proto") }, getAuthSecret());
  if (!claims || !(await sessionIsCurrent(claims))) return null;
  return { id: claims.id, email: claims.email, name: claims.name };
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => readRequestUser(await headers()));

/** The signed-in reader; anyone else is sent to sign in and brought back to `returnTo` afterwards. */
export async function requireUser(returnTo = "/feed"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
