/**
 * The personalized feed's page: a reader's insights ranked from what they follow and what they have
 * told us (reader-signals.ts), over their candidates (candidates.ts), by the one formula (score.ts),
 * one card per cluster with how many other shows made the same point, growing stories lifted. The
 * brief ranks many readers at once in memory instead (lib/brief/candidate-pool.ts);
 * tests/integration/feed-ranking.test.ts holds the two to one order.
 */
import "server-only";
import { z } from "zod";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { type CardRow, insightCardsSql, toInsightCards } from "@/lib/cards/load-insight-cards";
import { showsWithin } from "@/lib/clusters/growing";
import { db, PREPARED } from "@/lib/db";
import { candidateRowsSql } from "@/lib/feed/candidates";
import { growingClustersSql } from "@/lib/feed/growing-stories";
import { reasonText } from "@/lib/feed/reason";
import { SIGNAL_EVENTS, SIGNAL_EVENTS_READ } from "@/lib/feed/reader-signals";
import { FRESHNESS_HALF_LIFE_HOURS, WEIGHTS } from "@/lib/feed/score";
import { Prisma } from "@/lib/generated/prisma/client";

export type FeedItem = {
  insight: InsightCardData;
  score: number;
  saved: boolean;
  reason: string;
  /** The other members of its cluster the reader may see, best first. */
  others: InsightCardData[];
  otherShows: number;
  /** Shows with a take on its story aired in the last week ("3 shows this week" from 2 up; growing.ts). */
  showsThisWeek: number;
};

export type FeedPage = { items: FeedItem[]; nextCursor: string | null; personalized: boolean; follows: { topics: number; podcasts: number } };

const cursorSchema = z.object({ asOf: z.number(), score: z.number(), id: z.string() });
type Cursor = z.infer<typeof cursorSchema>;

/**
 * Pages continue from the last item's score and id, scored as of the first page's time: insights
 * that arrive meanwhile wait for the next visit instead of shifting the pages under the reader.
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

/** One lead of a page as the ranking statement returns it. */
type RankedLead = [insightId: string, score: number, clusterId: string | null, matchedTopicName: string | null, fromFollowedPodcast: boolean, saved: boolean];

type RankedPageRow = { topics: number; podcasts: number; leads: RankedLead[]; hidden: string[]; cards: CardRow[] };

export async function rankFeedForUser(userId: string, { cursor: rawCursor, take = 20, topicId }: { cursor?: string | null; take?: number; topicId?: string } = {}): Promise<FeedPage> {
  const cursor = decodeCursor(rawCursor);
  const asOf = new Date(cursor?.asOf ?? Date.now());

  const [row] = await db.$queryRaw<RankedPageRow[]>`${PREPARED} ${rankedPageSql(userId, { topicId, asOf, cursor, take })}`;
  const { leads, hidden: hiddenIds } = row!;
  const personalized = topicId !== undefined || Number(row!.topics) + Number(row!.podcasts) > 0;
  const page = leads.slice(0, take);
  const hidden = new Set(hiddenIds);

  // The page's cards and every member of its clusters, best first.
  const cards = toInsightCards(row!.cards);

  const items: FeedItem[] = page.flatMap(([insightId, score, , matchedTopicName, fromFollowedPodcast, saved]) => {
    const lead = cards.get(insightId);
    if (!lead) return [];
    const others = lead.clusterId ? [...cards.values()].filter((card) => card.clusterId === lead.clusterId && card.id !== lead.id && !hidden.has(card.id)) : [];
    const otherShows = new Set(others.map((other) => other.podcast.id).filter((id) => id !== lead.podcast.id)).size;
    // Hidden members count here: the story grew whether or not this reader wants that take.
    const members = lead.clusterId ? [...cards.values()].filter((card) => card.clusterId === lead.clusterId) : [];
    const showsThisWeek = showsWithin(members.map((card) => ({ podcastId: card.podcast.id, publishedAt: card.publishedAt })), asOf);
    return [{ insight: lead, score, saved, reason: reasonText({ topic: matchedTopicName, fromFollowedPodcast, otherShows, personalized }), others, otherShows, showsThisWeek }];
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor: leads.length > take && last ? encodeCursor({ asOf: asOf.getTime(), score: last[1], id: last[0] }) : null,
    personalized,
    follows: { topics: Number(row!.topics), podcasts: Number(row!.podcasts) },
  };
}

/** A float8 literal of a weight, so the SQL formula reads the same constants as combineScore. */
const weight = (value: number) => Prisma.raw(`${value}::float8`);

/**
 * The feed's page as one statement: one round trip, only its own rows, and the ranking kept off the
 * app's event loop. It must stay combineScore's formula, term by term and in the same order of
 * operations, over the same candidates (candidateRowsSql) and signals as toReaderSignals reads them,
 * ties going to the smaller id. Text is sorted COLLATE "C" (byte order, as JS compares ids) but never
 * joined that way: an id with another collation than its column's cannot use the column's index.
 */
function rankedPageSql(userId: string, { topicId, asOf, cursor, take }: { topicId?: string; asOf: Date; cursor: Cursor | null; take: number }): Prisma.Sql {
  const user = Prisma.sql`${userId}`;
  // A topic page ranks that one topic for the reader, followed or not, and no shows.
  const sources = topicId ? Prisma.sql`(SELECT ${topicId}::text)` : Prisma.sql`(SELECT topic_id FROM my_follows)`;
  const shows = topicId ? Prisma.sql`(SELECT NULL::text WHERE false)` : Prisma.sql`(SELECT podcast_id FROM my_podcasts)`;
  const asOfMs = asOf.getTime();
  return Prisma.sql`
    WITH my_follows AS MATERIALIZED (
      SELECT f.topic_id, t.name FROM topic_follows AS f JOIN topics AS t ON t.id = f.topic_id WHERE f.user_id = ${user}
    ),
    my_podcasts AS MATERIALIZED (SELECT podcast_id FROM podcast_subscriptions WHERE user_id = ${user}),
    events AS MATERIALIZED (
      SELECT fe.kind, fe.insight_id, fe.topic_id, fe.podcast_id FROM feed_events AS fe
      WHERE fe.user_id = ${user} AND ${SIGNAL_EVENTS}
      ORDER BY fe.created_at DESC
      LIMIT ${Prisma.raw(String(SIGNAL_EVENTS_READ))}
    ),
    votes AS MATERIALIZED (
      SELECT insight_id, topic_id, podcast_id, CASE WHEN kind = 'more_like_this' THEN 1::float8 ELSE -1::float8 END AS delta
      FROM events WHERE kind IN ('more_like_this', 'less_like_this')
    ),
    topic_votes AS MATERIALIZED (
      SELECT topic_id, sum(delta) AS w FROM (
        SELECT topic_id, delta FROM votes WHERE topic_id IS NOT NULL
        UNION ALL
        SELECT it.topic_id, v.delta / 2 FROM votes AS v JOIN insight_topics AS it ON it.insight_id = v.insight_id
      ) AS t GROUP BY topic_id
    ),
    podcast_votes AS MATERIALIZED (
      SELECT podcast_id, sum(delta) AS w FROM (
        SELECT podcast_id, delta FROM votes WHERE podcast_id IS NOT NULL
        UNION ALL
        SELECT e.podcast_id, v.delta / 2 FROM votes AS v JOIN insights AS i ON i.id = v.insight_id JOIN episodes AS e ON e.id = i.episode_id
      ) AS p GROUP BY podcast_id
    ),
    -- Per insight: its own "more / less like this", whether it is hidden, whether the reader has seen it (opened, saved, followed from email).
    marks AS MATERIALIZED (
      SELECT insight_id,
        coalesce(sum(CASE kind WHEN 'more_like_this' THEN 1::float8 WHEN 'less_like_this' THEN -1::float8 END), 0) AS w,
        bool_or(kind = 'hidden') AS hidden,
        bool_or(kind IN ('opened', 'saved', 'email_click')) AS seen
      FROM (
        SELECT kind, insight_id FROM events WHERE insight_id IS NOT NULL
        UNION ALL
        SELECT 'saved', insight_id FROM saved_insights WHERE user_id = ${user}
      ) AS m
      GROUP BY insight_id
    ),
    reached AS MATERIALIZED (${candidateRowsSql(sources, shows, { asOf })}),
    growing AS MATERIALIZED (${growingClustersSql(Prisma.sql`ARRAY(SELECT DISTINCT cluster_id FROM reached WHERE cluster_id IS NOT NULL)`, asOf)}),
    candidates AS (
      SELECT r.insight_id, max(r.match) AS match, bool_or(r.from_podcast) AS from_podcast,
        max(r.published_at) AS published_at, max(r.cluster_id) AS cluster_id, max(r.quality_score) AS quality_score, max(r.podcast_id) AS podcast_id,
        coalesce(sum(tv.w), 0) AS topic_feedback
      FROM reached AS r LEFT JOIN topic_votes AS tv ON tv.topic_id = r.topic_id
      GROUP BY 1
    ),
    -- Feedback on topics the reader neither follows nor reached these candidates through: it counts for
    -- every candidate in one of those topics, as it does in the brief, however low its other terms
    -- put it. Most readers have none, and then the one-time EXISTS skips the lookups altogether.
    unfollowed_votes AS MATERIALIZED (
      SELECT tv.topic_id, tv.w FROM topic_votes AS tv
      WHERE NOT EXISTS (SELECT FROM ${sources} AS src(topic_id) WHERE src.topic_id = tv.topic_id)
        AND NOT EXISTS (SELECT FROM my_follows AS mf WHERE mf.topic_id = tv.topic_id)
    ),
    -- Each candidate's topics in one index probe, then kept where the reader voted: a CTE of its own,
    -- because the planner, guessing one vote, would otherwise probe once per candidate and vote
    -- (50 ms instead of a few for the bench's heaviest reader).
    candidate_links AS MATERIALIZED (
      SELECT it.insight_id, it.topic_id
      FROM candidates AS c
      JOIN insight_topics AS it ON it.insight_id = c.insight_id
      WHERE EXISTS (SELECT FROM unfollowed_votes)
    ),
    unfollowed_feedback AS MATERIALIZED (
      SELECT l.insight_id, sum(uv.w) AS w
      FROM candidate_links AS l
      JOIN unfollowed_votes AS uv ON uv.topic_id = l.topic_id
      GROUP BY l.insight_id
    ),
    scored AS MATERIALIZED (
      SELECT c.insight_id, c.cluster_id, c.from_podcast,
        ${weight(WEIGHTS.match)} * CASE WHEN c.match IS NULL THEN 0.5::float8 ELSE least(greatest(c.match, 0), 1.5) / 1.5 END
        -- Capped at 2^-1000 (about 11 years): power() raises an underflow where JS gives 0, and
        -- beside the other terms either is nothing, so the sum comes out the same.
        + ${weight(WEIGHTS.freshness)} * power(0.5::float8, least(1000::float8,
          greatest(0::float8, (${asOfMs}::float8 - round(date_part('epoch', c.published_at) * 1000)) / 3600000) / ${Prisma.raw(String(FRESHNESS_HALF_LIFE_HOURS))}
        ))
        + ${weight(WEIGHTS.quality)} * least(greatest(c.quality_score, 0), 1)
        -- Summed in the brief's order (topics, unfollowed topics, show, insight), so scores match to the bit.
        + ${weight(WEIGHTS.feedback)} * least(greatest(c.topic_feedback + coalesce(u.w, 0) + coalesce(pv.w, 0) + coalesce(m.w, 0), -3), 3)
        - CASE WHEN m.seen THEN ${weight(WEIGHTS.seen)} ELSE 0::float8 END
        + CASE WHEN c.cluster_id IN (SELECT cluster_id FROM growing) THEN ${weight(WEIGHTS.growing)} ELSE 0::float8 END AS score
      FROM candidates AS c
      LEFT JOIN unfollowed_feedback AS u ON u.insight_id = c.insight_id
      LEFT JOIN podcast_votes AS pv ON pv.podcast_id = c.podcast_id
      LEFT JOIN marks AS m ON m.insight_id = c.insight_id
      WHERE m.hidden IS NOT TRUE
    ),
    leads AS (
      SELECT insight_id, cluster_id, from_podcast, score FROM scored WHERE cluster_id IS NULL
      UNION ALL
      (
        SELECT DISTINCT ON (cluster_id COLLATE "C") insight_id, cluster_id, from_podcast, score FROM scored WHERE cluster_id IS NOT NULL
        ORDER BY cluster_id COLLATE "C", score DESC, insight_id COLLATE "C"
      )
    ),
    page AS MATERIALIZED (
      SELECT l.insight_id, l.score, l.cluster_id, l.from_podcast,
        EXISTS (SELECT FROM saved_insights AS v WHERE v.user_id = ${user} AND v.insight_id = l.insight_id) AS saved
      FROM leads AS l
      WHERE ${cursor?.score ?? null}::float8 IS NULL OR l.score < ${cursor?.score ?? null}::float8
        OR (l.score = ${cursor?.score ?? null}::float8 AND l.insight_id COLLATE "C" > ${cursor?.id ?? null}::text)
      ORDER BY l.score DESC, l.insight_id COLLATE "C"
      LIMIT ${take + 1}
    ),
    -- The page without the one past it (that one only says there is a next page).
    shown AS (SELECT insight_id, cluster_id FROM page ORDER BY score DESC, insight_id COLLATE "C" LIMIT ${take}),
    -- Why each lead is here: its best followed-topic match among the links that reached it (ties to the smaller topic id).
    matched AS (
      SELECT DISTINCT ON (r.insight_id) r.insight_id, mf.name
      FROM reached AS r JOIN page AS p ON p.insight_id = r.insight_id JOIN my_follows AS mf ON mf.topic_id = r.topic_id
      WHERE r.match IS NOT NULL
      ORDER BY r.insight_id, r.match DESC, r.topic_id COLLATE "C"
    )
    SELECT
      (SELECT count(*) FROM my_follows)::int AS topics,
      (SELECT count(*) FROM my_podcasts)::int AS podcasts,
      (SELECT coalesce(json_agg(json_build_array(p.insight_id, p.score, p.cluster_id, m.name, p.from_podcast, p.saved) ORDER BY p.score DESC, p.insight_id COLLATE "C"), '[]')
        FROM page AS p LEFT JOIN matched AS m ON m.insight_id = p.insight_id) AS leads,
      (SELECT coalesce(json_agg(h.insight_id), '[]') FROM marks AS h JOIN insights AS i ON i.id = h.insight_id
        WHERE h.hidden AND i.cluster_id IN (SELECT cluster_id FROM page WHERE cluster_id IS NOT NULL)) AS hidden,
      (SELECT coalesce(json_agg(c ORDER BY c.quality_score DESC, c.id), '[]') FROM (${insightCardsSql(
        // Arrays, not IN (subquery): an OR of two arrays is two index scans, an OR of two subqueries a scan of every insight.
        Prisma.sql`i.id = ANY(ARRAY(SELECT insight_id FROM shown)) OR i.cluster_id = ANY(ARRAY(SELECT cluster_id FROM shown WHERE cluster_id IS NOT NULL))`,
        userId,
      )}) AS c) AS cards`;
}
