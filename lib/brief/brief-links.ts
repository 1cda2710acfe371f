/**
 * Brief email links that work without signing in (open an insight, more/less like this, unsubscribe,
 * view in the browser, "don't show again" on a saved insight that came back). Each carries a token naming one purpose, the reader and an expiry, signed with
 * HMAC-SHA256: base64url(JSON array) "." base64url(signature); an array, not an object, because mail
 * clients and link scanners mangle long URLs. The key is derived from AUTH_SECRET by HKDF under its own
 * label, so a leaked brief token says nothing about session signing and the two are never confused.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getAuthSecret } from "@/lib/auth-secret";
import { SafeError } from "@/lib/errors";

export type BriefLinkPurpose = "click" | "more" | "less" | "unsubscribe" | "view" | "stopReturn";

export type BriefLinkClaims = { userId: string; briefId?: string; insightId?: string };

/** The query parameter that carries a click link's token onto the insight page, which records the click. */
export const BRIEF_CLICK_PARAM = "click";

/** The code of the SafeError `verifyBriefLink` throws, for a page that words each case its own way. */
export type BriefLinkErrorCode = "link_malformed" | "link_invalid" | "link_wrong_purpose" | "link_expired";

export const BRIEF_LINK_TTL_DAYS: Record<BriefLinkPurpose, number> = {
  click: 30,
  more: 30,
  less: 30,
  view: 30,
  // Readers unsubscribe from old mail they find in their inbox months later. A dead unsubscribe
  // link pushes them to "report spam" instead, which hurts delivery for every reader, and
  // CAN-SPAM / Gmail's bulk-sender rules expect it to keep working.
  unsubscribe: 365,
  // "Don't show again" on a saved insight that came back: found in old mail like unsubscribe, and
  // as harmless to keep working (it only stops returns, and the insight stays saved).
  stopReturn: 365,
};

const KEY_LABEL = "podbrief brief links";
// 128 bits of HMAC-SHA256 (as in HMAC-SHA-256-128) is far beyond guessing and keeps URLs short.
const SIGNATURE_BYTES = 16;
// Longer than any token we make; refuses absurd input before any work is done on it.
const MAX_TOKEN_LENGTH = 512;
const DAY_SECONDS = 86_400;

// One letter per purpose in the payload; the whole token is signed, so the letter cannot be swapped.
const PURPOSE_CODES = { click: "c", more: "m", less: "l", unsubscribe: "u", view: "v", stopReturn: "s" } as const satisfies Record<BriefLinkPurpose, string>;

const id = z.string().min(1).max(64);
/** [purpose code, expiry in Unix seconds, userId, briefId or null, insightId or null] */
const payloadSchema = z.tuple([
  z.enum(PURPOSE_CODES),
  z.number().int().positive(),
  id,
  id.nullable(),
  id.nullable(),
]);
type Payload = z.infer<typeof payloadSchema>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

let cachedKey: { secret: string; key: Buffer } | undefined;

function signingKey(): Buffer {
  const secret = getAuthSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", KEY_LABEL, 32)) };
  }
  return cachedKey.key;
}

function sign(encodedPayload: string): string {
  return createHmac("sha256", signingKey()).update(encodedPayload).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}

/** A url-safe token for one purpose, valid for `ttlDays` (by default the purpose's own) from `now`. */
export function signBriefLink(purpose: BriefLinkPurpose, claims: BriefLinkClaims, options: { now?: Date; ttlDays?: number } = {}): string {
  const now = options.now ?? new Date();
  const ttlDays = options.ttlDays ?? BRIEF_LINK_TTL_DAYS[purpose];
  const expiresAt = Math.floor(now.getTime() / 1000) + Math.round(ttlDays * DAY_SECONDS);
  const payload: Payload = payloadSchema.parse([PURPOSE_CODES[purpose], expiresAt, claims.userId, claims.briefId ?? null, claims.insightId ?? null]);
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${sign(encoded)}`;
}

/**
 * The claims of a token made by `signBriefLink` for `purpose`. Throws a SafeError, whose code is a
 * BriefLinkErrorCode, when the token is damaged, changed, made for another purpose, or expired.
 * A token expires at the exact second its expiry names.
 */
export function verifyBriefLink(token: string, purpose: BriefLinkPurpose, now: Date = new Date()): BriefLinkClaims {
  const parts = typeof token === "string" && token.length <= MAX_TOKEN_LENGTH ? token.split(".") : [];
  const [encoded, signature] = parts;
  if (parts.length !== 2 || !encoded || !signature || !BASE64URL.test(encoded) || !BASE64URL.test(signature)) {
    throw linkError("link_malformed");
  }

  // Compared as text, not decoded bytes: base64url's last character has spare bits, and decoding
  // would let several spellings of one signature pass.
  const expected = Buffer.from(sign(encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw linkError("link_invalid");

  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const payload = payloadSchema.safeParse(decoded);
  // Signed by us yet unreadable: only a format change could do this; treat it as damaged.
  if (!payload.success) throw linkError("link_malformed");

  const [code, expiresAt, userId, briefId, insightId] = payload.data;
  if (code !== PURPOSE_CODES[purpose]) throw linkError("link_wrong_purpose");
  if (now.getTime() >= expiresAt * 1000) throw linkError("link_expired");

  return { userId, ...(briefId !== null && { briefId }), ...(insightId !== null && { insightId }) };
}

const MESSAGES: Record<BriefLinkErrorCode, string> = {
  link_malformed: "This link is incomplete or damaged. Open it again from the email, making sure the whole link was copied.",
  link_invalid: "This link is not valid: it was changed after we sent it. Open it again from the email.",
  link_wrong_purpose: "This link is meant for a different page. Open it again from the email.",
  link_expired: "This link has expired. Sign in to Podbrief, or open the link from a more recent brief.",
};

function linkError(code: BriefLinkErrorCode): SafeError {
  return new SafeError(MESSAGES[code], code);
}
