/**
 * One short passage per failure issue 14 lists (tests/fixtures/insight-passages.json), run through
 * the offline extractor as a whole transcript, with what a reader must get: nothing from chit-chat,
 * plugs and other languages; from the rest, complete-sentence headlines that keep their negations
 * and hedges, clean bodies that stand alone and hold only the transcript's numbers and names. The
 * checks are the eval's own reader measures (lib/insights/eval/*).
 *
 * Cases the extractor does not meet yet carry `todo: true` in the fixture and show as todo in the
 * report, named by their failure, until the extractor meets them.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { leaningOpening } from "@/lib/insights/eval/leaning-opening";
import { bodyMarkersLost, countLost, headlineMarkersLost } from "@/lib/insights/eval/lost-markers";
import { passageSegment, passageSegments, passageSource } from "@/lib/insights/eval/passage-fixture";
import { judgeHeadline } from "@/lib/insights/eval/sentence-headline";
import { speechDebrisIn } from "@/lib/insights/eval/speech-debris";
import { createWindowReader } from "@/lib/insights/eval/transcript-window";
import { unfaithfulSpecifics } from "@/lib/insights/eval/faithful-specifics";
import { createOfflineExtractor } from "@/lib/insights/offline/offline-extractor";
import type { GroundedInsight } from "@/lib/insights/types";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { corpusDir, corpusFile } from "@/tests/helpers/corpus";

const everyInsight = z
  .object({
    completeSentence: z.boolean(),
    markersKept: z.boolean(),
    bodyClean: z.boolean(),
    notLeaning: z.boolean(),
    faithful: z.boolean(),
    headlineLacks: z.array(z.string()),
    bodyContains: z.array(z.string()),
    /** Phrases said across a cue break: where the body has the first two words, it has the whole phrase. */
    bodyKeepsTogether: z.array(z.string()),
  })
  .partial();
const passageCase = z.object({
  id: z.string(),
  failure: z.string(),
  source: passageSource,
  segments: z.array(passageSegment).min(1),
  expect: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("kept"), anyHeadlineContains: z.string().optional(), every: everyInsight.default({}) }),
    z.object({ outcome: z.literal("dropped"), skippedReasonContains: z.string().optional() }),
  ]),
  todo: z.boolean().optional(),
  /** Why it is still todo: what the extractor does today. */
  todoNote: z.string().optional(),
  /** Why the expectation is what it is, where the failure's own words would ask for something the issue's bar rules out. */
  expectNote: z.string().optional(),
});
const fixture = z
  .object({ cases: z.array(passageCase).min(1), missing: z.array(z.object({ failure: z.string(), note: z.string() })) })
  .parse(JSON.parse(fs.readFileSync(path.join(corpusDir, "../fixtures/insight-passages.json"), "utf8")));
type PassageCase = z.infer<typeof passageCase>;

/** What is wrong with one insight against the case's properties; empty when nothing is. */
function problemsOf(insight: GroundedInsight, every: z.infer<typeof everyInsight>, window: string): string[] {
  const problems: string[] = [];
  const headline = insight.headline.toLowerCase();
  const body = insight.body.toLowerCase();
  if (every.completeSentence) {
    const verdict = judgeHeadline(insight.headline);
    if (!verdict.complete) problems.push(`headline not a sentence (${verdict.problem})`);
  }
  if (every.markersKept) {
    const lost = countLost(headlineMarkersLost(insight.headline, window)) + countLost(bodyMarkersLost(insight.body, insight.quote));
    if (lost > 0) problems.push(`${lost} negations or hedges lost`);
  }
  if (every.bodyClean && speechDebrisIn(insight.body).length > 0) problems.push(`speech in the body: ${speechDebrisIn(insight.body).join(", ")}`);
  if (every.notLeaning && leaningOpening(insight.body)) problems.push(`body opens on "${leaningOpening(insight.body)}"`);
  if (every.faithful) {
    const missing = [...unfaithfulSpecifics(insight.headline, window), ...unfaithfulSpecifics(insight.body, window)];
    if (missing.length > 0) problems.push(`not in the transcript: ${missing.join(", ")}`);
  }
  for (const words of every.headlineLacks ?? []) if (headline.includes(words.toLowerCase())) problems.push(`headline has "${words}"`);
  for (const words of every.bodyContains ?? []) if (!body.includes(words.toLowerCase())) problems.push(`body lacks "${words}"`);
  for (const phrase of every.bodyKeepsTogether ?? []) {
    const opening = phrase.toLowerCase().split(" ").slice(0, 2).join(" ");
    if (body.includes(opening) && !body.replace(/\s+/g, " ").includes(phrase.toLowerCase())) problems.push(`body breaks "${phrase}"`);
  }
  return problems.map((problem) => `${problem}: "${insight.headline}" / "${insight.body.slice(0, 120)}"`);
}

async function check(passage: PassageCase): Promise<void> {
  const segments = passageSegments(passage.segments);
  const result = await createOfflineExtractor().extract({ segments, episodeTitle: "", podcastTitle: "" });
  if (passage.expect.outcome === "dropped") {
    expect(result.insights.map((insight) => insight.headline)).toEqual([]);
    if (passage.expect.skippedReasonContains) expect(result.skippedReason ?? "").toContain(passage.expect.skippedReasonContains);
    return;
  }
  expect(result.insights.length, "insights").toBeGreaterThan(0);
  if (passage.expect.anyHeadlineContains) {
    expect(result.insights.map((insight) => insight.headline).join("\n")).toContain(passage.expect.anyHeadlineContains);
  }
  const windowOf = createWindowReader(segments);
  const every = passage.expect.every;
  expect(result.insights.flatMap((insight) => problemsOf(insight, every, windowOf(insight)))).toEqual([]);
}

describe("hand-checked passages, one per failure of issue 14", () => {
  for (const passage of fixture.cases) {
    const name = `${passage.id}: ${passage.failure} → ${passage.expect.outcome}`;
    // A case not met yet is held to failing: the day the extractor meets it, this fails and the
    // case must be flipped from todo, so a gap can neither hide nor close unnoticed.
    if (passage.todo) it.fails(`${name} (not met yet: ${passage.todoNote ?? "see the fixture"})`, () => check(passage));
    else it(name, () => check(passage));
  }

  it("uses the corpus's own words wherever it does not say it wrote them from the issue", () => {
    for (const passage of fixture.cases.filter((candidate) => candidate.source.file !== "issue 14")) {
      if (passage.source.file.startsWith("feeds/")) {
        const feed = corpusFile(passage.source.file).toString("utf8").replace(/&amp;/g, "&");
        for (const segment of passage.segments) expect(feed, passage.id).toContain(segment.text);
        continue;
      }
      const transcript = parseTranscript(corpusFile(passage.source.file), { url: `https://example.com/${path.basename(passage.source.file)}` });
      for (const segment of passage.segments) {
        expect(transcript.segments, passage.id).toContainEqual({ start: segment.start, end: segment.end, speaker: segment.speaker, text: segment.text });
      }
    }
  });

  it("covers every failure the issue lists, or says why not", () => {
    const ids = new Set(fixture.cases.map((passage) => passage.id));
    for (const id of ["headline-fragment", "negation-dropped", "hedge-dropped", "filler-body", "self-repair", "repeated-word-number", "caption-cue-mid-sentence", "not-self-contained", "small-talk", "app-plug", "listener-mail", "non-english-plug", "china-token-consumption"]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(fixture.missing.map((gap) => gap.failure)).toContain("weather");
  });
});
