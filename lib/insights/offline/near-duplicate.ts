/**
 * What counts as two insights saying the same thing, in words anyone can check: the extractor
 * never picks such a pair, and the evaluation and tests count them by this same definition.
 */

export const NEAR_DUPLICATE_DEFINITION =
  "near-duplicate pair: same episode, and token-set Jaccard >= 0.5 (lower-cased words) or >= 30% of the shorter body's word trigrams found in the other";

const lowerWords = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];

function trigrams(words: string[]): Set<string> {
  const result = new Set<string>();
  for (let index = 0; index + 2 < words.length; index++) result.add(`${words[index]} ${words[index + 1]} ${words[index + 2]}`);
  return result;
}

function shared(a: Set<string>, b: Set<string>): number {
  // Counted over the smaller set: every window compared is checked against every pick.
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let count = 0;
  for (const item of small) if (large.has(item)) count++;
  return count;
}

/** A text's words and word trigrams, computed once for many comparisons. */
export type NearDuplicateProfile = { words: Set<string>; trigrams: Set<string> };

export function nearDuplicateProfile(text: string): NearDuplicateProfile {
  const words = lowerWords(text);
  return { words: new Set(words), trigrams: trigrams(words) };
}

export function profilesNearDuplicate(a: NearDuplicateProfile, b: NearDuplicateProfile): boolean {
  const common = shared(a.words, b.words);
  const jaccard = common / Math.max(1, a.words.size + b.words.size - common);
  const overlap = shared(a.trigrams, b.trigrams) / Math.max(1, Math.min(a.trigrams.size, b.trigrams.size));
  return jaccard >= 0.5 || overlap >= 0.3;
}

export function isNearDuplicate(a: string, b: string): boolean {
  return profilesNearDuplicate(nearDuplicateProfile(a), nearDuplicateProfile(b));
}
