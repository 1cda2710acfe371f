/** Insight cards read in one statement: for the brief, and inside the feed's ranking. */
import "server-only";
import { artworkPath } from "@/lib/artwork/artwork-url";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { quoteTime } from "@/lib/insights/quote-attribution";

/** A card as insightCardsSql selects it; published_at is a string (with its zone) when the rows come as JSON. */
export type CardRow = {
  id: string;
  headline: string;
  body: string;
  quote: string;
  start_seconds: number;
  end_seconds: number;
  speaker: string | null;
  published_at: Date | string;
  cluster_id: string | null;
  quality_score: number;
  episode_id: string;
  episode_title: string;
  podcast_id: string;
  podcast_title: string;
  /** The episode's stored artwork, else its show's; null when neither is stored. */
  artwork_hash: string | null;
  topics: { id: string; slug: string; name: string }[] | null;
};

/**
 * The cards of the insights `where` picks (a condition on `i`, the insights table), best first: by
 * quality, then id. Topics are the curated ones and the reader's own, never another reader's, best
 * match first. A fragment, so the feed's ranking can read its page's cards in its own statement.
 */
export function insightCardsSql(where: Prisma.Sql, readerId: string | null): Prisma.Sql {
  return Prisma.sql`
    SELECT i.id, i.headline, i.body, i.quote, i.start_seconds, i.end_seconds, i.speaker, i.published_at AT TIME ZONE 'UTC' AS published_at, i.cluster_id, i.quality_score,
      e.id AS episode_id, e.title AS episode_title, p.id AS podcast_id, p.title AS podcast_title,
      coalesce(ea.hash, pa.hash) AS artwork_hash,
      (
        SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY it.score DESC, t.id)
        FROM insight_topics AS it JOIN topics AS t ON t.id = it.topic_id
        WHERE it.insight_id = i.id AND (t.kind = 'curated' OR t.created_by_id = ${readerId})
      ) AS topics
    FROM insights AS i
    JOIN episodes AS e ON e.id = i.episode_id
    JOIN podcasts AS p ON p.id = e.podcast_id
    LEFT JOIN artworks AS ea ON ea.id = e.artwork_id AND ea.status = 'ready'
    LEFT JOIN artworks AS pa ON pa.id = p.artwork_id AND pa.status = 'ready'
    WHERE ${where}
    ORDER BY i.quality_score DESC, i.id`;
}

/** Rows in insightCardsSql's order become a map that iterates in that order. */
export function toInsightCards(rows: readonly CardRow[]): Map<string, InsightCardData> {
  return new Map(
    rows.map((row) => {
      const card: InsightCardData = {
        id: row.id,
        headline: row.headline,
        body: row.body,
        quote: row.quote,
        startSeconds: Number(row.start_seconds),
        saidAt: quoteTime({ startSeconds: Number(row.start_seconds), endSeconds: Number(row.end_seconds) }),
        speaker: row.speaker,
        publishedAt: new Date(row.published_at),
        clusterId: row.cluster_id,
        episode: { id: row.episode_id, title: row.episode_title },
        podcast: { id: row.podcast_id, title: row.podcast_title },
        artwork: row.artwork_hash ? artworkPath(row.artwork_hash) : null,
        topics: row.topics ?? [],
      };
      return [row.id, card] as const;
    }),
  );
}

/**
 * Cards for these insights in one round trip (Prisma's nested select would take five), and for
 * every insight of `clusterIds` too (a story's "N more from other shows"), best first.
 */
export async function loadInsightCards(
  ids: readonly string[],
  readerId: string | null,
  { clusterIds = [] }: { clusterIds?: readonly string[] } = {},
): Promise<Map<string, InsightCardData>> {
  if (ids.length + clusterIds.length === 0) return new Map();
  const rows = await db.$queryRaw<CardRow[]>`${PREPARED} ${insightCardsSql(
    Prisma.sql`i.id = ANY(${[...ids]}::text[]) OR i.cluster_id = ANY(${[...clusterIds]}::text[])`,
    readerId,
  )}`;
  return toInsightCards(rows);
}
