/**
 * Reading the session cookie the way Auth.js writes it: the reader comes back from a cookie Auth.js
 * would set, and nobody comes back from a cookie that is forged, expired, sealed with another secret
 * or carried under the wrong name for the request's protocol.
 */
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionUser, SESSION_VERSION_CLAIM } from "@/lib/session";

const secret = "a-test-secret-that-is-long-enough-for-auth-js";
const plain = "authjs.session-token";
const secure = "__Secure-authjs.session-token";
const reader = { sub: "reader-1", email: "ada@example.com", name: "Ada", picture: null };

const seal = (salt: string, { key = secret, maxAge }: { key?: string; maxAge?: number } = {}) => encode({ token: reader, secret: key, salt, maxAge });

describe("the session cookie", () => {
  it("gives the reader of a cookie Auth.js would set, over http and over https", async () => {
    expect(await readSessionUser({ cookie: `${plain}=${await seal(plain)}`, forwardedProto: "http" }, secret)).toEqual({ id: "reader-1", email: "ada@example.com", name: "Ada", sessionVersion: 0 });
    expect(await readSessionUser({ cookie: `other=1; ${secure}=${await seal(secure)}`, forwardedProto: "https" }, secret)).toMatchObject({ id: "reader-1" });
    // No protocol header: Auth.js assumes https.
    expect(await readSessionUser({ cookie: `${secure}=${await seal(secure)}`, forwardedProto: null }, secret)).toMatchObject({ id: "reader-1" });
  });

  it("gives the session version the cookie was issued under, for the revocation check", async () => {
    const cookie = `${plain}=${await encode({ token: { ...reader, [SESSION_VERSION_CLAIM]: 3 }, secret, salt: plain })}`;
    expect(await readSessionUser({ cookie, forwardedProto: "http" }, secret)).toMatchObject({ id: "reader-1", sessionVersion: 3 });
  });

  it("joins a cookie split into chunks", async () => {
    const token = await seal(plain);
    const half = Math.floor(token.length / 2);
    const cookie = `${plain}.1=${token.slice(half)}; ${plain}.0=${token.slice(0, half)}`;
    expect(await readSessionUser({ cookie, forwardedProto: "http" }, secret)).toMatchObject({ id: "reader-1" });
  });

  it("gives nobody for a missing, forged, expired or foreign cookie", async () => {
    const none = async (cookie: string | null, forwardedProto = "http") => expect(await readSessionUser({ cookie, forwardedProto }, secret)).toBeNull();
    await none(null);
    await none("theme=dark");
    await none(`${plain}=not-a-token`);
    await none(`${plain}=${await seal(plain, { key: "another-secret-that-is-long-enough-for-auth" })}`);
    await none(`${plain}=${await seal(plain, { maxAge: -60 })}`);
    // Sealed for one cookie name, presented under the other.
    await none(`${plain}=${await seal(secure)}`);
    // The plain cookie on an https request, as Auth.js ignores it there.
    await none(`${plain}=${await seal(plain)}`, "https");
  });

  describe("read again", () => {
    afterEach(() => vi.useRealTimers());

    it("gives the same reader, never past the token's expiry, and never under another secret", async () => {
      const cookie = `${plain}=${await seal(plain, { maxAge: 60 })}`;
      expect(await readSessionUser({ cookie, forwardedProto: "http" }, secret)).toMatchObject({ id: "reader-1" });
      expect(await readSessionUser({ cookie, forwardedProto: "http" }, secret)).toMatchObject({ id: "reader-1" });
      expect(await readSessionUser({ cookie, forwardedProto: "http" }, "another-secret-that-is-long-enough-for-auth")).toBeNull();
      expect(await readSessionUser({ cookie, forwardedProto: "https" }, secret)).toBeNull();
      vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
      expect(await readSessionUser({ cookie, forwardedProto: "http" }, secret)).toBeNull();
    });
  });
});
