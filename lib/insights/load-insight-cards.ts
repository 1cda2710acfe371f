/** The feed's card query: one round trip for a page of insight cards. */
import "server-only";
import { db, PREPARED } from "@/lib/db";
import type { InsightCardData } from "@/lib/insights/insight-card";

type CardRow = {
  id: string;
  headline: string;
  body: string;
  start_seconds: number;
  speaker: string | null;
  published_at: Date;
  cluster_id: string | null;
  episode_id: string;
  episode_title: string;
  podcast_id: string;
  podcast_title: string;
  topics: { id: string; slug: string; name: string }[] | null;
};

/**
 * Cards for these insights in one round trip (the feed's hot path: Prisma's nested select would take
 * five), and for every insight of `clusterIds` too (the feed's "N more from other shows"), best
 * first: the map iterates by quality, then id. Topics are the curated ones and the reader's own,
 * never another reader's, best match first.
 */
export async function loadInsightCards(
  ids: readonly string[],
  readerId: string | null,
  { clusterIds = [] }: { clusterIds?: readonly string[] } = {},
): Promise<Map<string, InsightCardData>> {
  if (ids.length + clusterIds.length === 0) return new Map();
  const rows = await db.$queryRaw<CardRow[]>`${PREPARED}
    SELECT i.id, i.headline, i.body, i.start_seconds, i.speaker, i.published_at, i.cluster_id,
      e.id AS episode_id, e.title AS episode_title, p.id AS podcast_id, p.title AS podcast_title,
      (
        SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY it.score DESC, t.id)
        FROM insight_topics AS it JOIN topics AS t ON t.id = it.topic_id
        WHERE it.insight_id = i.id AND (t.kind = 'curated' OR t.created_by_id = ${readerId})
      ) AS topics
    FROM insights AS i
    JOIN episodes AS e ON e.id = i.episode_id
    JOIN podcasts AS p ON p.id = e.podcast_id
    WHERE i.id = ANY(${[...ids]}::text[]) OR i.cluster_id = ANY(${[...clusterIds]}::text[])
    ORDER BY i.quality_score DESC, i.id`;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        headline: row.headline,
        body: row.body,
        startSeconds: Number(row.start_seconds),
        speaker: row.speaker,
        publishedAt: row.published_at,
        clusterId: row.cluster_id,
        episode: { id: row.episode_id, title: row.episode_title },
        podcast: { id: row.podcast_id, title: row.podcast_title },
        topics: row.topics ?? [],
      },
    ]),
  );
}
