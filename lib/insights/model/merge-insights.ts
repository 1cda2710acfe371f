/**
 * One insight per point: overlapping transcript parts, or a model repeating itself, propose the same
 * point twice. Two grounded insights are the same point when their quotes overlap in the transcript or
 * their bodies say nearly the same thing; the better-rated one stays.
 */
import type { GroundedInsight } from "@/lib/insights/types";

/** A grounded insight with where its quote lies in the normalized transcript (see createGrounder). */
export type PlacedInsight = { insight: GroundedInsight; tokenStart: number; tokenEnd: number };

// Bodies sharing this share of their words restate one point; distinct points from one passage share
// far fewer.
const SAME_BODY_JACCARD = 0.75;

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

export function mergeDuplicateInsights(placed: PlacedInsight[]): { insights: GroundedInsight[]; duplicates: number } {
  const byQuality = placed
    .map((item, order) => ({ ...item, order, words: wordSet(item.insight.body) }))
    .sort((a, b) => b.insight.qualityScore - a.insight.qualityScore || a.order - b.order);

  const kept: typeof byQuality = [];
  for (const item of byQuality) {
    const duplicate = kept.some(
      (other) =>
        (item.tokenStart < other.tokenEnd && other.tokenStart < item.tokenEnd) ||
        jaccard(item.words, other.words) >= SAME_BODY_JACCARD,
    );
    if (!duplicate) kept.push(item);
  }

  kept.sort((a, b) => a.tokenStart - b.tokenStart || a.order - b.order);
  return { insights: kept.map((item) => item.insight), duplicates: placed.length - kept.length };
}
