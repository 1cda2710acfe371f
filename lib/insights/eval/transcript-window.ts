/**
 * The part of the transcript an insight answers to: the segments its quote was found in, as the
 * transcript has them. The eval grades headlines and bodies against this window, never against
 * what the extractor says it used.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { createGrounder, type Grounder } from "@/lib/insights/grounding";
import type { GroundedInsight } from "@/lib/insights/types";
import { analyzeEnglish, type NlpSentence, type NlpToken } from "@/lib/nlp/english";

export type WindowReader = (insight: Pick<GroundedInsight, "quote" | "matchedText">) => string;

/** Reads windows of one transcript; the grounder is built once per transcript. */
export function createWindowReader(segments: TranscriptSegment[]): WindowReader {
  const ground: Grounder = createGrounder(segments);
  return (insight) => {
    const match = ground(insight.quote);
    if (!match) return insight.matchedText;
    return segments
      .slice(match.firstSegment, match.lastSegment + 1)
      .map((segment) => segment.text)
      .join(" ");
  };
}

/** Lower-cased word forms, for overlap: "don't" stays one word, punctuation goes. */
export function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []);
}

export type SourceClause = { sentence: string; clause: string; /** Shared distinct words, content words counting double. */ overlap: number };

const STRONG_BREAKS = new Set([";", ":", "—", "–", "--", "...", "…"]);
// Transcripts trail off ("...") and repair themselves ("People probably-- some people") where wink
// sees no sentence end: what follows is a sentence of its own.
const SENTENCE_SPLITS = new Set(["...", "…", ";", "--", "—"]);

function splitTrailingOff(sentences: NlpSentence[]): NlpSentence[] {
  const pieces: NlpSentence[] = [];
  for (const sentence of sentences) {
    let current: NlpToken[] = [];
    const flush = () => {
      if (current.length) pieces.push({ start: current[0]!.start, end: current.at(-1)!.end, tokens: current });
      current = [];
    };
    for (const token of sentence.tokens) {
      if (SENTENCE_SPLITS.has(token.text)) {
        current.push(token);
        flush();
      } else current.push(token);
    }
    flush();
  }
  return pieces;
}
const CLAUSE_CONJUNCTIONS = new Set(["but", "and", "so", "or", "because", "although", "though", "while", "whereas", "yet"]);

function isBreak(tokens: NlpToken[], index: number): boolean {
  const token = tokens[index]!;
  if (STRONG_BREAKS.has(token.text)) return true;
  // ", but the model is fast": a new clause, which a negation before the comma does not govern.
  return token.text === "," && CLAUSE_CONJUNCTIONS.has(tokens[index + 1]?.text.toLowerCase() ?? "");
}

/**
 * The source tokens the text's words were taken from, in order: a longest common subsequence of the
 * two word sequences. A word the text shares with a later clause only by chance ("a boom like the AI
 * boom …, and it may look like a space") is not where the text came from, so the clause a reader is
 * shown stops where the borrowed words do.
 */
function alignedIndices(textKeys: string[], sourceKeys: string[]): number[] {
  const words = textKeys.filter((key) => /[\p{L}\p{N}]/u.test(key));
  const rows = words.length + 1;
  const columns = sourceKeys.length + 1;
  const length = new Uint16Array(rows * columns);
  for (let row = words.length - 1; row >= 0; row--) {
    for (let column = sourceKeys.length - 1; column >= 0; column--) {
      length[row * columns + column] =
        words[row] === sourceKeys[column]
          ? length[(row + 1) * columns + column + 1]! + 1
          : Math.max(length[(row + 1) * columns + column]!, length[row * columns + column + 1]!);
    }
  }
  const indices: number[] = [];
  for (let row = 0, column = 0; row < words.length && column < sourceKeys.length; ) {
    if (words[row] === sourceKeys[column]) {
      indices.push(column);
      row++;
      column++;
    } else if (length[(row + 1) * columns + column]! >= length[row * columns + column + 1]!) row++;
    else column++;
  }
  return indices;
}

/**
 * The sentence of `source` that `text` (a headline, or one sentence of a body) was taken from: the
 * one sharing most words with it. Its clause is the stretch from the break before the first word
 * taken from it (alignedIndices) to the comma or break after the last, so a negation or hedge that
 * governs the borrowed words ("I don't think [there's a scenario where X …]") falls inside it and one
 * beyond ", but …" does not.
 */
export function findSourceClause(text: string, source: string): SourceClause | null {
  const words = wordSet(text);
  if (words.size === 0) return null;
  const analyzed = analyzeEnglish(source);
  const key = (token: NlpToken) => token.text.toLowerCase().replace(/’/g, "'");
  // The sentence that holds most of the text's distinct words, content words counting double: a long
  // sentence repeating "the" and "that" must not outscore the short one the words were taken from.
  let best: { sentence: NlpSentence; score: number } | null = null;
  for (const sentence of splitTrailingOff(analyzed.sentences)) {
    const shared = new Map<string, boolean>();
    for (const token of sentence.tokens) if (words.has(key(token))) shared.set(key(token), !token.stopword);
    const score = [...shared.values()].reduce((sum, content) => sum + (content ? 2 : 1), 0);
    if (!best || score > best.score || (score === best.score && sentence.tokens.length < best.sentence.tokens.length)) best = { sentence, score };
  }
  if (!best || best.score === 0) return null;
  const tokens = best.sentence.tokens;
  const aligned = alignedIndices(analyzeEnglish(text).tokens.map(key), tokens.map(key));
  const sharedAt = (content: boolean) => aligned.filter((index) => !content || !tokens[index]!.stopword);
  const shared = sharedAt(true).length > 0 ? sharedAt(true) : sharedAt(false);
  let first = shared[0]!;
  let last = shared.at(-1)!;
  while (first > 0 && !isBreak(tokens, first - 1)) first--;
  // A trailing hedge ("…, I guess") sits after the words; the clause runs on to the next comma.
  while (last < tokens.length - 1 && !isBreak(tokens, last + 1) && tokens[last + 1]!.text !== ",") last++;
  return {
    sentence: source.slice(best.sentence.start, best.sentence.end),
    clause: source.slice(tokens[first]!.start, tokens[last]!.end),
    overlap: best.score,
  };
}

/** Sentences of a text as a reader would split them. */
export function sentencesOf(text: string): string[] {
  const analyzed = analyzeEnglish(text);
  return analyzed.sentences.map((sentence) => text.slice(sentence.start, sentence.end));
}
