/**
 * How every surface (card, insight page, brief, email, exports) puts an insight's verbatim quote
 * beside its clean body: the quote labelled "as said, at 12:34", with no time at all when the
 * transcript had none, and the words once rather than twice when the body is the quote tidied up.
 *
 * Pure and small, so server read models and client components share it.
 */
import { formatTimestamp } from "@/lib/format";
import { negationsIn } from "@/lib/nlp/meaning-markers";

/**
 * Where the quote was said, in whole seconds, or null when the transcript carried no times.
 *
 * Untimed transcripts (plain text, Markdown without times) are parsed with every segment at
 * start = end = 0, so their insights' quotes span nothing; a quote from a timed transcript ends
 * after 0. The insight row says it alone, so every surface can tell without reading the transcript.
 */
/** An insight as the exports and feeds write it out: its text, the words as said, and when. */
export type QuotedInsight = {
  id: string;
  headline: string;
  body: string;
  quote: string;
  speaker: string | null;
  startSeconds: number;
  endSeconds: number;
  /** The episode's publication time. */
  publishedAt: Date;
};

export function quoteTime(insight: { startSeconds: number; endSeconds: number }): number | null {
  return insight.endSeconds > 0 ? Math.max(0, Math.floor(insight.startSeconds)) : null;
}

/** "as said, at 12:34", "as said by Ana Ruiz, at 12:34", or without the time for an untimed transcript. */
export function asSaidLabel(seconds: number | null, speaker?: string | null): string {
  const who = speaker?.trim() ? `as said by ${speaker.replace(/\s+/g, " ").trim()}` : "as said";
  return seconds === null ? who : `${who}, at ${formatTimestamp(seconds)}`;
}

/** Hesitation sounds a transcript keeps and a clean body drops; they say nothing either way. */
const HESITATIONS = new Set(["um", "umm", "uh", "uhh", "erm", "er", "ah", "hmm", "mm", "mhm"]);
/** Fillers of two words, dropped as pairs: "you know" and "I mean" as speech uses them. */
const FILLER_PAIRS = new Set(["you know", "i mean"]);

/**
 * Lower-cased words, apostrophes unified, with the debris of speech left out (non-speech in
 * brackets such as "[laughs]" or "[unintelligible 00:14:22]", hesitations, a word said twice in a
 * row, "you know", "I mean"), so a quote and its cleaned-up body compare as equals.
 */
function comparableWords(text: string): string[] {
  const spoken = text.replace(/\[[^\]]*\]/g, " ").toLowerCase().replace(/[’‘]/g, "'");
  const words = spoken.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
  const kept: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (FILLER_PAIRS.has(`${word} ${words[index + 1]}`)) {
      index++;
      continue;
    }
    if (!HESITATIONS.has(word) && word !== kept.at(-1)) kept.push(word);
  }
  return kept;
}

/**
 * How alike two texts are word for word, from 0 to 1: twice the longest common subsequence of their
 * words over their total length (difflib's ratio, on words), speech debris aside. Tidying costs
 * little; rewording or keeping one sentence of three costs a lot.
 */
export function wordSimilarity(a: string, b: string): number {
  const x = comparableWords(a);
  const y = comparableWords(b);
  if (x.length + y.length === 0) return 1;
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (const word of x) {
    for (let j = 0; j < y.length; j++) current[j + 1] = word === y[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, current[j]!);
    [previous, current] = [current, previous];
  }
  return (2 * previous[y.length]!) / (x.length + y.length);
}

/** At or above this, a reader would read the same words twice. */
export const SAME_WORDS_SIMILARITY = 0.9;

/**
 * Whether the body only repeats the quote, so the text is shown once (the body) as said. Never when
 * the body lacks a negation or a number of the quote: then the words said must be shown as said.
 */
export function bodyRepeatsQuote(body: string, quote: string): boolean {
  if (wordSimilarity(body, quote) < SAME_WORDS_SIMILARITY) return false;
  const numbers = (text: string) => comparableWords(text).filter((word) => /\d/.test(word));
  const kept = (before: string[], after: string[]) => before.every((word) => after.includes(word));
  return kept(negationsIn(quote), negationsIn(body)) && kept(numbers(quote), numbers(body));
}

/** The quote to show after the body, or null when the body already says it in the same words. */
export function quoteToShow(body: string, quote: string): string | null {
  return quote.trim() && !bodyRepeatsQuote(body, quote) ? quote : null;
}
