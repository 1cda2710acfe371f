/**
 * Chooses the passages that become insights: windows of two to four sentences of one turn, picked
 * greedily by maximal marginal relevance so no two make the same point or share a sentence. A window
 * never opens on a sentence leaning on the one before ("They published a plan…"); the window one
 * sentence earlier may take it in. A number or a name is preferred: the reader learns something specific.
 */
import { openSentence } from "@/lib/insights/offline/clean";
import type { EpisodeModel, TermVector } from "@/lib/insights/offline/score";
import { addVectors, termCosine } from "@/lib/insights/offline/score";
import { type NearDuplicateProfile, nearDuplicateProfile, profilesNearDuplicate } from "@/lib/insights/offline/near-duplicate";
import type { Sentence } from "@/lib/insights/offline/sentences";
import { contentTerms, countWords } from "@/lib/insights/offline/tokens";

export const MIN_WORDS = 35;
export const MAX_WORDS = 90;
export const MIN_SENTENCES = 2;
export const MAX_SENTENCES = 4;

export type Window = {
  /** Indices into the episode's sentences, consecutive, all in one turn. */
  first: number;
  last: number;
  /** The window's cleaned sentences, the first opened (no leading "And so"): the insight's body. */
  bodySentences: string[];
  words: number;
  score: number;
  /** The term vectors of its sentences; summed only when the window is compared with a pick. */
  sentenceVectors: TermVector[];
};

/**
 * How many insights an episode of this length should give: about 8 an hour, never above 12 an hour
 * (but one for an episode of a few minutes), and at least 4 an hour when the episode has them.
 */
export function insightBudget(durationSeconds: number): { min: number; target: number } {
  const hours = durationSeconds / 3600;
  const max = Math.max(1, Math.floor(12 * hours));
  const target = Math.min(max, Math.max(1, Math.round(8 * hours)));
  return { min: Math.min(target, Math.floor(4 * hours)), target };
}

function windowScore(sentences: Sentence[], model: EpisodeModel, first: number, last: number, words: number): number {
  const scores = model.scores.slice(first, last + 1);
  let weighted = 0;
  let weight = 0;
  let best = 0;
  for (let index = 0; index < scores.length; index++) {
    const sentenceWords = Math.max(1, sentences[first + index]!.words);
    weighted += scores[index]!.score * sentenceWords;
    weight += sentenceWords;
    best = Math.max(best, scores[index]!.score);
  }
  let score = 0.75 * (weighted / weight) + 0.25 * best;
  // A weak sentence drags a passage down more than a strong one lifts it: readers notice the filler.
  const weakest = Math.min(...scores.map((entry) => entry.score));
  if (weakest < 0.2) score *= 0.8;
  const questions = scores.filter((entry) => entry.question).length;
  score *= 0.75 ** questions;
  const directives = scores.filter((entry) => entry.directive).length;
  score *= 0.6 ** directives;
  // Forty-five to seventy-five words reads as a paragraph; at the edges it is a fragment or a wall.
  if (words < 45 || words > 75) score *= 0.92;
  // A passage with no number and no name is rarely one a reader would forward.
  if (!scores.some((entry) => entry.specific)) score *= 0.85;
  return score;
}

function quotesBalanced(sentences: string[]): boolean {
  const text = sentences.join(" ");
  const straight = (text.match(/"/g) ?? []).length;
  const opening = (text.match(/“/g) ?? []).length;
  const closing = (text.match(/”/g) ?? []).length;
  return straight % 2 === 0 && opening === closing;
}

/** Every window that may become an insight, with its score. */
export function candidateWindows(sentences: Sentence[], model: EpisodeModel): Window[] {
  const windows: Window[] = [];
  for (let first = 0; first < sentences.length; first++) {
    const opener = sentences[first]!;
    const openerScore = model.scores[first]!;
    if (openerScore.score === 0 || openerScore.question || openerScore.directive || openerScore.leaning) continue;
    // A turn's last sentence, or one before a sentence no passage may hold, opens nothing: not worth cleaning again.
    const next = sentences[first + 1];
    if (!next || next.turn !== opener.turn || model.scores[first + 1]!.score === 0) continue;
    const openerText = openSentence(opener.text);
    const bodySentences: string[] = [openerText];
    let words = countWords(openerText);
    for (let last = first + 1; last < sentences.length; last++) {
      const sentence = sentences[last]!;
      const score = model.scores[last]!;
      if (sentence.turn !== opener.turn || score.score === 0) break;
      bodySentences.push(sentence.text);
      words += sentence.words;
      if (bodySentences.length > MAX_SENTENCES || words > MAX_WORDS) break;
      if (bodySentences.length < MIN_SENTENCES || words < MIN_WORDS) continue;
      // The passage should end on a statement, not hand over with a question.
      if (score.question) continue;
      // A quotation opened and not closed would be cut off mid-quote.
      if (!quotesBalanced(bodySentences)) continue;
      windows.push({
        first,
        last,
        bodySentences: [...bodySentences],
        words,
        score: windowScore(sentences, model, first, last, words),
        sentenceVectors: model.scores.slice(first, last + 1).map((entry) => entry.vector),
      });
    }
  }
  return windows;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** `duplicates`: windows passed over because they restate a pick (the extractor's "dropped as duplicates"). */
export type Selection = { windows: Window[]; duplicates: number };

/**
 * What a window is compared by, and how it compares with the picks so far (each pick is checked
 * once). Many windows are looked at before there is a pick to compare them with, and most are then
 * told apart by vector alone, so each measure is made when first needed.
 */
class Comparison {
  private termSet: Set<string> | undefined;
  private nearDuplicate: NearDuplicateProfile | undefined;
  private summed: TermVector | undefined;
  checked = 0;
  similarity = 0;
  restates = false;

  constructor(
    private readonly window: Window,
    private readonly termsOf: (sentence: string) => readonly string[],
  ) {}

  private get body(): string {
    return this.window.bodySentences.join(" ");
  }

  get vector(): TermVector {
    return (this.summed ??= addVectors(this.window.sentenceVectors));
  }

  get terms(): Set<string> {
    // The body's terms are its sentences' in order (words never span the spaces that join them).
    return (this.termSet ??= new Set(this.window.bodySentences.flatMap(this.termsOf)));
  }

  get profile(): NearDuplicateProfile {
    return (this.nearDuplicate ??= nearDuplicateProfile(this.body));
  }
}

/**
 * Greedy maximal marginal relevance: each pick is the best window after a penalty for resembling
 * what is already picked. Windows that share a sentence with a pick, or that restate one (content
 * words overlapping by a third, TF-IDF cosine above 0.5, or a near-duplicate by the published
 * definition), are never taken; nor is a window `accept` turns down (one without a headline), in
 * which case the next best is chosen.
 */
export function selectWindows(candidates: Window[], durationSeconds: number, accept: (window: Window) => boolean = () => true): Selection {
  const budget = insightBudget(durationSeconds);
  const ordered = [...candidates].sort((a, b) => b.score - a.score || a.first - b.first || a.last - b.last);
  const picked: { window: Window; comparison: Comparison }[] = [];
  const usedSentences = new Set<number>();
  const comparisons = new Map<Window, Comparison>();
  const refused = new Set<Window>();
  // Overlapping windows share sentences: each sentence's content terms are found once per selection.
  const sentenceTerms = new Map<string, string[]>();
  const termsOf = (sentence: string) => {
    let terms = sentenceTerms.get(sentence);
    if (!terms) sentenceTerms.set(sentence, (terms = contentTerms(sentence)));
    return terms;
  };
  const compare = (window: Window): Comparison => {
    let comparison = comparisons.get(window);
    if (!comparison) {
      comparison = new Comparison(window, termsOf);
      comparisons.set(window, comparison);
    }
    for (; comparison.checked < picked.length; comparison.checked++) {
      const other = picked[comparison.checked]!;
      const cos = termCosine(comparison.vector, other.comparison.vector);
      comparison.similarity = Math.max(comparison.similarity, cos);
      if (cos > 0.5 || jaccard(comparison.terms, other.comparison.terms) >= 1 / 3 || profilesNearDuplicate(comparison.profile, other.comparison.profile)) {
        comparison.restates = true;
      }
    }
    return comparison;
  };
  // Below this a passage is not worth a reader's time, unless the episode's minimum is not yet met.
  const floor = 0.3;

  // Each round scans from the best window down. A window refused, sharing a sentence with a pick or
  // restating one stays out for good, so it is unlinked from the scan (`following`: the next window still in it).
  const following = ordered.map((_window, index) => index + 1);
  let head = 0;
  while (picked.length < budget.target) {
    let best: Window | null = null;
    let bestValue = -Infinity;
    let previous = -1;
    for (let at = head; at < ordered.length; at = following[at]!) {
      const window = ordered[at]!;
      // Sorted by score: once the raw score cannot beat the best adjusted value, nothing later can.
      if (window.score <= bestValue) break;
      let out = refused.has(window);
      for (let index = window.first; index <= window.last && !out; index++) out = usedSentences.has(index);
      const comparison = out ? null : compare(window);
      if (!comparison || comparison.restates) {
        if (previous === -1) head = following[at]!;
        else following[previous] = following[at]!;
        continue;
      }
      previous = at;
      const value = window.score - 0.3 * comparison.similarity;
      if (value > bestValue) {
        best = window;
        bestValue = value;
      }
    }
    if (!best || (bestValue < floor && picked.length >= budget.min)) break;
    if (!accept(best)) {
      refused.add(best);
      continue;
    }
    picked.push({ window: best, comparison: compare(best) });
    for (let index = best.first; index <= best.last; index++) usedSentences.add(index);
  }
  const duplicates = [...comparisons.values()].filter((comparison) => comparison.restates).length;
  return { windows: picked.map((entry) => entry.window).sort((a, b) => a.first - b.first), duplicates };
}
