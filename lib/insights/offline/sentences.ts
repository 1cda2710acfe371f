/**
 * Speaker turns split into sentences with times, speaker and wink-nlp's reading. A turn's segments are
 * joined and read once, so a cue break never ends a sentence the speaker did not end; times are
 * interpolated by character offset. Tokens, numeric entities and names travel with each sentence, so
 * scoring and choosing never read the text again.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { cleanSentence } from "@/lib/insights/offline/clean";
import { countWords } from "@/lib/insights/offline/tokens";
import { englishEntities, readEnglish, namesIn, type AnalyzedText, type NlpEntity, type NlpWord } from "@/lib/nlp/english";
import { MAGNITUDE } from "@/lib/nlp/numbers";

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
  /** The original's tokens, offsets in the turn text. */
  tokens: NlpWord[];
  /** Numbers, amounts, percentages, dates and durations in the original. */
  entities: NlpEntity[];
  /** Proper names the original mentions ("Jensen Huang", "OpenAI"). */
  names: string[];
};

/** A stretch of a turn's text with the tokens wink read in it. */
type Span = { start: number; end: number; tokens: NlpWord[] };

/**
 * wink ends a sentence at any full stop before a letter, including those inside a bare domain
 * ("talkpython.fm", "btc.com."). A sentence only ends where whitespace or the text's end follows,
 * so pieces that touch are one sentence.
 */
function joinTouching(analyzed: AnalyzedText<NlpWord>): Span[] {
  const spans: Span[] = [];
  // A read's token arrays are the caller's own (english.ts), so a span takes its sentence's and grows it.
  for (const sentence of analyzed.sentences) {
    const last = spans.at(-1);
    if (last && last.end === sentence.start) {
      last.end = sentence.end;
      for (const token of sentence.tokens) last.tokens.push(token);
    } else {
      spans.push({ start: sentence.start, end: sentence.end, tokens: sentence.tokens });
    }
  }
  return spans;
}

/**
 * wink does not end a sentence at a trailing-off "..." ("very expensive... And we crunched the
 * numbers"), so a speaker who trails off three times makes one 80-word "sentence". An ellipsis
 * followed by whitespace and a capital ends one.
 */
function splitAtEllipsis(span: Span): Span[] {
  const pieces: Span[] = [];
  let from = 0;
  for (let index = 0; index + 1 < span.tokens.length; index++) {
    const token = span.tokens[index]!;
    const next = span.tokens[index + 1]!;
    if (index + 1 === from || (token.text !== "..." && token.text !== "…")) continue;
    if (next.start === token.end || !/^\p{Lu}/u.test(next.text)) continue;
    pieces.push({ start: span.tokens[from]!.start, end: token.end, tokens: span.tokens.slice(from, index + 1) });
    from = index + 1;
  }
  if (from === 0) return [span];
  pieces.push({ start: span.tokens[from]!.start, end: span.end, tokens: span.tokens.slice(from) });
  return pieces;
}

/** The sentences of an analysed text, as spans: wink's, joined where they touch and split where a speaker trails off. */
function sentenceSpans(analyzed: AnalyzedText<NlpWord>): Span[] {
  return joinTouching(analyzed).flatMap(splitAtEllipsis);
}

/** Character ranges [start, end) of the sentences in a text, as wink-nlp reads them. */
export function splitSentenceRanges(text: string): [number, number][] {
  return sentenceSpans(readEnglish(text, { entities: false })).map((span) => [span.start, span.end]);
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
function splitRunOn(text: string, span: Span, cueStarts: number[]): Span[] {
  if (span.tokens.length <= RUN_ON_WORDS) return [span];
  let words = 0;
  for (const token of span.tokens) if (token.pos !== "PUNCT") words++;
  if (words <= RUN_ON_WORDS) return [span];
  const cuts = [span.start];
  let cueToken = 0;
  for (const cue of cueStarts) {
    if (cue <= cuts.at(-1)! || cue >= span.end) continue;
    // Cues come in order: the search for the cue's first token goes on from the last one's.
    while (cueToken < span.tokens.length && span.tokens[cueToken]!.start < cue) cueToken++;
    const cut = clauseJointNear(span.tokens, cueToken);
    if (cut === null || cut <= cuts.at(-1)!) continue;
    if (countWords(text.slice(cuts.at(-1)!, cut)) < CUE_SENTENCE_WORDS) continue;
    cuts.push(cut);
  }
  cuts.push(span.end);
  // A piece the cues left as long as a run-on, with no comma in it (speech recognition that wrote no
  // punctuation, not a long sentence a transcriber punctuated), is cut again at the clause joint
  // nearest its middle, wherever the cue fell ("… wrote a lot about it | and curl is so popular but …").
  for (let index = 0; index + 1 < cuts.length; index++) {
    const from = cuts[index]!;
    const to = cuts[index + 1]!;
    if (countWords(text.slice(from, to)) <= RUN_ON_WORDS || text.slice(from, to).includes(",")) continue;
    const inside = span.tokens.filter((token) => token.start >= from && token.end <= to);
    const cut = clauseJointNear(inside, Math.floor(inside.length / 2), inside.length);
    if (cut === null || cut <= from || countWords(text.slice(from, cut)) < CUE_SENTENCE_WORDS || countWords(text.slice(cut, to)) < CUE_SENTENCE_WORDS) continue;
    cuts.splice(index + 1, 0, cut);
    index--;
  }
  const pieces: Span[] = [];
  let next = 0;
  for (let index = 0; index + 1 < cuts.length; index++) {
    let start = cuts[index]!;
    let end = cuts[index + 1]!;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    const tokens: NlpWord[] = [];
    while (next < span.tokens.length && span.tokens[next]!.start < end) tokens.push(span.tokens[next++]!);
    if (end > start) pieces.push({ start, end, tokens });
  }
  return pieces;
}

// How far from a cue, in tokens, a joint between clauses may be for the cut to move there.
const CUE_REACH = 6;
const JOINING = new Set(["and", "so", "then"]);
const SUBJECT_POS = new Set(["PRON", "NOUN", "PROPN", "DET", "NUM"]);

/**
 * Where to cut a run-on near a caption cue (the index of its first token): before an "and", "so" or "then" that a subject and a
 * finite verb follow ("… and the mainframe does …"), never inside a noun phrase ("this bug | bounty
 * program", "one one | thousandth"). Null when no such joint is near the cue.
 */
function clauseJointNear(tokens: NlpWord[], at: number, reach = CUE_REACH): number | null {
  if (at >= tokens.length) return null;
  let best: number | null = null;
  for (let index = Math.max(0, at - reach); index <= Math.min(tokens.length - 1, at + reach); index++) {
    if (!JOINING.has(tokens[index]!.text.toLowerCase())) continue;
    const subject = tokens[index + 1];
    if (!subject || !SUBJECT_POS.has(subject.pos)) continue;
    // The subject's words, then a verb that carries tense ("there's", "it gets", "the mainframe does").
    let verb = index + 2;
    while (verb < tokens.length && verb <= index + 4 && ["NOUN", "PROPN", "ADJ", "DET", "NUM"].includes(tokens[verb]!.pos)) verb++;
    const finite = tokens[verb];
    if (!finite || !(finite.pos === "AUX" || (finite.pos === "VERB" && !/ing$/i.test(finite.text))) || /^'/.test(subject.text)) continue;
    if (best === null || Math.abs(index - at) < Math.abs(best - at)) best = index;
  }
  return best === null ? null : tokens[best]!.start;
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

// What every entity countNumbers counts has in it: a digit, a magnitude, or money or percent words.
// Money words whole: as bare substrings they matched "recent", "Europe" and "compound".
const MAY_HOLD_NUMBER = new RegExp(`${MAGNITUDE.source}|\\b(?:dollars?|euros?|pounds?|cents?|bucks|yen|yuan)\\b|[$€£¥%]`, "i");

/** The numeric entities of one sentence, at their offsets in the turn. */
function numericEntities(sentence: string, offset: number): NlpEntity[] {
  return englishEntities(sentence).map((entity) => ({ ...entity, start: entity.start + offset, end: entity.end + offset }));
}

export function splitIntoSentences(segments: TranscriptSegment[]): { turns: Turn[]; sentences: Sentence[] } {
  const turns: Turn[] = [];
  const sentences: Sentence[] = [];
  for (const group of groupTurns(spreadSharedStarts(segments))) {
    const { turn } = group;
    turns.push(turn);
    const clock = turnClock(group.segments);
    const cueStarts = segmentOffsets(group.segments);
    // Entities are found per sentence, and only where a number may be: recognition is costly, and most
    // sentences hold none.
    const analyzed = readEnglish(turn.text, { entities: false });
    const spans = sentenceSpans(analyzed).flatMap((span) => splitRunOn(turn.text, span, cueStarts));
    for (const span of spans) {
      const original = turn.text.slice(span.start, span.end);
      const text = cleanSentence(original);
      const entities = MAY_HOLD_NUMBER.test(original) ? numericEntities(original, span.start) : [];
      sentences.push({
        index: sentences.length,
        turn: turn.index,
        speaker: turn.speaker,
        original,
        charStart: span.start,
        charEnd: span.end,
        text,
        words: countWords(text),
        startSeconds: clock(span.start, false),
        endSeconds: clock(span.end, true),
        tokens: span.tokens,
        entities,
        names: namesIn(turn.text, span.tokens),
      });
    }
  }
  return { turns, sentences };
}
