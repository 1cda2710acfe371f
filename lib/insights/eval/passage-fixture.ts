/**
 * Short real passages cut from the corpus, each run through an extractor as if it were a whole
 * transcript. Shared by the housekeeping set (tests/fixtures/housekeeping-passages.json) and the
 * hand-checked failure cases (tests/fixtures/insight-passages.json).
 */
import { z } from "zod";
import type { TranscriptSegment } from "@/lib/ingest/types";

export const passageSegment = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  speaker: z.string().nullable(),
  text: z.string().min(1),
});

export const passageSource = z.object({
  /** A file under tests/corpus ("transcripts/…", "feeds/…"), or "issue 14" for text written from the issue. */
  file: z.string().min(1),
  /** Where in the file: the first and last parsed segment, or the feed element. */
  at: z.string().min(1),
});

export function passageSegments(segments: z.infer<typeof passageSegment>[]): TranscriptSegment[] {
  return segments.map((segment) => ({ ...segment }));
}
