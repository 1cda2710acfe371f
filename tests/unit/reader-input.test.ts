/**
 * What a reader is told when their input is refused: the words written for that field, or the
 * form's own fallback, never zod's wording for developers ("Too big: expected int to be <=…").
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseReaderInput, SafeError } from "@/lib/errors";
import { feedbackInput } from "@/lib/feed/feed-events";
import { parseSearchInput } from "@/lib/search/search-insights";
import { topicPhraseInput } from "@/lib/topics/reader-topics";

/** The words a reader would see for this input, or null when it is accepted. */
function refusal(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(SafeError);
    return (error as Error).message;
  }
}

const ZOD_WORDING = /expected|Too big|Too small|Invalid input|received/i;

describe("refused input, in words", () => {
  it("answers a search page far past the end with the search's own words", () => {
    // /search?page=99999999999999999999: the offset is past Number.MAX_SAFE_INTEGER.
    const message = refusal(() => parseSearchInput({ q: "kettles", offset: 1e21 }));
    expect(message).toBe("Search shows the first pages of results only: try more specific words.");
  });

  it("answers input of the wrong kind with the form's fallback", () => {
    for (const input of [{ q: 42 }, { q: "kettles", take: "many" }, { q: "kettles", offset: -1 }, { q: "kettles", topic: "x".repeat(500) }]) {
      const message = refusal(() => parseSearchInput(input as never));
      expect(message).not.toMatch(ZOD_WORDING);
      expect(message).toBeTruthy();
    }
    expect(refusal(() => parseReaderInput(feedbackInput, { insightId: "x".repeat(65), direction: "sideways" }, "Choose what to see more or less of."))).toBe("Choose what to see more or less of.");
  });

  it("keeps each field's own message", () => {
    expect(refusal(() => parseReaderInput(topicPhraseInput, "ai", "fallback"))).toBe("Describe the topic in a few words.");
    expect(refusal(() => parseReaderInput(topicPhraseInput, "x".repeat(81), "fallback"))).toBe("Keep the topic under 80 characters.");
    expect(refusal(() => parseReaderInput(topicPhraseInput, "heat\u0000pumps", "fallback"))).toMatch(/^Write the topic in words/);
    expect(refusal(() => parseReaderInput(topicPhraseInput, null, "Describe the topic in a few words."))).toBe("Describe the topic in a few words.");
    expect(parseReaderInput(z.object({ n: z.coerce.number().int() }), { n: "7" }, "fallback")).toEqual({ n: 7 });
  });
});
