/**
 * The one ranking formula, shared by the feed (in SQL, lib/feed/rank-feed.ts), the daily brief (in
 * memory, lib/brief/candidate-pool.ts) and the landing page's showcase. The feed's statement reads
 * these same weights; tests/integration/feed-ranking.test.ts holds the two to one ranking.
 */

/** Weights of the score; see `combineScore`. */
export const WEIGHTS = {
  match: 0.45,
  freshness: 0.35,
  quality: 0.2,
  /** Per "more like this" (capped at 3) on the insight's topic or show; negative for "less". */
  feedback: 0.12,
  /** An insight the reader has opened or saved sinks below those they have not seen. */
  seen: 0.3,
  /**
   * A story still growing (takes from 2 or more shows aired this week, lib/clusters/growing.ts) rises:
   * about what a day and a half of freshness is worth to an insight aired today.
   */
  growing: 0.1,
} as const;
/** Freshness halves every this many hours. */
export const FRESHNESS_HALF_LIFE_HOURS = 48;

/** 0..1 freshness, 1 for now, halving every FRESHNESS_HALF_LIFE_HOURS. */
export function freshness(publishedAt: Date, asOf: Date): number {
  const hours = Math.max(0, (asOf.getTime() - publishedAt.getTime()) / 3_600_000);
  return 0.5 ** (hours / FRESHNESS_HALF_LIFE_HOURS);
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** What a score is made of, for one candidate and one reader. */
export type ScoreParts = {
  /** The best followed-topic match, or null when only a followed show brought it. */
  match: number | null;
  /** freshness() of its publication. */
  freshness: number;
  qualityScore: number;
  /** The reader's "more / less like this" on its topics, its show and itself, summed. */
  feedback: number;
  seen: boolean;
  /** Its story (cluster) is growing: takes from 2 or more shows aired this week. */
  growing: boolean;
};

/** The one scoring formula: topic match, freshness, quality, the reader's signals and a growing story, weighted. */
export function combineScore({ match, freshness, qualityScore, feedback, seen, growing }: ScoreParts): number {
  return scoreOf(match, freshness, qualityScore, feedback, seen, growing);
}

/** combineScore with its parts as arguments, for loops over many candidates that build no object per candidate. */
export function scoreOf(match: number | null, freshness: number, qualityScore: number, feedback: number, seen: boolean, growing: boolean): number {
  // A followed show's insight with no followed topic counts as a middling match.
  const matchPart = match === null ? 0.5 : clamp(match, 0, 1.5) / 1.5;
  return (
    WEIGHTS.match * matchPart +
    WEIGHTS.freshness * freshness +
    WEIGHTS.quality * clamp(qualityScore, 0, 1) +
    WEIGHTS.feedback * clamp(feedback, -3, 3) -
    (seen ? WEIGHTS.seen : 0) +
    (growing ? WEIGHTS.growing : 0)
  );
}
