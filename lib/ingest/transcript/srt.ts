/** SubRip (SRT): numbered cues, comma or dot before the milliseconds, "Name:" on a speaker's first cue. */
import type { ParsedTranscript } from "@/lib/ingest/types";
import { readCues, segmentsFromCues } from "@/lib/ingest/transcript/cues";
import { finishTranscript } from "@/lib/ingest/transcript/segments";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";

export function parseSrt(source: string): ParsedTranscript {
  const cues = readCues(source);
  if (cues.length === 0) throw new TranscriptParseError("the transcript is not valid SRT: no cue has a time");
  return finishTranscript("srt", segmentsFromCues(cues), true);
}
