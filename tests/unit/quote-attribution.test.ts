import { describe, expect, it } from "vitest";
import { formatTimestamp } from "@/lib/format";
import { asSaidLabel, bodyRepeatsQuote, quoteTime, quoteToShow, wordSimilarity } from "@/lib/insights/quote-attribution";

const QUOTE =
  "So, um, China's daily token consumption rose from about 100 billion to, you know, roughly 30 trillion tokens in eighteen months, and and that is the number that tells you adoption is real.";

describe("the quote beside the body", () => {
  it("shows the words once when the body is the quote with fillers, stutters and punctuation tidied", () => {
    const body = "China's daily token consumption rose from about 100 billion to roughly 30 trillion tokens in eighteen months, and that is the number that tells you adoption is real.";
    expect(wordSimilarity(body, QUOTE)).toBeGreaterThanOrEqual(0.9);
    expect(bodyRepeatsQuote(body, QUOTE)).toBe(true);
    expect(bodyRepeatsQuote(QUOTE, QUOTE)).toBe(true);
    expect(bodyRepeatsQuote("CHINA’S daily token consumption ROSE", "china's daily token consumption rose.")).toBe(true);
    // Non-speech in brackets is not what was said, even with a time in it.
    expect(bodyRepeatsQuote("It was published in a magazine called Human Behavior.", "It was [unintelligible 00:14:22.07] published in a magazine [laughs] called Human Behavior.")).toBe(true);
  });

  it("shows both when the body says it in other words", () => {
    const body =
      "Host Ana Ruiz points to China's token consumption, up from about 100 billion to roughly 30 trillion a day in eighteen months, as the evidence that adoption is real rather than hype.";
    expect(wordSimilarity(body, QUOTE)).toBeLessThan(0.9);
    expect(bodyRepeatsQuote(body, QUOTE)).toBe(false);
  });

  it("shows both when the body keeps only part of what was said", () => {
    const body = "China's daily token consumption rose from about 100 billion to roughly 30 trillion tokens in eighteen months.";
    expect(bodyRepeatsQuote(body, QUOTE)).toBe(false);
  });

  it("shows both when the body lost a negation or a number of the quote, however alike the rest", () => {
    const quote = "I don't think there is a scenario where the incumbent keeps being the leader for the next ten years of this market.";
    const withoutNegation = "I do think there is a scenario where the incumbent keeps being the leader for the next ten years of this market.";
    expect(wordSimilarity(withoutNegation, quote)).toBeGreaterThanOrEqual(0.9);
    expect(bodyRepeatsQuote(withoutNegation, quote)).toBe(false);
    const numbered = "Revenue grew 8% in the quarter while the rest of the market shrank for the third quarter running, they said.";
    expect(bodyRepeatsQuote(numbered.replace("8%", "33%"), numbered)).toBe(false);
  });

  it("gives no time for an untimed transcript's quote (start = end = 0), and the time for a timed one", () => {
    expect(quoteTime({ startSeconds: 0, endSeconds: 0 })).toBeNull();
    expect(quoteTime({ startSeconds: 0, endSeconds: 12.5 })).toBe(0);
    expect(quoteTime({ startSeconds: 754.9, endSeconds: 780 })).toBe(754);
  });

  it("labels the quote 'as said', with the time and the speaker where known", () => {
    expect(asSaidLabel(754)).toBe("as said, at 12:34");
    expect(asSaidLabel(3723, "Ana  Ruiz")).toBe("as said by Ana Ruiz, at 1:02:03");
    expect(asSaidLabel(null)).toBe("as said");
    expect(asSaidLabel(null, "Ana Ruiz")).toBe("as said by Ana Ruiz");
    expect(formatTimestamp(65)).toBe("1:05");
  });

  it("gives a surface the quote to show after the body, or nothing when the body says it", () => {
    expect(quoteToShow("Chips are scarce.", "Um, chips are scarce.")).toBeNull();
    expect(quoteToShow("Ana Ruiz says chips will stay scarce until 2027.", "Chips are scarce, and they will be until 2027.")).toBe("Chips are scarce, and they will be until 2027.");
    expect(quoteToShow("Chips are scarce.", "  ")).toBeNull();
  });
});
