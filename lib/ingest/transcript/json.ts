/**
 * Podcasting 2.0 JSON transcripts: `{ version, segments: [{ speaker, startTime, endTime, body }] }`.
 * Generators write them at three grains, and we read all three into phrase-sized segments:
 *   - phrases (most hosts);
 *   - caption lines, two segments sharing one start and end (Buzzsprout) — joined back into one cue;
 *   - single words (the namespace's own example, ASR exports) — joined into phrases.
 */
import { z } from "zod";
import type { ParsedTranscript } from "@/lib/ingest/types";
import { decodeEntities } from "@/lib/ingest/transcript/clean-text";
import { finishTranscript } from "@/lib/ingest/transcript/segments";
import { secondsSchema } from "@/lib/ingest/transcript/timestamp";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";

const transcriptFileSchema = z.object({ segments: z.array(z.unknown()) });

const segmentSchema = z.object({
  startTime: secondsSchema,
  endTime: secondsSchema.nullish().catch(null),
  // Absent means "the same speaker as before"; some generators name the speaker only when it changes.
  speaker: z.union([z.string(), z.number().transform(String)]).nullish().catch(undefined),
  body: z.string(),
});

type JsonSegment = { start: number; end: number | null; speaker: string | null; text: string };

// A file is word-level when nearly every segment is one word; a few multi-word ones are names or numbers.
const WORD_LEVEL_SHARE = 0.8;
// Word-level segments become one phrase until the speaker changes, a sentence ends, the speaker pauses,
// or the phrase grows long enough that a reader needs a time to jump to.
const PAUSE_SECONDS = 1;
const MAX_WORDS_PER_PHRASE = 60;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
const CLOSING_PUNCTUATION = /^[.,!?;:%…)\]}”’]/;

export function parseJsonTranscript(source: string): ParsedTranscript {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    throw new TranscriptParseError("the transcript is not valid JSON");
  }
  const file = transcriptFileSchema.safeParse(data);
  if (!file.success) throw new TranscriptParseError('the JSON file is not a transcript: it has no "segments" list');
  if (file.data.segments.length === 0) throw new TranscriptParseError("the JSON transcript has no segments");

  const segments: JsonSegment[] = [];
  let speaker: string | null = null;
  for (const entry of file.data.segments) {
    const parsed = segmentSchema.safeParse(entry);
    if (!parsed.success) continue;
    const { startTime, endTime, body } = parsed.data;
    if (parsed.data.speaker !== undefined) speaker = parsed.data.speaker?.trim() || null;
    segments.push({ start: startTime, end: endTime ?? null, speaker, text: decodeEntities(body).trim() });
  }
  if (segments.length === 0) throw new TranscriptParseError("the JSON transcript has no segments with a time and text");

  const cues = joinSharedTimes(segments);
  const phrases = isWordLevel(cues) ? joinWords(cues) : cues;
  return finishTranscript("json", phrases, true);
}

function joinSharedTimes(segments: JsonSegment[]): JsonSegment[] {
  const joined: JsonSegment[] = [];
  for (const segment of segments) {
    const last = joined.at(-1);
    if (last && last.start === segment.start && last.end === segment.end && last.speaker === segment.speaker) {
      last.text = joinText(last.text, segment.text);
    } else {
      joined.push({ ...segment });
    }
  }
  return joined;
}

function isWordLevel(segments: JsonSegment[]): boolean {
  const singleWords = segments.filter((segment) => !/\s/.test(segment.text)).length;
  return segments.length > 1 && singleWords >= segments.length * WORD_LEVEL_SHARE;
}

function joinWords(words: JsonSegment[]): JsonSegment[] {
  const phrases: JsonSegment[] = [];
  let phrase: JsonSegment | null = null;
  let wordCount = 0;
  for (const word of words) {
    const gap = phrase ? word.start - (phrase.end ?? phrase.start) : 0;
    const startsNew =
      !phrase ||
      word.speaker !== phrase.speaker ||
      SENTENCE_END.test(phrase.text) ||
      gap >= PAUSE_SECONDS ||
      wordCount >= MAX_WORDS_PER_PHRASE;
    // A lone punctuation token belongs to the phrase before it, whatever the pause.
    if (phrase && (!startsNew || (CLOSING_PUNCTUATION.test(word.text) && word.speaker === phrase.speaker))) {
      phrase.text = joinText(phrase.text, word.text);
      phrase.end = word.end ?? phrase.end;
      wordCount++;
      continue;
    }
    phrase = { ...word };
    phrases.push(phrase);
    wordCount = 1;
  }
  return phrases;
}

function joinText(before: string, after: string): string {
  if (!before) return after;
  if (!after) return before;
  return CLOSING_PUNCTUATION.test(after) ? `${before}${after}` : `${before} ${after}`;
}
