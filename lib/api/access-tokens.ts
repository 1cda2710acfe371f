/**
 * Personal access tokens for the REST API (and, later, the MCP server): a reader makes them in
 * Settings, each with a name and a scope. A token is `pb_` and 32 random bytes (base64url); the
 * database keeps only its SHA-256, so the token is shown once when it is made, and a copy of the
 * database opens no account. Revoking stops a token at once. `verifyAccessToken` is the one check
 * every caller of a token makes.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";

export const ACCESS_TOKEN_SCOPES = ["read", "write"] as const;
export type AccessTokenScope = (typeof ACCESS_TOKEN_SCOPES)[number];

/** How many live (unrevoked) tokens a reader may hold: enough for every app, few enough to review. */
export const MAX_ACTIVE_TOKENS = 20;

/** Writing implies reading: a write token may call every read route. */
const GRANTS: Record<AccessTokenScope, readonly AccessTokenScope[]> = { read: ["read"], write: ["read", "write"] };

/** `pb_` and base64url of 32 bytes (43 characters). Anything else is not a token of ours, and is not looked up. */
export const accessTokenFormat = z.string().regex(/^pb_[A-Za-z0-9_-]{43}$/);

export const createAccessTokenInput = z.object({
  name: z
    .string()
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "Name the token after the app or script that will use it.")
        .max(60, "Keep the name under 60 characters.")
        .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Write the name in words: it has a character that is not a letter, digit or punctuation."),
    ),
  scope: z.enum(ACCESS_TOKEN_SCOPES, { error: "Choose read or write." }),
});
export type CreateAccessTokenInput = z.input<typeof createAccessTokenInput>;

export const hashAccessToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type AccessTokenSummary = { id: string; name: string; scope: AccessTokenScope; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

const summarySelect = { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** A new token for the reader. Returns the token, which is nowhere else from now on, and its row. */
export async function createAccessToken(userId: string, input: CreateAccessTokenInput): Promise<{ token: string; summary: AccessTokenSummary }> {
  const { name, scope } = createAccessTokenInput.parse(input);
  const active = await db.personalAccessToken.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) throw new SafeError(`You have ${MAX_ACTIVE_TOKENS} tokens already: revoke one you no longer use first.`, "conflict");
  const token = `pb_${randomBytes(32).toString("base64url")}`;
  const summary = await db.personalAccessToken.create({ data: { userId, name, scope, tokenHash: hashAccessToken(token) }, select: summarySelect });
  return { token, summary };
}

/** The reader's tokens, newest first, revoked ones included (they say when). */
export async function listAccessTokens(userId: string): Promise<AccessTokenSummary[]> {
  return db.personalAccessToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: summarySelect });
}

/** Revokes one of the reader's tokens; another reader's id, or one already revoked, is a not_found. */
export async function revokeAccessToken(userId: string, tokenId: string): Promise<void> {
  const revoked = await db.personalAccessToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (revoked.count === 0) throw new SafeError("That token is already revoked, or is not one of yours.", "not_found");
}

/** Who a token acts for. */
export type AccessTokenIdentity = { userId: string; tokenId: string; scope: AccessTokenScope };

/** last_used_at is a day-to-day hint in Settings: written at most once a minute per token, not on every call. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The reader a token acts for, if it may do `requiredScope`. Throws a SafeError: `unauthorized` for
 * a missing, malformed, unknown or revoked token (one answer for all, so nothing tells them apart),
 * `forbidden` for a token whose scope does not reach. Records when the token was last used.
 */
export async function verifyAccessToken(token: string | null | undefined, requiredScope: AccessTokenScope): Promise<AccessTokenIdentity> {
  const refused = new SafeError("Send a valid personal access token: Authorization: Bearer pb_… (make one in Settings).", "unauthorized");
  if (!token || !accessTokenFormat.safeParse(token).success) throw refused;
  const row = await db.personalAccessToken.findUnique({
    where: { tokenHash: hashAccessToken(token) },
    select: { id: true, userId: true, scope: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) throw refused;
  if (!GRANTS[row.scope].includes(requiredScope)) {
    throw new SafeError(`This token may ${row.scope} only; this needs a ${requiredScope} token.`, "forbidden");
  }
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    await db.personalAccessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) }, select: { id: true } });
  }
  return { userId: row.userId, tokenId: row.id, scope: row.scope };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1]! : null;
}
