import { describe, expect, it } from "vitest";
import { monogramFor, monogramInitials } from "@/lib/artwork/monogram";

describe("a show's monogram tile", () => {
  it("takes the initials of the first two telling words", () => {
    expect(monogramInitials("The Changelog: Software Development, Open Source")).toBe("CS");
    expect(monogramInitials("Talk Python To Me")).toBe("TP");
    expect(monogramInitials("Lex Fridman Podcast")).toBe("LF");
    expect(monogramInitials("The Show")).toBe("TS");
    expect(monogramInitials("99% Invisible")).toBe("9I");
    expect(monogramInitials("ñandú radio")).toBe("ÑR");
    expect(monogramInitials("!!!")).toBe("?");
  });

  it("gives a show the same colour every time, and different shows different colours", () => {
    expect(monogramFor("Talk Python To Me")).toEqual(monogramFor("Talk Python To Me"));
    expect(monogramFor("  talk python to me ").background).toBe(monogramFor("Talk Python To Me").background);
    const names = ["Talk Python To Me", "The Changelog", "Lex Fridman Podcast", "Software Engineering Daily", "Hard Fork", "Acquired"];
    expect(new Set(names.map((name) => monogramFor(name).background)).size).toBeGreaterThan(4);
  });

  it("gives the colour as hex, the one form the email, the pages and the share image all read", () => {
    expect(monogramFor("Talk Python To Me").background).toMatch(/^#[0-9a-f]{6}$/);
  });
});
