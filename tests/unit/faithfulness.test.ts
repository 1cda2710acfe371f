/**
 * Faithfulness: a headline or body may state only the numbers and names said around its quote. What
 * a reader would otherwise see: an invented "$80 million", a "33%" where the speaker said "8%", or a
 * company nobody mentioned, presented beside a real quote as if the speaker had said it.
 */
import { describe, expect, it } from "vitest";
import type { TranscriptSegment } from "@/lib/ingest/types";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { createFaithfulnessCheck, keepFaithful, namesIn, windowText } from "@/lib/insights/faithfulness";
import type { GroundedInsight } from "@/lib/insights/types";
import { numbersIn } from "@/lib/nlp/numbers";
import { corpusFile } from "@/tests/helpers/corpus";

const NAME = "talkpython_554-trustworthy-ai-in-healthcare.vtt";
const healthcare = parseTranscript(corpusFile(`transcripts/${NAME}`), { url: `https://example.com/${NAME}` }).segments;
const episode = { segments: healthcare, episodeTitle: "Trustworthy AI in healthcare", podcastTitle: "Talk Python To Me" };

// Said at 24:07-24:47 by Sumit Gundawar.
const SCAN = "So they say each scan would take eight terabytes of data and they want to scan one million per people in one year or something like that.";
const TEN_MILLION = "I think it would take about 10 million pounds, like, you know, just to have the infrastructure and the server ready to have.";
// Said at 08:07-08:18.
const USUALLY_RIGHT = "I think in a high stakes environment, what would happen is the answer is not a problem. The answer is usually right. But the keyword here is the usually part.";

function grounded(quote: string, headline: string, body: string, segments: TranscriptSegment[] = healthcare): GroundedInsight {
  const at = segments.findIndex((segment) => quote.startsWith(segment.text.slice(0, 30)));
  const start = segments[Math.max(0, at)]!.start;
  return { headline, body, quote, matchedText: quote, speaker: null, topicLabels: [], qualityScore: 0.5, startSeconds: start, endSeconds: start + 10 };
}

const check = createFaithfulnessCheck(episode);

describe("numbers", () => {
  it("reads written and spoken numbers as values", () => {
    const values = (text: string) => numbersIn(text).map((number) => [number.value, number.percent]);
    expect(values("from about 100 billion to roughly 30 trillion tokens in eighteen months")).toEqual([[1e11, false], [3e13, false], [18, false]]);
    expect(values("30,000,000,000,000 or thirty trillion")).toEqual([[3e13, false], [3e13, false]]);
    expect(values("8%, 8 percent, eight per cent and 33%")).toEqual([[8, true], [8, true], [8, true], [33, true]]);
    expect(values("a hundred and fifty, two point five million, $5bn, 10K, three and a half")).toEqual([[150, false], [2.5e6, false], [5e9, false], [1e4, false], [3.5, false]]);
    expect(values("twenty twenty-four")).toContainEqual([2024, false]);
    // Versions are names, not numbers.
    expect(values("GPT-4 and the H20 chip")).toEqual([]);
  });

  it("passes a body whose numbers were said, however they are written", () => {
    const insight = grounded(SCAN, "Full-body scans would need 8 terabytes each", "Sumit Gundawar doubts the plan: each scan takes 8 terabytes, and the company wants 1,000,000 scans a year.");
    expect(check(insight)).toEqual({ faithful: true, unsupported: [] });
  });

  it("catches a number the speaker never said, and names it", () => {
    const insight = grounded(TEN_MILLION, "One scanning clinic would cost $80 million to set up", "Sumit Gundawar estimates the infrastructure for one clinic at $80 million.");
    expect(check(insight)).toEqual({ faithful: false, unsupported: ["$80 million"] });
  });

  it("tells 8% from 33%, and a percentage from a plain number", () => {
    const said = [{ start: 0, end: 5, speaker: "Ana", text: "About 8% of the requests failed, and we retried them 33 times." }];
    const local = createFaithfulnessCheck({ segments: said, episodeTitle: "E", podcastTitle: "P" });
    const quote = said[0]!.text;
    expect(local(grounded(quote, "Eight percent of requests failed", "Ana says 8% of requests failed.", said)).faithful).toBe(true);
    expect(local(grounded(quote, "A third of requests failed", "Ana says 33% of requests failed.", said))).toEqual({ faithful: false, unsupported: ["33%"] });
  });

  it("leaves small numbers written as words alone: prose uses them without claiming a count", () => {
    const insight = grounded(USUALLY_RIGHT, "Usually right is not good enough in medicine", "Sumit Gundawar makes two points. One: an assistant that is usually right still fails patients.");
    expect(check(insight).faithful).toBe(true);
  });
});

describe("names", () => {
  it("finds proper names, acronyms and names with digits", () => {
    expect(namesIn("Sumit Gundawar says Nvidia's H20 and GPT-4o beat LLMs in the U.S.")).toEqual(expect.arrayContaining(["Sumit", "Gundawar", "H20", "GPT-4o", "LLMs", "U.S."]));
    expect(namesIn("Nvidia's chips sell.")).toContain("Nvidia");
  });

  it("passes names said nearby, ignoring case, possessives, plurals and demonyms", () => {
    const said = [
      { start: 0, end: 5, speaker: "Ana", text: "china's labs trained on h20 chips because large language models need them." },
      { start: 5, end: 9, speaker: "Ana", text: "That is how the whole industry grew there, unlike in the U.S., with cheap energy and cheap tokens." },
    ];
    const local = createFaithfulnessCheck({ segments: said, episodeTitle: "Chips", podcastTitle: "The Show" });
    const insight = grounded(said[0]!.text, "Chinese labs train LLMs on H20 chips", "Ana explains that China's labs, unlike those in the U.S. and the US, rely on H20s for their LLMs.", said);
    expect(local(insight)).toEqual({ faithful: true, unsupported: [] });
  });

  it("catches a company, a country and a product nobody mentioned", () => {
    const insight = grounded(USUALLY_RIGHT, "High-stakes AI fails in the rare confident error", "Sumit Gundawar warns that Nvidia models running on B200 chips in Germany are usually right, and that is not enough.");
    expect(check(insight)).toEqual({ faithful: false, unsupported: ["B200", "Nvidia", "Germany"] });
  });

  it("allows the speakers' names and the show and episode titles, which tell the reader who said it", () => {
    const insight = grounded(USUALLY_RIGHT, "Usually right is not good enough in healthcare", "On Talk Python To Me, Sumit Gundawar tells Michael Kennedy that an AI answer which is usually right is not enough.");
    expect(check(insight).faithful).toBe(true);
  });

  it("does not read 'us' said as a pronoun as the US", () => {
    const insight = grounded(USUALLY_RIGHT, "US clinics accept usually-right AI answers", "Sumit Gundawar says an answer that is usually right is a problem.");
    // The window says "give us some sense" and never the United States.
    expect(check(insight)).toEqual({ faithful: false, unsupported: ["US"] });
  });

  it("reads a Title Case headline's capitals as style, but still checks its acronyms and numbers", () => {
    expect(check(grounded(USUALLY_RIGHT, "Usually Right Is Not Good Enough For Clinical AI", "Sumit Gundawar says usually right is not enough.")).faithful).toBe(true);
    expect(check(grounded(USUALLY_RIGHT, "Usually Right Fails 40% Of NHS Patients", "Sumit Gundawar says usually right is not enough."))).toEqual({ faithful: false, unsupported: ["40%", "NHS"] });
  });
});

describe("the window", () => {
  it("reaches a minute around the quote, not the whole episode", () => {
    const at = healthcare.findIndex((segment) => segment.text.startsWith("I think it would take about 10 million pounds"));
    const window = windowText(healthcare, { firstSegment: at, lastSegment: at });
    expect(window).toContain("eight terabytes");
    expect(window).not.toContain("97% uptime");
    // 97% was said three minutes earlier: a body using it beside this quote is not faithful.
    expect(check(grounded(TEN_MILLION, "One clinic would cost 10 million pounds", "Sumit Gundawar puts one clinic at 10 million pounds, with 97% uptime."))).toEqual({ faithful: false, unsupported: ["97%"] });
  });

  it("is two segments each way in an untimed transcript", () => {
    const untimed = Array.from({ length: 9 }, (_, index) => ({ start: 0, end: 0, speaker: null, text: `Paragraph ${index + 1} says the figure was ${(index + 1) * 11} units.` }));
    expect(windowText(untimed, { firstSegment: 4, lastSegment: 4 })).toBe(untimed.slice(2, 7).map((segment) => segment.text).join(" "));
  });

  it("is read where the insight's times say, when a cold open replays the line much earlier", () => {
    const line = "The whole thing only works because the chips got cheap enough to rent by the hour.";
    const replayed: TranscriptSegment[] = [
      { start: 0, end: 6, speaker: "Ana", text: line },
      { start: 6, end: 10, speaker: "Ana", text: "Welcome to the show." },
      ...Array.from({ length: 30 }, (_, index) => ({ start: 10 + index * 10, end: 20 + index * 10, speaker: "Ana", text: "We talked about the weather and the garden for a while." })),
      { start: 400, end: 405, speaker: "Ana", text: "Rental prices fell 70% in two years." },
      { start: 405, end: 411, speaker: "Ana", text: line },
    ];
    const local = createFaithfulnessCheck({ segments: replayed, episodeTitle: "E", podcastTitle: "P" });
    const insight = { ...grounded(line, "Cheap rented chips made it work", "Ana says rental prices for chips fell 70%, which made the approach viable.", replayed), startSeconds: 405, endSeconds: 411 };
    expect(local(insight).faithful).toBe(true);
    expect(local({ ...insight, startSeconds: 0, endSeconds: 6 })).toEqual({ faithful: false, unsupported: ["70%"] });
  });

  it("finds the quote again when the caller did not say where it matched", () => {
    const insights = [
      grounded(SCAN, "Each scan needs 8 terabytes", "Sumit Gundawar says each scan takes 8 terabytes."),
      grounded(SCAN, "Each scan needs 80 terabytes", "Sumit Gundawar says each scan takes 80 terabytes."),
    ];
    const result = keepFaithful(insights, episode);
    expect(result.insights.map((insight) => insight.headline)).toEqual(["Each scan needs 8 terabytes"]);
    expect(result.unfaithful).toBe(1);
  });
});
