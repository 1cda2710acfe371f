/**
 * Sentences with their own times and speakers: where a sentence starts and ends in seconds decides
 * where the reader's "play from here" lands.
 */
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import type { TranscriptSegment } from "@/lib/ingest/types";
import { splitIntoSentences, splitSentenceRanges, spreadSharedStarts } from "@/lib/insights/offline/sentences";
import { corpusFile } from "@/tests/helpers/corpus";

const segment = (start: number, end: number, speaker: string | null, text: string): TranscriptSegment => ({ start, end, speaker, text });
const sentencesOf = (text: string) => splitSentenceRanges(text).map(([from, to]) => text.slice(from, to));

describe("splitSentenceRanges", () => {
  it("splits at full stops, question and exclamation marks", () => {
    expect(sentencesOf("It costs $80 million. Why? Because of compute! That's the story.")).toEqual([
      "It costs $80 million.",
      "Why?",
      "Because of compute!",
      "That's the story.",
    ]);
  });

  it("does not split at abbreviations, initials, decimals or inside domains", () => {
    expect(sentencesOf("Dr. Smith moved to the U.S. in 2019. Version 3.5 ships on talkpython.fm today.")).toEqual([
      "Dr. Smith moved to the U.S. in 2019.",
      "Version 3.5 ships on talkpython.fm today.",
    ]);
    expect(sentencesOf("We read J. R. R. Tolkien, e.g. The Hobbit, as kids.")).toEqual(["We read J. R. R. Tolkien, e.g. The Hobbit, as kids."]);
  });

  it("splits after a domain that ends a sentence, and where the transcriber forgot a capital", () => {
    expect(sentencesOf("we rebranded to btc.com. now it's called Poolin.")).toEqual(["we rebranded to btc.com.", "now it's called Poolin."]);
  });

  it("treats an ellipsis before a lower-case word as a trailing pause, not an end", () => {
    expect(sentencesOf("And then... we shipped it. It worked.")).toEqual(["And then... we shipped it.", "It worked."]);
  });

  it("ends a sentence where the speaker trails off and starts again with a capital", () => {
    // changelog_practical-ai-276.md: wink reads these three sentences as one of 77 words.
    const text = "And I think we kind of all knew in the back of our minds that these systems were going to be very expensive... And we eventually crunched the numbers, and it's one thing to kind of anticipate that, and then you actually see the numbers that GPT 4 is costing close to $80 million, Gemini is costing close to $190 million... And you kind of see this trend line which is just kind of going up, and almost exponentially.";
    expect(sentencesOf(text)).toHaveLength(3);
    expect(sentencesOf(text)[1]).toMatch(/^And we eventually crunched the numbers.*\$190 million\.\.\.$/);
  });

  it("never ends a sentence inside a bare domain, as wink alone would", () => {
    expect(sentencesOf("Listen to over seven years of past episodes at talkpython.fm. We've started streaming most of our episodes live.")).toEqual([
      "Listen to over seven years of past episodes at talkpython.fm.",
      "We've started streaming most of our episodes live.",
    ]);
  });

  it("keeps closing quotes with their sentence", () => {
    expect(sentencesOf('He said "burnout is a thief." Then he left.')).toEqual(['He said "burnout is a thief."', "Then he left."]);
  });
});

describe("splitIntoSentences", () => {
  it("reads a real caption file's cues as one text: a cue break mid-sentence leaves one sentence", () => {
    const { segments } = parseTranscript(corpusFile("transcripts/talkpython_465-the-ai-revolution-wont-be-monopolized.vtt"), { url: "https://example.com/465.vtt" });
    // Cues end "…Live from Portland, Oregon," / "and this segment was made with Python." and
    // "…over seven years of past episodes" / "at talkpython.fm. We've started streaming…".
    const originals = splitIntoSentences(segments.slice(0, 12)).sentences.map((sentence) => sentence.original);
    expect(originals).toContain("Live from Portland, Oregon, and this segment was made with Python.");
    expect(originals).toContain("Keep up with the show and listen to over seven years of past episodes at talkpython.fm.");
    expect(originals).toContain("We've started streaming most of our episodes live on YouTube.");
  });

  it("carries each sentence's tokens (part of speech, negation, offsets), numbers and names, read once per turn", () => {
    const text = "The New Zealand Podcasting Summit 2024 has been announced. Acast podcast ads in Ireland have delivered 7 million euro to podcasters since the end of 2019. I don't think it will last.";
    const { sentences, turns } = splitIntoSentences([segment(0, 30, "James", text)]);
    expect(sentences).toHaveLength(3);
    for (const sentence of sentences) {
      for (const token of sentence.tokens) expect(turns[0]!.text.slice(token.start, token.end)).toBe(token.text);
      expect(sentence.tokens[0]!.start).toBe(sentence.charStart);
    }
    expect(sentences[0]!.names).toContain("New Zealand Podcasting Summit");
    expect(sentences[1]!.names).toContain("Ireland");
    expect(sentences[1]!.entities.map((entity) => entity.text)).toEqual(expect.arrayContaining(["7 million euro", "end of 2019"]));
    expect(sentences[2]!.tokens.find((token) => token.text === "last")!.negated).toBe(true);
  });


  it("joins caption cues of one speaker and splits them again into sentences, each with its speaker", () => {
    const { sentences } = splitIntoSentences([
      segment(0, 4, "Ines", "Open source will play an important"),
      segment(4, 8, "Ines", "role in AI. Companies want control."),
      segment(8, 10, "Michael", "Interesting. Why is that?"),
    ]);
    expect(sentences.map((sentence) => [sentence.speaker, sentence.original])).toEqual([
      ["Ines", "Open source will play an important role in AI."],
      ["Ines", "Companies want control."],
      ["Michael", "Interesting."],
      ["Michael", "Why is that?"],
    ]);
  });

  it("interpolates times by character offset within a segment", () => {
    // Two sentences of 20 characters each, a space between: 41 characters over 41 seconds.
    const { sentences } = splitIntoSentences([segment(100, 141, "A", "Chips are the limit. Power is the next.")]);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]!.startSeconds).toBe(100);
    expect(sentences[0]!.endSeconds).toBeCloseTo(100 + (20 / 39) * 41, 5);
    expect(sentences[1]!.startSeconds).toBeCloseTo(100 + (21 / 39) * 41, 5);
    expect(sentences[1]!.endSeconds).toBe(141);
  });

  it("takes a sentence's start from the cue it starts in and its end from the cue it ends in", () => {
    const { sentences } = splitIntoSentences([
      segment(10, 20, null, "First part of a long"),
      segment(20, 30, null, "sentence ends here. Next one"),
      segment(30, 40, null, "runs to the end."),
    ]);
    expect(sentences.map((sentence) => sentence.original)).toEqual(["First part of a long sentence ends here.", "Next one runs to the end."]);
    expect(sentences[0]!.startSeconds).toBe(10);
    expect(sentences[0]!.endSeconds).toBeCloseTo(20 + (19 / 28) * 10, 5);
    expect(sentences[1]!.startSeconds).toBeCloseTo(20 + (20 / 28) * 10, 5);
    expect(sentences[1]!.endSeconds).toBe(40);
  });

  it("gives untimed transcripts (every segment at 0) time 0 throughout", () => {
    const { sentences } = splitIntoSentences([segment(0, 0, "Stephan", "Welcome to the show. Let's talk taproot."), segment(0, 0, "Alejandro", "Thanks for having me.")]);
    expect(sentences).toHaveLength(3);
    for (const sentence of sentences) {
      expect(sentence.startSeconds).toBe(0);
      expect(sentence.endSeconds).toBe(0);
    }
  });

  it("keeps the original words for the quote and the cleaned ones for reading", () => {
    const { sentences, turns } = splitIntoSentences([segment(0, 5, "A", "Um, the the index is, you know, annual.")]);
    expect(sentences[0]!.original).toBe("Um, the the index is, you know, annual.");
    expect(sentences[0]!.text).toBe("The index is annual.");
    expect(turns[0]!.text.slice(sentences[0]!.charStart, sentences[0]!.charEnd)).toBe(sentences[0]!.original);
  });
});

describe("spreadSharedStarts", () => {
  it("spreads a run of paragraphs that share one start over the span up to the next time, by length", () => {
    const spread = spreadSharedStarts([
      segment(60, 60, "A", "x".repeat(99)),
      segment(60, 60, "B", "y".repeat(99)),
      segment(60, 120, "A", "z".repeat(199)),
      segment(120, 130, "B", "last"),
    ]);
    expect(spread.map((entry) => [entry.start, entry.end])).toEqual([
      [60, 75],
      [75, 90],
      [90, 120],
      [120, 130],
    ]);
  });

  it("leaves untimed transcripts at 0", () => {
    const spread = spreadSharedStarts([segment(0, 0, null, "a"), segment(0, 0, null, "b")]);
    expect(spread.map((entry) => [entry.start, entry.end])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe("unpunctuated captions", () => {
  const segmentsOf = (name: string) => parseTranscript(corpusFile(`transcripts/${name}`), { url: `https://example.com/${name}` }).segments;
  const around = (name: string, text: string, count: number) => {
    const segments = segmentsOf(name);
    const at = segments.findIndex((segment) => segment.text.includes(text));
    expect(at, text).toBeGreaterThanOrEqual(0);
    return segments.slice(at, at + count);
  };

  it("cuts a run-on near a cue only before a new clause, never inside a noun phrase or a number", () => {
    const curl = splitIntoSentences(around("talkpython_yt_550-ai-contributions-and-maintainer-load.vtt", "because i want to come back to it as a counter example", 3)).sentences;
    expect(curl.map((sentence) => sentence.original).join(" | ")).toContain("this bug bounty program");
    const cern = splitIntoSentences(around("talkpython_554-trustworthy-ai-in-healthcare.vtt", "but what they do at cern is they have", 5)).sentences;
    expect(cern.map((sentence) => sentence.original).join(" | ")).toContain("one one thousandth the data makes it to the mainframe");
    for (const sentence of [...curl.slice(1), ...cern.slice(1)]) expect(sentence.original, sentence.original).toMatch(/^(?:and|so|then) /i);
  });

  it("cuts a piece the cues left as long as a run-on again at the clause joint nearest its middle", () => {
    // The cue near "for maintainer abuse" has no joint within reach, so cues alone left 75 words in one "sentence".
    const curl = splitIntoSentences(around("talkpython_yt_550-ai-contributions-and-maintainer-load.vtt", "because i want to come back to it as a counter example", 3)).sentences;
    expect(curl.map((sentence) => sentence.original.split(" ").slice(0, 4).join(" "))).toEqual(["because i want to", "and curl is so", "and this bug bounty"]);
    for (const sentence of curl) expect(sentence.words, sentence.original).toBeLessThanOrEqual(60);
  });
});
