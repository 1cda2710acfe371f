/**
 * The housekeeping set: real passages of sponsor reads, promo codes, greetings, intros and outros,
 * subscribe and review plugs, app plugs, small talk and calls for listener mail, from
 * tests/fixtures/housekeeping-passages.json. Each is run through the extractor as a transcript of
 * its own; a reader should get no insight from any of them.
 */
import fs from "node:fs";
import { z } from "zod";
import { passageSegment, passageSegments, passageSource } from "@/lib/insights/eval/passage-fixture";
import type { Extractor } from "@/lib/insights/types";

export const HOUSEKEEPING_KINDS = ["sponsor-read", "promo-code", "greeting", "intro", "outro", "subscribe-plug", "app-plug", "small-talk", "weather", "listener-mail"] as const;

const housekeepingPassage = z.object({
  id: z.string().min(1),
  kind: z.enum(HOUSEKEEPING_KINDS),
  source: passageSource,
  segments: z.array(passageSegment).min(1),
});
const housekeepingFixture = z.object({
  /** Kinds the corpus has no real passage of, and why: nothing is made up to fill them. */
  missing: z.array(z.object({ kind: z.enum(HOUSEKEEPING_KINDS), note: z.string() })),
  passages: z.array(housekeepingPassage).min(1),
});
export type HousekeepingPassage = z.infer<typeof housekeepingPassage>;
export type HousekeepingFixture = z.infer<typeof housekeepingFixture>;

export function loadHousekeepingPassages(file: string): HousekeepingFixture {
  return housekeepingFixture.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export type HousekeepingResult = { id: string; kind: string; insights: number; headlines: string[] };

/** Runs every passage through the extractor; the target is 0 insights in total. */
export async function insightsFromHousekeeping(extractor: Extractor, passages: readonly HousekeepingPassage[]): Promise<HousekeepingResult[]> {
  const results: HousekeepingResult[] = [];
  for (const passage of passages) {
    const extraction = await extractor.extract({ segments: passageSegments(passage.segments), episodeTitle: "", podcastTitle: "" });
    results.push({ id: passage.id, kind: passage.kind, insights: extraction.insights.length, headlines: extraction.insights.map((insight) => insight.headline) });
  }
  return results;
}
