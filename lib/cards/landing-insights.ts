/**
 * The landing page's showcase: the best recent insights on Podbrief, chosen as the feed chooses for a
 * reader who follows nothing yet (lib/feed/score.ts): among the newest insights of every show,
 * highest combineScore with no topic match and no signals, which leaves freshness, the extractor's
 * quality score and whether its story is growing. One per point (cluster) and one per show, so three cards are three shows saying three
 * different things; each says how many related insights its page lists.
 */
import "server-only";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { loadInsightCards } from "@/lib/cards/load-insight-cards";
import { db } from "@/lib/db";
import { loadGrowingClusters } from "@/lib/feed/growing-stories";
import { combineScore, freshness } from "@/lib/feed/score";

/** The newest this many insights are ranked: the feed's pool for a reader who follows nothing. */
const POOL = 500;

export type LandingInsight = { card: InsightCardData; relatedCount: number };

export async function listLandingInsights(count = 3, asOf = new Date()): Promise<LandingInsight[]> {
  const pool = await db.insight.findMany({
    where: { publishedAt: { lte: asOf }, createdAt: { lte: asOf } },
    orderBy: { publishedAt: "desc" },
    take: POOL,
    select: { id: true, publishedAt: true, qualityScore: true, clusterId: true, episode: { select: { podcastId: true } } },
  });
  const growing = await loadGrowingClusters(pool.map((row) => row.clusterId), asOf);
  const ranked = pool
    .map((row) => ({
      row,
      score: combineScore({ match: null, freshness: freshness(row.publishedAt, asOf), qualityScore: row.qualityScore, feedback: 0, seen: false, growing: row.clusterId !== null && growing.has(row.clusterId) }),
    }))
    .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1));

  const chosen: (typeof pool)[number][] = [];
  const points = new Set<string>();
  const shows = new Set<string>();
  for (const { row } of ranked) {
    if ((row.clusterId && points.has(row.clusterId)) || shows.has(row.episode.podcastId)) continue;
    chosen.push(row);
    if (row.clusterId) points.add(row.clusterId);
    shows.add(row.episode.podcastId);
    if (chosen.length === count) break;
  }
  const ids = chosen.map((row) => row.id);
  const [cards, relations] = await Promise.all([
    loadInsightCards(ids, null),
    db.insightRelation.groupBy({ by: ["insightId"], where: { insightId: { in: ids } }, _count: { _all: true } }),
  ]);
  const relatedCounts = new Map(relations.map((group) => [group.insightId, group._count._all]));
  return ids.flatMap((id) => {
    const card = cards.get(id);
    return card ? [{ card, relatedCount: relatedCounts.get(id) ?? 0 }] : [];
  });
}
