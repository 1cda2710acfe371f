/**
 * Speaker turns split into sentences, each with its own times and speaker. Caption files cut
 * sentences across cues and paragraphs hold many sentences, so a turn's segments are joined first
 * and split again where the speaker's sentences end; a sentence's times are interpolated by
 * character offset within the segments it starts and ends in.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { cleanSentence } from "@/lib/insights/offline/clean";
import { countWords } from "@/lib/insights/offline/tokens";

/** Consecutive segments by one speaker, joined with single spaces as the transcript text joins them. */
export type Turn = {
  index: number;
  speaker: string | null;
  text: string;
};

export type Sentence = {
  index: number;
  turn: number;
  speaker: string | null;
  /** Exactly as the transcript has it: quotes are cut from the turn text between these offsets. */
  original: string;
  charStart: number;
  charEnd: number;
  /** The original with disfluencies removed; "" when nothing but filler was said. */
  text: string;
  words: number;
  startSeconds: number;
  endSeconds: number;
};

// Words whose full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "v", "etc", "inc", "ltd", "co", "corp", "approx", "cf", "fig",
  "vol", "dept", "est", "mt", "gen", "gov", "sen", "rep", "rev", "sgt", "capt", "lt", "col",
]);

/** Character ranges [start, end) of the sentences in a text; whitespace between them is left out. */
export function splitSentenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const boundary = /[.!?…]+["'”’)\]]*(?=\s+(\S))/g;
  let from = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    if (!endsSentence(text, match.index, match[0], match[1] ?? "")) continue;
    pushRange(text, from, end, ranges);
    from = end;
  }
  pushRange(text, from, text.length, ranges);
  return ranges;
}

function endsSentence(text: string, at: number, punctuation: string, next: string): boolean {
  if (/[?!]/.test(punctuation)) return true;
  // "and then... we did it" trails off mid-sentence; "...And" starts a new one.
  if (punctuation.includes("…") || punctuation.startsWith("..")) return !/\p{Ll}/u.test(next);
  // Only the word before matters; looking further back would make splitting a long turn quadratic.
  const before = text.slice(Math.max(0, at - 40), at).match(/[\p{L}\p{N}.'’]+$/u)?.[0] ?? "";
  const word = before.toLowerCase();
  if (word === "no") return !/\d/.test(next);
  if (ABBREVIATIONS.has(word)) return word === "etc" && /\p{Lu}/u.test(next);
  // "e.g.", "U.S.", "a.m." and initials ("J. Smith"); a domain such as "btc.com." does end a sentence.
  if (/^(?:\p{L}{1,2}\.)*\p{L}{1,2}$/u.test(before) && before.includes(".")) return false;
  if (/^\p{Lu}$/u.test(before) && before !== "I" && /\p{Lu}/u.test(next)) return false;
  return true;
}

function pushRange(text: string, from: number, to: number, ranges: [number, number][]): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) ranges.push([start, end]);
}

/** Runs of segments by one speaker. With no speaker labels at all, the whole episode is one turn. */
export function groupTurns(segments: TranscriptSegment[]): { turn: Turn; segments: TranscriptSegment[] }[] {
  const groups: { turn: Turn; segments: TranscriptSegment[] }[] = [];
  for (const segment of segments) {
    const last = groups.at(-1);
    if (last && last.turn.speaker === segment.speaker) last.segments.push(segment);
    else groups.push({ turn: { index: groups.length, speaker: segment.speaker, text: "" }, segments: [segment] });
  }
  for (const group of groups) group.turn.text = group.segments.map((segment) => segment.text).join(" ");
  return groups;
}

/** Where each segment starts in its turn's text. */
function segmentOffsets(segments: TranscriptSegment[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const segment of segments) {
    starts.push(offset);
    offset += segment.text.length + 1;
  }
  return starts;
}

/** Longer than this, a "sentence" is a transcript without punctuation rather than something said in one breath. */
const RUN_ON_WORDS = 60;
const CUE_SENTENCE_WORDS = 12;

/**
 * Unpunctuated captions (raw speech recognition) make a whole turn one "sentence". Their cues are
 * then the best sentence boundaries left: a run-on is cut where a cue starts, once a piece has a
 * dozen words or so.
 */
function splitRunOn(text: string, [start, end]: [number, number], cueStarts: number[]): [number, number][] {
  if (countWords(text.slice(start, end)) <= RUN_ON_WORDS) return [[start, end]];
  const pieces: [number, number][] = [];
  let from = start;
  for (const cue of cueStarts) {
    if (cue <= from || cue >= end) continue;
    if (countWords(text.slice(from, cue)) < CUE_SENTENCE_WORDS) continue;
    pushRange(text, from, cue, pieces);
    from = cue;
  }
  pushRange(text, from, end, pieces);
  return pieces;
}

/**
 * A clock for one turn: the time at a character offset, by linear interpolation within the
 * segment holding it. Untimed transcripts (every segment at 0) give 0 everywhere, which is what
 * their insights then carry: there is no better time to give.
 */
function turnClock(segments: TranscriptSegment[]): (offset: number, isEnd: boolean) => number {
  const starts = segmentOffsets(segments);
  return (at, isEnd) => {
    // The last segment starting at or before the offset; an end offset belongs to the segment it closes.
    const probe = isEnd ? at - 1 : at;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (starts[mid]! <= probe) low = mid;
      else high = mid - 1;
    }
    const segment = segments[low]!;
    const within = Math.min(Math.max(at - starts[low]!, 0), segment.text.length);
    const fraction = segment.text.length === 0 ? 0 : within / segment.text.length;
    return segment.start + fraction * (segment.end - segment.start);
  };
}

/**
 * Markdown transcripts time only some paragraphs; the parser starts the untimed ones where the last
 * time left off, so a run of paragraphs shares one start and only the last has a length. Spreading
 * the run's span over its paragraphs by length gives each sentence a time near where it was said.
 */
export function spreadSharedStarts(segments: TranscriptSegment[]): TranscriptSegment[] {
  const result = segments.map((segment) => ({ ...segment }));
  for (let first = 0; first < result.length; ) {
    let last = first;
    while (last + 1 < result.length && result[last + 1]!.start === result[first]!.start) last++;
    const start = result[first]!.start;
    const end = result.slice(first, last + 1).reduce((latest, segment) => Math.max(latest, segment.end), start);
    if (last > first && end > start) {
      const total = result.slice(first, last + 1).reduce((sum, segment) => sum + segment.text.length + 1, 0);
      let at = start;
      for (let index = first; index <= last; index++) {
        const segment = result[index]!;
        segment.start = at;
        at += ((segment.text.length + 1) / total) * (end - start);
        segment.end = index === last ? end : at;
      }
    }
    first = last + 1;
  }
  return result;
}

export function splitIntoSentences(segments: TranscriptSegment[]): { turns: Turn[]; sentences: Sentence[] } {
  const turns: Turn[] = [];
  const sentences: Sentence[] = [];
  for (const group of groupTurns(spreadSharedStarts(segments))) {
    turns.push(group.turn);
    const clock = turnClock(group.segments);
    const cueStarts = segmentOffsets(group.segments);
    const ranges = splitSentenceRanges(group.turn.text).flatMap((range) => splitRunOn(group.turn.text, range, cueStarts));
    for (const [charStart, charEnd] of ranges) {
      const original = group.turn.text.slice(charStart, charEnd);
      const text = cleanSentence(original);
      sentences.push({
        index: sentences.length,
        turn: group.turn.index,
        speaker: group.turn.speaker,
        original,
        charStart,
        charEnd,
        text,
        words: countWords(text),
        startSeconds: clock(charStart, false),
        endSeconds: clock(charEnd, true),
      });
    }
  }
  return { turns, sentences };
}
