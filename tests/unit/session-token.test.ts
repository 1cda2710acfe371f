/**
 * Our session tokens are Auth.js's: a cookie Auth.js sealed reads with ours and one we sealed reads
 * with Auth.js's, so sessions issued before the change stay valid, and the key kept per secret never
 * opens a token sealed under another secret or cookie name.
 */
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";

const secret = "a-test-secret-that-is-long-enough-for-auth-js";
const other = "another-secret-that-is-long-enough-for-auth";
const salt = "authjs.session-token";
const token = { sub: "reader-1", email: "ada@example.com", name: "Ada", sv: 2 };

describe("session tokens", () => {
  it("reads a token Auth.js sealed, and Auth.js reads ours, claims and expiry alike", async () => {
    const theirs = await encode({ token, secret, salt, maxAge: 60 });
    const ours = await encodeSessionToken({ token, secret, salt, maxAge: 60 });
    const readByUs = await decodeSessionToken({ token: theirs, secret, salt });
    const readByThem = await decode({ token: ours, secret, salt });
    expect(readByUs).toMatchObject(token);
    expect(readByThem).toMatchObject(token);
    for (const payload of [readByUs!, readByThem!]) expect(payload.exp! - payload.iat!).toBe(60);
    // The same header: algorithm, encryption and the key's thumbprint.
    const header = (jwe: string) => JSON.parse(Buffer.from(jwe.split(".")[0]!, "base64url").toString("utf8"));
    expect(header(ours)).toEqual(header(theirs));
  });

  it("reads again with the kept key, and never under another secret or cookie name", async () => {
    const ours = await encodeSessionToken({ token, secret, salt });
    expect(await decodeSessionToken({ token: ours, secret, salt })).toMatchObject(token);
    expect(await decodeSessionToken({ token: ours, secret, salt })).toMatchObject(token);
    await expect(decodeSessionToken({ token: ours, secret: other, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: ours, secret, salt: `__Secure-${salt}` })).rejects.toThrow();
    // A rotated secret: the old one still opens what it sealed, found by the token's key id.
    expect(await decodeSessionToken({ token: ours, secret: [other, secret], salt })).toMatchObject(token);
    expect(await decode({ token: await encodeSessionToken({ token, secret: [other, secret], salt }), secret: other, salt })).toMatchObject(token);
  });

  it("refuses an expired token, as Auth.js does", async () => {
    const expired = await encode({ token, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });
});

describe("a tampered token", () => {
  it("is refused, whichever part was changed", async () => {
    const sealed = await encodeSessionToken({ token, secret, salt });
    const parts = sealed.split(".");
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[bytes.length - 1]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((part, i) => (i === index ? flip(part) : part)).join(".");
      await expect(decodeSessionToken({ token: tampered, secret, salt })).rejects.toThrow();
      await expect(decode({ token: tampered, secret, salt })).rejects.toThrow();
    }
  });
});
