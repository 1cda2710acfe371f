/**
 * Finds an extractor's "verbatim" quote in the transcript, so an insight's times, speaker and quoted
 * words come from what was said. Both sides are reduced to the same word tokens (case, accents,
 * punctuation, apostrophes, hyphens and disfluencies such as "um" or a repeated word stop mattering);
 * what remains must match contiguously for at least MIN_QUOTE_TOKENS. A paraphrase, an elision ("…")
 * or a stitched quote does not match, which is the point.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";

export type GroundedQuote = { startSeconds: number; endSeconds: number; speaker: string | null; matchedText: string };

/** Where in the transcript a quote matched; indices let callers compare spans without relying on times. */
export type QuoteMatch = GroundedQuote & {
  firstSegment: number;
  lastSegment: number;
  /** Positions in the normalized token sequence, end exclusive: two matches overlap when these do. */
  tokenStart: number;
  tokenEnd: number;
};

export type GroundOptions = {
  /**
   * Segment range (inclusive) to prefer when the quote occurs more than once, e.g. the chunk the
   * extractor read: shows often replay a line in their cold open.
   */
  prefer?: { fromSegment: number; toSegment: number };
};

export type Grounder = (quote: string, options?: GroundOptions) => QuoteMatch | null;

/** Shorter quotes match by chance too easily ("I think that is right") to prove anything. */
export const MIN_QUOTE_TOKENS = 6;

const FILLERS = new Set(["um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mhm", "mmhmm"]);

// Letters, digits and combining marks, with apostrophes inside a word kept in the token ("don't").
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ‘][\p{L}\p{N}\p{M}]+)*/gu;

// Closing punctuation right after the last word belongs to what the reader should see quoted.
const TRAILING_PUNCTUATION = /^[.,!?;:…"'”’)\]]*/u;

type Token = { text: string; start: number; end: number };

function normalizeWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’ʼ‘]/g, "")
    .toLowerCase();
}

function wordsOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ text: normalizeWord(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * Appends tokens one by one, leaving out disfluencies. Used for the transcript and for every quote, so
 * both are reduced by the very same rules and an exact comparison of the results is fair.
 */
class DisfluencyFilter<T> {
  readonly kept: { text: string; item: T }[] = [];
  private pendingYou: { text: string; item: T } | null = null;

  push(text: string, item: T): void {
    if (FILLERS.has(text)) return;
    if (this.pendingYou) {
      const you = this.pendingYou;
      this.pendingYou = null;
      if (text === "know") return;
      this.keep(you.text, you.item);
    }
    // "you" is held back one token so that "you know" can be dropped as a whole.
    if (text === "you") {
      this.pendingYou = { text, item };
      return;
    }
    this.keep(text, item);
  }

  finish(): { text: string; item: T }[] {
    if (this.pendingYou) this.keep(this.pendingYou.text, this.pendingYou.item);
    this.pendingYou = null;
    return this.kept;
  }

  private keep(text: string, item: T): void {
    const kept = this.kept;
    kept.push({ text, item });
    // A word or a pair of words said twice in a row ("the the", "I was, I was") counts once; the first
    // saying is kept so that a match starts where the speaker started.
    const n = kept.length;
    if (n >= 2 && kept[n - 1]!.text === kept[n - 2]!.text) {
      kept.pop();
    } else if (n >= 4 && kept[n - 1]!.text === kept[n - 3]!.text && kept[n - 2]!.text === kept[n - 4]!.text) {
      kept.length = n - 2;
    }
  }
}

/** The normalized tokens of a quote, as grounding compares them. */
export function quoteTokens(quote: string): string[] {
  const filter = new DisfluencyFilter<null>();
  for (const token of wordsOf(quote)) filter.push(token.text, null);
  return filter.finish().map((kept) => kept.text);
}

type Position = { segment: number; start: number; end: number };

/**
 * Prepares a transcript once for many quotes: one pass over the text builds the normalized tokens, a map
 * back to segments and character offsets, and an index from token to positions. Each lookup then starts
 * from the quote's rarest token, so it costs about the number of times that token occurs.
 */
export function createGrounder(segments: TranscriptSegment[]): Grounder {
  const filter = new DisfluencyFilter<Position>();
  segments.forEach((segment, index) => {
    for (const token of wordsOf(segment.text)) filter.push(token.text, { segment: index, start: token.start, end: token.end });
  });
  const kept = filter.finish();
  const texts = kept.map((token) => token.text);
  const positions = kept.map((token) => token.item);

  const occurrences = new Map<string, number[]>();
  texts.forEach((text, index) => {
    const list = occurrences.get(text);
    if (list) list.push(index);
    else occurrences.set(text, [index]);
  });

  function matchesAt(start: number, wanted: string[]): boolean {
    if (start < 0 || start + wanted.length > texts.length) return false;
    for (let offset = 0; offset < wanted.length; offset++) {
      if (texts[start + offset] !== wanted[offset]) return false;
    }
    return true;
  }

  function describe(tokenStart: number, tokenEnd: number): QuoteMatch {
    const first = positions[tokenStart]!;
    const last = positions[tokenEnd - 1]!;
    const firstSegment = segments[first.segment]!;
    const lastSegment = segments[last.segment]!;

    const tail = lastSegment.text.slice(last.end).match(TRAILING_PUNCTUATION)?.[0] ?? "";
    let matchedText: string;
    if (first.segment === last.segment) {
      matchedText = firstSegment.text.slice(first.start, last.end + tail.length);
    } else {
      const parts = [firstSegment.text.slice(first.start)];
      for (let index = first.segment + 1; index < last.segment; index++) parts.push(segments[index]!.text);
      parts.push(lastSegment.text.slice(0, last.end + tail.length));
      matchedText = parts.map((part) => part.trim()).filter(Boolean).join(" ");
    }

    // Whoever said most of the matched words is the speaker; short cues of one speaker add up.
    const wordsBySpeaker = new Map<string | null, number>();
    for (let index = tokenStart; index < tokenEnd; index++) {
      const speaker = segments[positions[index]!.segment]!.speaker;
      wordsBySpeaker.set(speaker, (wordsBySpeaker.get(speaker) ?? 0) + 1);
    }
    let speaker: string | null = null;
    let most = 0;
    for (const [candidate, count] of wordsBySpeaker) {
      if (count > most) {
        speaker = candidate;
        most = count;
      }
    }

    return {
      startSeconds: firstSegment.start,
      endSeconds: lastSegment.end,
      speaker,
      matchedText: matchedText.trim(),
      firstSegment: first.segment,
      lastSegment: last.segment,
      tokenStart,
      tokenEnd,
    };
  }

  return (quote, options = {}) => {
    const wanted = quoteTokens(quote);
    if (wanted.length < MIN_QUOTE_TOKENS) return null;

    let anchor = 0;
    let anchorCount = Infinity;
    for (let offset = 0; offset < wanted.length; offset++) {
      const count = occurrences.get(wanted[offset]!)?.length ?? 0;
      if (count === 0) return null;
      if (count < anchorCount) {
        anchor = offset;
        anchorCount = count;
      }
    }

    let firstMatch: number | null = null;
    for (const position of occurrences.get(wanted[anchor]!)!) {
      const start = position - anchor;
      if (!matchesAt(start, wanted)) continue;
      firstMatch ??= start;
      const prefer = options.prefer;
      if (!prefer) break;
      const from = positions[start]!.segment;
      const to = positions[start + wanted.length - 1]!.segment;
      if (from >= prefer.fromSegment && to <= prefer.toSegment) return describe(start, start + wanted.length);
    }
    return firstMatch === null ? null : describe(firstMatch, firstMatch + wanted.length);
  };
}

/**
 * The transcript span a quote came from, or null when the words were not said there (a hallucinated or
 * paraphrased quote, or one shorter than MIN_QUOTE_TOKENS words). For many quotes against one
 * transcript, use createGrounder.
 */
export function groundQuote(quote: string, segments: TranscriptSegment[]): GroundedQuote | null {
  const match = createGrounder(segments)(quote);
  if (!match) return null;
  return { startSeconds: match.startSeconds, endSeconds: match.endSeconds, speaker: match.speaker, matchedText: match.matchedText };
}
