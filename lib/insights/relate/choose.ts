/**
 * The decisions relating makes for one new insight, given its nearest neighbours as they stand in the
 * database: which become its related insights, and which cluster it joins. Pure, so the rules are
 * tested on their own.
 */
import { OFFLINE_EMBEDDER_ID, OFFLINE_SAME_POINT_SIMILARITY } from "@/lib/insights/embeddings";
import { contentTerms } from "@/lib/insights/offline/tokens";
import commonTerms from "@/lib/insights/relate/common-terms.json";

export const RELATED_LIMIT = 10;

export type Thresholds = {
  /** At least this similar: worth listing under Related Insights (the same subject). */
  related: number;
  /** At least this similar, from another episode, and sharing `minSharedTerms`: the same point, so the same cluster. */
  samePoint: number;
  /**
   * Content words (stemmed) two insights must share to count as the same point. Sentence vectors of
   * two-to-four-sentence insights put different points on one subject as close as the same point
   * made twice; the same point retold on another show
   * almost always keeps two of its words (names, numbers, the thing itself).
   */
  minSharedTerms: number;
};

/**
 * Similarity means different things in different embedding spaces. The offline model's figures were
 * calibrated on labelled pairs (`npm run eval:topics`); provider models place paraphrases closer
 * together, so a provider gets a stricter same-point line. Those were not calibrated here (no key),
 * and say so: run the labelled check with a provider before trusting them.
 */
export function thresholdsFor(embedderId: string): Thresholds {
  if (embedderId === OFFLINE_EMBEDDER_ID) return { related: 0.45, samePoint: OFFLINE_SAME_POINT_SIMILARITY, minSharedTerms: 2 };
  return { related: 0.5, samePoint: 0.75, minSharedTerms: 2 };
}

/**
 * A neighbour of the new insight, with what choosing needs: `score` is its similarity, `sharedTerms`
 * how many content words it shares with the new insight. (The vector index's own `Neighbour` is the
 * id and score alone.)
 */
export type InsightNeighbour = { id: string; score: number; episodeId: string; clusterId: string | null; sharedTerms: number };

// Words most podcast episodes use whatever their subject ("data", "better", "answer"): never evidence.
const COMMON_TERMS: ReadonlySet<string> = new Set(commonTerms.terms);

/** The content words an insight is compared by (see Thresholds.minSharedTerms), less the common ones. */
export function termsOf(text: string): Set<string> {
  return new Set(contentTerms(text).filter((term) => !COMMON_TERMS.has(term)));
}

/** Shared terms of `a` and `b`, counting only those `counts` accepts (by default all). */
export function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>, counts: (term: string) => boolean = () => true): number {
  let shared = 0;
  for (const term of a) if (b.has(term) && counts(term)) shared++;
  return shared;
}

/**
 * Which words say what a point is about rather than what its whole neighbourhood is about: among an
 * insight's nearest neighbours, a word most of them use ("data", "model", "Python" among AI talk) is
 * the subject, shared by different points alike; a word few of them use (a name, a number, "hash
 * rate") marks the point. A word counts when at most a fifth of the neighbourhood (and at least two
 * insights) use it.
 */
export function specificTermsIn(neighbourhood: readonly ReadonlySet<string>[]): (term: string) => boolean {
  const frequency = new Map<string, number>();
  for (const terms of neighbourhood) for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const limit = Math.max(2, Math.floor(neighbourhood.length / 5));
  return (term) => (frequency.get(term) ?? 0) <= limit;
}

/** Above this, two insights are the same words (a rebroadcast, a syndicated feed): the same point whatever words they share. */
const NEAR_IDENTICAL = 0.95;

export function isSamePoint(similarity: number, sharedTerms: number, thresholds: Thresholds): boolean {
  return similarity >= NEAR_IDENTICAL || (similarity >= thresholds.samePoint && sharedTerms >= thresholds.minSharedTerms);
}

/** The related list: above the threshold, other episodes first, then the best by similarity; at most RELATED_LIMIT. */
export function chooseRelated(episodeId: string, neighbours: readonly InsightNeighbour[], thresholds: Thresholds): InsightNeighbour[] {
  return neighbours
    .filter((neighbour) => neighbour.score >= thresholds.related)
    .sort((a, b) => Number(a.episodeId === episodeId) - Number(b.episodeId === episodeId) || b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, RELATED_LIMIT);
}

export type ClusterChoice = { join: string } | { startWith: InsightNeighbour } | null;

/**
 * Joins (or starts) the cluster of the nearest insight from another episode that makes the same point.
 * A cluster is joined only when the new insight matches every member (`fits`): joining on one member
 * chains A to B to C into a cluster with nothing in common. A cluster is one point made on several
 * shows, so one episode's insights never make one alone.
 */
export function chooseCluster(
  episodeId: string,
  neighbours: readonly InsightNeighbour[],
  thresholds: Thresholds,
  fits: (clusterId: string) => boolean,
): ClusterChoice {
  const samePoint = neighbours
    .filter((neighbour) => neighbour.episodeId !== episodeId && isSamePoint(neighbour.score, neighbour.sharedTerms, thresholds))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  for (const neighbour of samePoint) {
    if (!neighbour.clusterId) return { startWith: neighbour };
    if (fits(neighbour.clusterId)) return { join: neighbour.clusterId };
  }
  return null;
}
