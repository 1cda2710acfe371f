import { beforeAll, describe, expect, it, vi } from "vitest";
import { SafeError } from "@/lib/errors";
import { BRIEF_LINK_TTL_DAYS, signBriefLink, verifyBriefLink, type BriefLinkPurpose } from "@/lib/brief/brief-links";

// getEnv() reads process.env once, on first use (and each test file has its own module cache), so
// the secret only has to be in place before the first token is signed.
beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret-for-brief-links-0123456789";
});

const PURPOSES: BriefLinkPurpose[] = ["click", "more", "less", "unsubscribe", "view"];
const DAY_MS = 86_400_000;
const issuedAt = new Date("2026-11-30T07:00:00.000Z");
const claims = { userId: "cmiabcdefghijklmnopqrstuv", briefId: "cmibriefbriefbriefbriefbr", insightId: "cmiinsightinsightinsighti" };

function failure(run: () => unknown): SafeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SafeError);
    return error as SafeError;
  }
  throw new Error("expected the link to be refused");
}

/** The token with one character of the given part changed. */
function tamper(token: string, part: 0 | 1, at = 3): string {
  const parts = token.split(".");
  const text = parts[part]!;
  const swapped = text[at] === "A" ? "B" : "A";
  parts[part] = text.slice(0, at) + swapped + text.slice(at + 1);
  return parts.join(".");
}

describe("brief links", () => {
  it("carry the reader, brief and insight they were made for", () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    expect(verifyBriefLink(token, "click", new Date(issuedAt.getTime() + DAY_MS))).toEqual(claims);
  });

  it("leave out the ids they were not given", () => {
    const token = signBriefLink("unsubscribe", { userId: "u1" }, { now: issuedAt });
    expect(verifyBriefLink(token, "unsubscribe", issuedAt)).toEqual({ userId: "u1" });
  });

  it("are short and url-safe", () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(160);
  });

  it("refuse a changed payload", () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    const error = failure(() => verifyBriefLink(tamper(token, 0), "click", issuedAt));
    expect(error.code).toBe("link_invalid");
    expect(error.message).toMatch(/changed/);
  });

  it("refuse a payload re-signed by someone who does not hold the key", () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    const [, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["c", 4_102_444_800, "someone-else", null, null])).toString("base64url");
    expect(failure(() => verifyBriefLink(`${forged}.${signature}`, "click", issuedAt)).code).toBe("link_invalid");
  });

  it("refuse a changed signature, including one that decodes to the same bytes", () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    expect(failure(() => verifyBriefLink(tamper(token, 1), "click", issuedAt)).code).toBe("link_invalid");
    // 16 bytes take 22 base64url characters; the last one has spare bits a lenient decoder ignores.
    const [payload, signature] = token.split(".") as [string, string];
    const last = signature.at(-1)!;
    const sameBytes = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
      .split("")
      .map((c) => signature.slice(0, -1) + c)
      .find((variant) => !variant.endsWith(last) && Buffer.from(variant, "base64url").equals(Buffer.from(signature, "base64url")));
    expect(sameBytes).toBeDefined();
    expect(failure(() => verifyBriefLink(`${payload}.${sameBytes}`, "click", issuedAt)).code).toBe("link_invalid");
    expect(failure(() => verifyBriefLink(`${payload}.${signature}A`, "click", issuedAt)).code).toBe("link_invalid");
  });

  it("are valid until the last millisecond before they expire, and not at the exact expiry", () => {
    const token = signBriefLink("more", claims, { now: issuedAt });
    const expiry = issuedAt.getTime() + BRIEF_LINK_TTL_DAYS.more * DAY_MS;
    expect(verifyBriefLink(token, "more", new Date(expiry - 1))).toEqual(claims);
    const error = failure(() => verifyBriefLink(token, "more", new Date(expiry)));
    expect(error.code).toBe("link_expired");
    expect(error.message).toMatch(/expired/);
  });

  it("take a custom lifetime", () => {
    const token = signBriefLink("view", claims, { now: issuedAt, ttlDays: 1 });
    expect(verifyBriefLink(token, "view", new Date(issuedAt.getTime() + DAY_MS - 1))).toEqual(claims);
    expect(failure(() => verifyBriefLink(token, "view", new Date(issuedAt.getTime() + DAY_MS))).code).toBe("link_expired");
  });

  it("keep unsubscribe links working for a year, and the others for a month", () => {
    const unsubscribe = signBriefLink("unsubscribe", claims, { now: issuedAt });
    const click = signBriefLink("click", claims, { now: issuedAt });
    const in200Days = new Date(issuedAt.getTime() + 200 * DAY_MS);
    expect(verifyBriefLink(unsubscribe, "unsubscribe", in200Days)).toEqual(claims);
    expect(failure(() => verifyBriefLink(click, "click", in200Days)).code).toBe("link_expired");
  });

  it("never verify for a purpose other than their own", () => {
    for (const made of PURPOSES) {
      const token = signBriefLink(made, claims, { now: issuedAt });
      for (const asked of PURPOSES) {
        if (asked === made) {
          expect(verifyBriefLink(token, asked, issuedAt)).toEqual(claims);
        } else {
          const error = failure(() => verifyBriefLink(token, asked, issuedAt));
          expect(error.code).toBe("link_wrong_purpose");
          expect(error.message).toMatch(/different page/);
        }
      }
    }
  });

  it("refuse garbage and empty input as damaged", () => {
    const garbage = ["", ".", "abc", "abc.", ".abc", "a.b.c", "not a token", "a+b/c.d==", "%%%.%%%", "x".repeat(5000), "a".repeat(40) + "." + "b".repeat(22)];
    for (const token of garbage) {
      const error = failure(() => verifyBriefLink(token, "click", issuedAt));
      expect.soft(error.code, JSON.stringify(token.slice(0, 30))).toMatch(/^link_(malformed|invalid)$/);
    }
    expect(failure(() => verifyBriefLink("", "click", issuedAt)).code).toBe("link_malformed");
    expect(failure(() => verifyBriefLink("a.b.c", "click", issuedAt)).message).toMatch(/incomplete or damaged/);
  });

  it("do not verify under another secret", async () => {
    const token = signBriefLink("click", claims, { now: issuedAt });
    vi.resetModules();
    process.env.AUTH_SECRET = "a-different-secret-for-another-installation-xyz";
    try {
      const fresh = await import("@/lib/brief/brief-links");
      expect(() => fresh.verifyBriefLink(token, "click", issuedAt)).toThrow(/changed after we sent it/);
    } finally {
      process.env.AUTH_SECRET = "unit-test-secret-for-brief-links-0123456789";
    }
  });
});
