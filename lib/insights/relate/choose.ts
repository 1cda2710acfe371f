/**
 * The decisions relating makes for one new insight, given its nearest neighbours as they stand in the
 * database: which become its related insights, and which cluster it joins. Pure, so the rules are
 * tested on their own.
 */
import { OFFLINE_EMBEDDER_ID, OFFLINE_SAME_POINT_SIMILARITY } from "@/lib/insights/embeddings";

export const RELATED_LIMIT = 10;

export type Thresholds = {
  /** At least this similar: worth listing under Related Insights (the same subject). */
  related: number;
  /** At least this similar, from another episode: the same point, so the same cluster. */
  samePoint: number;
};

/**
 * Similarity means different things in different embedding spaces. The offline model's figures were
 * calibrated on labelled pairs (`npm run eval:topics`); provider models place paraphrases closer
 * together, so a provider gets a stricter same-point line. Those were not calibrated here (no key),
 * and say so: run the labelled check with a provider before trusting them.
 */
export function thresholdsFor(embedderId: string): Thresholds {
  if (embedderId === OFFLINE_EMBEDDER_ID) return { related: 0.45, samePoint: OFFLINE_SAME_POINT_SIMILARITY };
  return { related: 0.5, samePoint: 0.75 };
}

export type Candidate = { id: string; score: number; episodeId: string; clusterId: string | null };

/** The related list: above the threshold, other episodes first, then the best by similarity; at most RELATED_LIMIT. */
export function chooseRelated(episodeId: string, neighbours: readonly Candidate[], thresholds: Thresholds): Candidate[] {
  return neighbours
    .filter((neighbour) => neighbour.score >= thresholds.related)
    .sort((a, b) => Number(a.episodeId === episodeId) - Number(b.episodeId === episodeId) || b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, RELATED_LIMIT);
}

export type ClusterChoice = { join: string } | { startWith: Candidate } | null;

/**
 * Goes with the most similar insight from another episode when it makes the same point: joins its
 * cluster, or starts one with it. Following the nearest one (not any clustered one above the line)
 * keeps a point that two shows made word for word together, even when a looser cluster is near.
 * Insights of one episode never make a cluster on their own: a cluster is one point made on
 * several shows.
 */
export function chooseCluster(episodeId: string, neighbours: readonly Candidate[], thresholds: Thresholds): ClusterChoice {
  const samePoint = neighbours
    .filter((neighbour) => neighbour.episodeId !== episodeId && neighbour.score >= thresholds.samePoint)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const nearest = samePoint[0];
  if (!nearest) return null;
  return nearest.clusterId ? { join: nearest.clusterId } : { startWith: nearest };
}
