/**
 * Session tokens in Auth.js's own format (a JWE, `dir` + A256CBC-HS512, its key derived by HKDF from
 * the secret and the cookie name, `kid` the key's thumbprint), with the derived key and its thumbprint
 * kept per secret and salt. Auth.js derives and thumbprints the key again on every decode, which cost
 * more than the decryption itself; the token format is unchanged, so cookies sealed by either read in
 * the other (tests/unit/session-token.test.ts).
 */
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** Secrets × cookie names × algorithms: a handful in practice; the bound only guards against misuse. */
const MAX_KEYS = 64;

type DerivedKey = { key: Uint8Array; kid: string };
const derivedKeys = new Map<string, Promise<DerivedKey>>();

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const id = `${enc}\0${salt}\0${secret}`;
  let known = derivedKeys.get(id);
  if (!known) {
    const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : null;
    if (length === null) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    known = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${length << 3}` as "sha512" | "sha256").then((kid) => ({ key, kid }));
    if (derivedKeys.size >= MAX_KEYS) derivedKeys.clear();
    derivedKeys.set(id, known);
  }
  return known;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** As Auth.js's `encode`: sealed with the first secret. */
export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt }: JWTEncodeParams): Promise<string> {
  const { key, kid } = await derivedKey(ENC, secretsOf(secret)[0]!, salt);
  return new EncryptJWT(token as JWTPayload)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/** As Auth.js's `decode`: any of the secrets whose key matches the token's `kid` (or the first, without one). */
export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const fast = await decryptOwnFormat(token, secretsOf(secret)[0]!, salt);
  if (fast) return fast;
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const each of secretsOf(secret)) {
        const derived = await derivedKey(enc, each, salt);
        if (kid === undefined || kid === derived.kid) return derived.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload as JWT;
}

const CLOCK_TOLERANCE_SECONDS = 15;

/**
 * The tokens we and Auth.js seal (`dir`, A256CBC-HS512, `kid` of the first secret, nothing else in
 * the header) opened with node:crypto in one synchronous step: jose imports two WebCrypto keys per
 * call, which cost most of a decode. RFC 7516/7518 §5.2: the MAC key is the key's first half, the tag
 * HMAC-SHA-512 over AAD, IV, ciphertext and AAD's bit length, cut to 32 bytes. Anything else (another
 * secret's kid, another algorithm) returns null and goes through jose.
 */
async function decryptOwnFormat(token: string, secret: string, salt: string): Promise<JWT | null> {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  const [protectedHeader, , iv64, ciphertext64, tag64] = parts as [string, string, string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const { key, kid } = await derivedKey(ENC, secret, salt);
  if (!isOwnHeader(header, kid)) return null;
  const iv = Buffer.from(iv64, "base64url");
  const ciphertext = Buffer.from(ciphertext64, "base64url");
  const tag = Buffer.from(tag64, "base64url");
  const aad = Buffer.from(protectedHeader, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  const expected = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
  if (iv.length !== 16 || tag.length !== 32 || !timingSafeEqual(tag, expected)) throw new Error("JWE authentication failed");
  const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
  const payload: unknown = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
  if (!isClaims(payload)) throw new Error("JWT Claims Set must be a top-level JSON object with numeric dates");
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp === "number" && payload.exp <= now - CLOCK_TOLERANCE_SECONDS) throw new Error('"exp" claim timestamp check failed');
  if (typeof payload.nbf === "number" && payload.nbf > now + CLOCK_TOLERANCE_SECONDS) throw new Error('"nbf" claim timestamp check failed');
  return payload;
}

function isOwnHeader(header: unknown, kid: string): boolean {
  if (typeof header !== "object" || header === null) return false;
  const entries = Object.entries(header);
  return entries.length === 3 && entries.every(([name, value]) => (name === "alg" && value === ALG) || (name === "enc" && value === ENC) || (name === "kid" && value === kid));
}

function isClaims(payload: unknown): payload is JWT {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return false;
  const claims = payload as Record<string, unknown>;
  return ["iat", "nbf", "exp"].every((name) => claims[name] === undefined || typeof claims[name] === "number");
}
