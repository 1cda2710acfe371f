/**
 * Relating an episode's new insights to what other shows said: nearest neighbours (neighbour-search.ts),
 * stored related lists both ways (the best ten each), and clusters. Pages only read the rows written
 * here. One relate runs at a time across all workers (a transaction-scoped advisory lock): clusters are
 * decided from earlier assignments, and two racing decisions would split a cluster.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { configuredEmbedder, cosine, type Embedder } from "@/lib/insights/embeddings";
import { insightEmbeddingText } from "@/lib/insights/pipeline";
import {
  chooseCluster,
  chooseRelated,
  countShared,
  isSamePoint,
  RELATED_LIMIT,
  specificTermsIn,
  termsOf,
  thresholdsFor,
  type InsightNeighbour,
  type Thresholds,
} from "@/lib/insights/relate/choose";
import type { AdaptiveVectorIndex } from "@/lib/insights/vector-index";
import { forgetInsight, rememberInsight, syncedIndex, windowStart } from "@/lib/insights/relate/neighbour-index";
import { neighbourSearchFor, openNeighbourFinder } from "@/lib/insights/relate/neighbour-search";

/** The advisory lock key for relating ("PBRL"). */
const RELATE_LOCK = 0x5042524c;
/** Neighbours fetched per insight: room for same-episode ones, stale entries and the threshold. */
const SEARCH_K = RELATED_LIMIT * 3;

export type RelateOutcome = { related: number; clustered: number };

// One relate at a time in this process too: its index is shared, and on PGlite a second relate's
// catch-up outside a transaction would wait for the session the first one's transaction holds.
let exclusive: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const result = exclusive.then(task);
  exclusive = result.catch(() => undefined);
  return result;
}

/**
 * Loads this process's neighbour index (from its snapshot, then the database) before the first relate
 * needs it; with pgvector there is none to load (0).
 */
export function warmNeighbourIndex(embedder: Embedder = configuredEmbedder()): Promise<number> {
  return oneAtATime(async () => ((await neighbourSearchFor(embedder)) === "database" ? 0 : (await syncedIndex(db, embedder.id, embedder.dimensions)).size));
}

/**
 * This process's neighbour index, caught up, for a search outside relating (the search box's query
 * vector). Only where the database has no pgvector; it holds the insights relating may offer.
 */
export function caughtUpNeighbourIndex(embedder: Embedder = configuredEmbedder()): Promise<AdaptiveVectorIndex> {
  return oneAtATime(() => syncedIndex(db, embedder.id, embedder.dimensions));
}

export type RelateOptions = {
  embedder?: Embedder;
  /** Called inside the transaction after each insight is related: the crash test stops its worker there. */
  afterInsight?: () => void | Promise<void>;
};

export function relateEpisodeInsights(episodeId: string, { embedder = configuredEmbedder(), afterInsight }: RelateOptions = {}): Promise<RelateOutcome> {
  return oneAtATime(() => relateNow(episodeId, embedder, afterInsight));
}

async function relateNow(episodeId: string, embedder: Embedder, afterInsight: RelateOptions["afterInsight"]): Promise<RelateOutcome> {
  const search = await neighbourSearchFor(embedder);
  // The bulk of a catch-up (all of it when the process starts) happens before taking the lock.
  if (search === "in-process") await syncedIndex(db, embedder.id, embedder.dimensions);
  const remembered: { id: string; embedding: number[]; createdAt: Date }[] = [];
  const outcome = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${RELATE_LOCK}::bigint)) AS lock`;
      const thresholds = thresholdsFor(embedder.id);
      const insights = await tx.insight.findMany({
        where: { episodeId, relatedAt: null, embeddingModel: embedder.id },
        orderBy: [{ qualityScore: "desc" }, { id: "asc" }],
        select: { id: true, embedding: true, clusterId: true, createdAt: true, headline: true, body: true },
      });
      const touchedClusters = new Set<string>();
      const touchedInsights = new Set<string>();
      let clustered = 0;
      const since = windowStart();
      // The finder sees all of the episode's insights from the start, so each finds its siblings whatever the order.
      const usable = insights.filter((insight) => insight.embedding.length === embedder.dimensions);
      const finder = await openNeighbourFinder(tx, search, embedder, { episodeId, since, episodeInsights: usable });

      for (const insight of usable) {
        const found = await finder.nearest(insight, SEARCH_K);
        const terms = termsOf(insightEmbeddingText(insight));
        const kept = found.map((row) => ({ row, terms: termsOf(insightEmbeddingText(row)) }));
        const specific = specificTermsIn([terms, ...kept.map((k) => k.terms)]);
        const candidates: InsightNeighbour[] = kept.map(({ row, terms: theirs }) => ({
          id: row.id,
          score: row.score,
          episodeId: row.episodeId,
          clusterId: row.clusterId,
          sharedTerms: countShared(terms, theirs, specific),
        }));

        const related = chooseRelated(episodeId, candidates, thresholds);
        await tx.insightRelation.deleteMany({ where: { insightId: insight.id } });
        await tx.insightRelation.createMany({
          data: related.flatMap((other) => [
            { insightId: insight.id, relatedInsightId: other.id, score: other.score },
            { insightId: other.id, relatedInsightId: insight.id, score: other.score },
          ]),
          skipDuplicates: true,
        });
        await trimRelatedLists(tx, related.map((other) => other.id));

        const fitting = await clustersThatFit(tx, insight.embedding, candidates, thresholds);
        const choice = chooseCluster(episodeId, candidates, thresholds, (clusterId) => fitting.has(clusterId));
        let clusterId: string | null = null;
        if (choice && "join" in choice) clusterId = choice.join;
        if (choice && "startWith" in choice) {
          clusterId = (await tx.cluster.create({ data: {}, select: { id: true } })).id;
          await tx.insight.update({ where: { id: choice.startWith.id }, data: { clusterId } });
          touchedInsights.add(choice.startWith.id);
        }
        if (insight.clusterId) touchedClusters.add(insight.clusterId);
        if (clusterId) {
          touchedClusters.add(clusterId);
          clustered++;
        }
        touchedInsights.add(insight.id);
        // The database clock, read after the lock was taken: stamps only grow, which the index's catch-up relies on.
        await tx.$executeRaw`UPDATE insights SET cluster_id = ${clusterId}, related_at = clock_timestamp() WHERE id = ${insight.id}`;
        remembered.push(insight);
        await afterInsight?.();
      }

      await refreshClusters(tx, [...touchedClusters], [...touchedInsights]);
      return { related: insights.length, clustered };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (search === "in-process") for (const insight of remembered) rememberInsight(insight.id, insight.embedding, insight.createdAt);
  return outcome;
}

/**
 * The clusters of same-point candidates that the new insight fits: at least the same-point
 * similarity to every member. (Shared words are asked of the nearest member only: which words count
 * depends on each insight's neighbourhood, so asking them of every member would turn away the twin of
 * a clustered insight.)
 */
async function clustersThatFit(tx: Prisma.TransactionClient, embedding: number[], candidates: InsightNeighbour[], thresholds: Thresholds): Promise<Set<string>> {
  const clusterIds = [...new Set(candidates.flatMap((c) => (c.clusterId && isSamePoint(c.score, c.sharedTerms, thresholds) ? [c.clusterId] : [])))];
  if (clusterIds.length === 0) return new Set();
  const members = await tx.insight.findMany({ where: { clusterId: { in: clusterIds } }, select: { clusterId: true, embedding: true } });
  const fitting = new Set(clusterIds);
  for (const member of members) {
    if (member.embedding.length !== embedding.length || cosine(embedding, member.embedding) < thresholds.samePoint) fitting.delete(member.clusterId!);
  }
  return fitting;
}

/**
 * Keeps each listed insight's related list to the best RELATED_LIMIT: other episodes first, then by
 * similarity, the order the list is shown in.
 */
async function trimRelatedLists(tx: Prisma.TransactionClient, insightIds: string[]): Promise<void> {
  if (insightIds.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM insight_relations AS r
    USING (
      SELECT r2.insight_id, r2.related_insight_id,
        row_number() OVER (
          PARTITION BY r2.insight_id
          ORDER BY (target.episode_id = source.episode_id), r2.score DESC, r2.related_insight_id
        ) AS position
      FROM insight_relations AS r2
      JOIN insights AS source ON source.id = r2.insight_id
      JOIN insights AS target ON target.id = r2.related_insight_id
      WHERE r2.insight_id = ANY(${insightIds}::text[])
    ) AS ranked
    WHERE r.insight_id = ranked.insight_id AND r.related_insight_id = ranked.related_insight_id AND ranked.position > ${RELATED_LIMIT}`;
}

/**
 * Brings clusters up to date after members joined or left: a cluster left with one member is
 * dissolved (a cluster is a point made on several shows), and each keeps its best member as
 * representative and that member's headline as its title. The feed's copy of each member's cluster
 * (insight_topics.cluster_id) follows.
 */
export async function refreshClusters(tx: Prisma.TransactionClient, clusterIds: string[], alsoInsights: string[] = []): Promise<void> {
  if (clusterIds.length === 0 && alsoInsights.length === 0) return;
  const members = await tx.insight.findMany({ where: { clusterId: { in: clusterIds } }, select: { id: true } });
  const affected = [...new Set([...members.map((member) => member.id), ...alsoInsights])];
  await tx.$executeRaw`
    UPDATE insights SET cluster_id = NULL
    WHERE cluster_id IN (
      SELECT cluster_id FROM insights WHERE cluster_id = ANY(${clusterIds}::text[]) GROUP BY cluster_id HAVING count(*) < 2
    )`;
  await tx.$executeRaw`
    DELETE FROM clusters AS c
    WHERE c.id = ANY(${clusterIds}::text[]) AND NOT EXISTS (SELECT 1 FROM insights AS i WHERE i.cluster_id = c.id)`;
  await tx.$executeRaw`
    UPDATE clusters AS c
    SET size = best.size, representative_insight_id = best.id, label = best.headline, updated_at = now()
    FROM (
      SELECT DISTINCT ON (cluster_id) cluster_id, id, headline, count(*) OVER (PARTITION BY cluster_id) AS size
      FROM insights
      WHERE cluster_id = ANY(${clusterIds}::text[])
      ORDER BY cluster_id, quality_score DESC, id COLLATE "C"
    ) AS best
    WHERE c.id = best.cluster_id`;
  await tx.$executeRaw`
    UPDATE insight_topics AS it SET cluster_id = i.cluster_id
    FROM insights AS i
    WHERE i.id = it.insight_id AND it.insight_id = ANY(${affected}::text[]) AND it.cluster_id IS DISTINCT FROM i.cluster_id`;
}

/**
 * Undoes relating for these episodes' insights (their related lists both ways, their clusters), so
 * relating them again starts clean. Used by re-processing; relating again restores the same rows.
 */
export function unrelateEpisodes(episodeIds: string[]): Promise<number> {
  return oneAtATime(() => unrelateNow(episodeIds));
}

async function unrelateNow(episodeIds: string[]): Promise<number> {
  const insights = await db.insight.findMany({ where: { episodeId: { in: episodeIds } }, select: { id: true, clusterId: true } });
  const ids = insights.map((insight) => insight.id);
  const clusters = [...new Set(insights.flatMap((insight) => (insight.clusterId ? [insight.clusterId] : [])))];
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${RELATE_LOCK}::bigint)) AS lock`;
      await tx.insightRelation.deleteMany({ where: { OR: [{ insightId: { in: ids } }, { relatedInsightId: { in: ids } }] } });
      await tx.insight.updateMany({ where: { id: { in: ids } }, data: { clusterId: null, relatedAt: null } });
      await refreshClusters(tx, clusters, ids);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  for (const id of ids) forgetInsight(id);
  return ids.length;
}
