/**
 * The address a sign-in link goes to: ours and Auth.js's default normalizer agree on every address
 * ours accepts, so what the rate limits count is what Auth.js mails; ours refuses, rather than
 * repairs, what Auth.js's would cut.
 */
import { describe, expect, it } from "vitest";
// Auth.js's own default normalizer, by file: the package does not export it.
import { defaultNormalizer } from "@/node_modules/@auth/core/lib/actions/signin/send-token.js";
import { SafeError } from "@/lib/errors";
import { normalizeSignInEmail } from "@/lib/sign-in-email";

describe("a sign-in address", () => {
  it.each(["ada@example.com", "  Ada@Example.COM ", "ａｄａ@example.com", "a.b+c@sub.example.org"])("%j is normalized as Auth.js does", (value) => {
    expect(normalizeSignInEmail(value)).toBe(defaultNormalizer(value));
  });

  it.each(['"attacker@evil.example"@example.com', "ada@example.com,evil.example", "a@b@example.com", "ada", "", "ada@example.com\nbcc@evil.example"])(
    "%j is refused in words",
    (value) => {
      expect(() => normalizeSignInEmail(value)).toThrow(SafeError);
    },
  );

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, ["ada@example.com"], 42]) expect(() => normalizeSignInEmail(value)).toThrow("Enter a valid email address.");
  });
});
