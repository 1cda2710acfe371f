/** WebVTT, including the seconds-only times ("0.860 --> 7.380") some generators write. */
import type { ParsedTranscript } from "@/lib/ingest/types";
import { readCues, segmentsFromCues } from "@/lib/ingest/transcript/cues";
import { finishTranscript } from "@/lib/ingest/transcript/segments";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";

export function parseVtt(source: string): ParsedTranscript {
  const cues = readCues(source);
  if (cues.length === 0) throw new TranscriptParseError("the transcript is not valid WebVTT: no cue has a time");
  return finishTranscript("vtt", segmentsFromCues(cues), true);
}
