/**
 * allMatches stands in for matchAll in cleaning, which asks a dozen patterns about every sentence:
 * it must find exactly what matchAll finds.
 */
import { describe, expect, it } from "vitest";
import { allMatches } from "@/lib/nlp/all-matches";

const described = (matches: RegExpMatchArray[]) => matches.map((match) => [match.index, ...match]);

describe("allMatches", () => {
  it("finds what matchAll finds, groups and places included", () => {
    const text = "Like, it was like — like, you know, likely like.";
    const pattern = /(l)ike(?![\p{L}])/giu;
    expect(described(allMatches(pattern, text))).toEqual(described([...text.matchAll(pattern)]));
    expect(allMatches(pattern, text)).toHaveLength(4);
  });

  it("steps past empty matches as matchAll does, a whole code point at a time under /u", () => {
    const text = "a😀b";
    for (const pattern of [/x*/g, /x*/gu]) expect(described(allMatches(pattern, text))).toEqual(described([...text.matchAll(pattern)]));
  });

  it("leaves the pattern ready to be used again inside the caller's loop", () => {
    const pattern = /\d+/g;
    const seen = allMatches(pattern, "1 22 333").map((match) => [match[0], allMatches(pattern, `${match[0]} 4`).length]);
    expect(seen).toEqual([["1", 2], ["22", 2], ["333", 2]]);
    expect(pattern.lastIndex).toBe(0);
  });

  it("refuses a pattern without the global flag", () => {
    expect(() => allMatches(/x/, "x")).toThrow();
  });
});
