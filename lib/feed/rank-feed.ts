/**
 * The personalized feed: a reader's insights ranked from what they follow (topics and shows) and
 * what they have told us (saves, opens, hides, "more / less like this" on an insight, a topic or a
 * show). Insights of one cluster show once, as the best member, with how many other shows made the
 * same point.
 *
 * Candidates are bounded before anything is scored: the newest few hundred insights of each followed
 * topic (read from the feed's covering index on insight_topics) and of each followed show. Scoring
 * them is then a few thousand rows at most, whatever the total. There is no date window: freshness
 * ranks new above old, and a quiet topic still shows its best older insights.
 *
 * A page is one statement (rankedPageSql): signals, candidates, scores and the page's leads, all in
 * the database, with the leads' cards and their clusters' members. The daily brief ranks many
 * readers at once in memory instead (lib/brief/candidate-pool.ts), with combineScore; both are one
 * ranking, held to it by tests/integration/feed-ranking.test.ts.
 */
import "server-only";
import { z } from "zod";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InsightCardData } from "@/lib/insights/insight-card";
import { type CardRow, insightCardsSql, toInsightCards } from "@/lib/insights/load-insight-cards";

const PER_TOPIC = 300;
/** How many of the best candidates get their unfollowed-topic feedback applied. */
const FEEDBACK_SLICE = 200;
/** A reader who follows nothing sees the newest insights of everyone, best first. */
const UNPERSONALIZED = 500;

/** Weights of the score; see `combineScore`. */
export const WEIGHTS = {
  match: 0.45,
  freshness: 0.35,
  quality: 0.2,
  /** Per "more like this" (capped at 3) on the insight's topic or show; negative for "less". */
  feedback: 0.12,
  /** An insight the reader has opened or saved sinks below those they have not seen. */
  seen: 0.3,
} as const;
/** Freshness halves every this many hours. */
const FRESHNESS_HALF_LIFE_HOURS = 48;

export type Candidate = {
  insightId: string;
  /** The best topic match among followed topics (0..~2), or null when it comes from a followed show only. */
  match: number | null;
  matchedTopicId: string | null;
  fromFollowedPodcast: boolean;
  publishedAt: Date;
  clusterId: string | null;
  podcastId: string;
  qualityScore: number;
  topicIds: string[];
};

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
};

/** The one scoring formula: topic match, freshness, quality and the reader's signals, weighted. */
export function combineScore({ match, freshness, qualityScore, feedback, seen }: ScoreParts): number {
  // A followed show's insight with no followed topic counts as a middling match.
  const matchPart = match === null ? 0.5 : clamp(match, 0, 1.5) / 1.5;
  return (
    WEIGHTS.match * matchPart +
    WEIGHTS.freshness * freshness +
    WEIGHTS.quality * clamp(qualityScore, 0, 1) +
    WEIGHTS.feedback * clamp(feedback, -3, 3) -
    (seen ? WEIGHTS.seen : 0)
  );
}

export type FeedItem = {
  insight: InsightCardData;
  score: number;
  saved: boolean;
  reason: string;
  /** The other members of its cluster the reader may see, best first. */
  others: InsightCardData[];
  otherShows: number;
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

/** What a reader follows and has told us, read once per ranking; shared by the feed and the daily brief. */
export type ReaderSignals = {
  topicIds: string[];
  podcastIds: string[];
  topicNames: ReadonlyMap<string, string>;
  hidden: ReadonlySet<string>;
  saved: ReadonlySet<string>;
  topicFeedback: ReadonlyMap<string, number>;
  podcastFeedback: ReadonlyMap<string, number>;
  insightFeedback: ReadonlyMap<string, number>;
  seen: ReadonlySet<string>;
};

/** The events that are signals, newest first, at most this many per reader. */
const SIGNAL_EVENTS = Prisma.sql`kind IN ('hidden', 'opened', 'saved', 'more_like_this', 'less_like_this', 'email_click')`;
const SIGNAL_EVENTS_READ = 5_000;

/**
 * A reader's latest signal events, as a relation for `FROM` (the reader's id is an SQL expression).
 * "More / less like this" on an insight carries that insight's show and topics (`about`), so it
 * tells the ranking about them wherever the insight itself is now.
 */
const latestSignalEvents = (userId: Prisma.Sql) => Prisma.sql`(
  SELECT fe.kind, fe.insight_id, fe.topic_id, fe.podcast_id,
    CASE WHEN fe.insight_id IS NOT NULL AND fe.kind IN ('more_like_this', 'less_like_this') THEN (
      SELECT json_build_array(e.podcast_id, (SELECT coalesce(json_agg(it.topic_id), '[]') FROM insight_topics AS it WHERE it.insight_id = i.id))
      FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id WHERE i.id = fe.insight_id
    ) END AS about
  FROM feed_events AS fe
  WHERE fe.user_id = ${userId} AND ${SIGNAL_EVENTS}
  ORDER BY fe.created_at DESC
  LIMIT ${Prisma.raw(String(SIGNAL_EVENTS_READ))}
)`;

/**
 * Everything ReaderSignals is made of, as four JSON columns, so a reader's signals are one round
 * trip (and any number of readers' too). `events` is the relation of the reader's latest signal events.
 */
const signalColumns = (userId: Prisma.Sql, events: Prisma.Sql) => Prisma.sql`
  (SELECT coalesce(json_agg(json_build_array(f.topic_id, t.name) ORDER BY f.topic_id), '[]')
    FROM topic_follows AS f JOIN topics AS t ON t.id = f.topic_id WHERE f.user_id = ${userId}) AS follows,
  (SELECT coalesce(json_agg(s.podcast_id ORDER BY s.podcast_id), '[]')
    FROM podcast_subscriptions AS s WHERE s.user_id = ${userId}) AS podcasts,
  (SELECT coalesce(json_agg(json_build_array(e.kind, e.insight_id, e.topic_id, e.podcast_id, e.about)), '[]')
    FROM ${events} AS e) AS events,
  (SELECT coalesce(json_agg(v.insight_id), '[]')
    FROM saved_insights AS v WHERE v.user_id = ${userId}) AS saved`;

type SignalsRow = {
  follows: [topicId: string, name: string][];
  podcasts: string[];
  events: [kind: string, insightId: string | null, topicId: string | null, podcastId: string | null, about: [podcastId: string, topicIds: string[]] | null][];
  saved: string[];
};

function toReaderSignals(row: SignalsRow): ReaderSignals {
  const hidden = new Set<string>();
  const seen = new Set<string>(row.saved);
  const topicFeedback = new Map<string, number>();
  const podcastFeedback = new Map<string, number>();
  const insightFeedback = new Map<string, number>();
  const add = (map: Map<string, number>, key: string | null, delta: number) => {
    if (key) map.set(key, (map.get(key) ?? 0) + delta);
  };
  for (const [kind, insightId, topicId, podcastId, about] of row.events) {
    if (kind === "hidden" && insightId) hidden.add(insightId);
    // Read in the feed, or followed from the brief's email: either way the reader has seen it.
    if ((kind === "opened" || kind === "saved" || kind === "email_click") && insightId) seen.add(insightId);
    const delta = kind === "more_like_this" ? 1 : kind === "less_like_this" ? -1 : 0;
    if (delta) {
      add(topicFeedback, topicId, delta);
      add(podcastFeedback, podcastId, delta);
      add(insightFeedback, insightId, delta);
      // "Less like this" on one insight also says something about its topics and show, more weakly.
      if (about) {
        add(podcastFeedback, about[0], delta / 2);
        for (const id of about[1]) add(topicFeedback, id, delta / 2);
      }
    }
  }
  return {
    topicIds: row.follows.map(([topicId]) => topicId),
    podcastIds: row.podcasts,
    topicNames: new Map(row.follows),
    hidden,
    saved: new Set(row.saved),
    topicFeedback,
    podcastFeedback,
    insightFeedback,
    seen,
  };
}

export async function loadReaderSignals(userId: string): Promise<ReaderSignals> {
  return (await loadReaderSignalsForMany([userId])).get(userId)!;
}

/** Many readers' signals in one statement (the daily brief composes thousands at a time). Every id given has an entry. */
export async function loadReaderSignalsForMany(userIds: readonly string[]): Promise<Map<string, ReaderSignals>> {
  if (userIds.length === 0) return new Map();
  const reader = Prisma.sql`reader.id`;
  const rows = await db.$queryRaw<(SignalsRow & { user_id: string })[]>`${PREPARED}
    SELECT reader.id AS user_id, ${signalColumns(reader, latestSignalEvents(reader))}
    FROM unnest(${[...new Set(userIds)]}::text[]) AS reader(id)`;
  return new Map(rows.map((row) => [row.user_id, toReaderSignals(row)]));
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
    return [{ insight: lead, score, saved, reason: reasonText({ topic: matchedTopicName, fromFollowedPodcast, otherShows, personalized }), others, otherShows }];
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
 * The feed's page as one statement, so it costs one round trip and returns its own rows only.
 * Ranking the few thousand candidates where they are, instead of sending them to the app, keeps that
 * work off the app's event loop: ten feeds at once go half again as fast (npm run bench:feed). It is
 * combineScore's formula, term by term and in the same order of operations, over the same candidates
 * (candidateRowsSql) and the same signals as toReaderSignals reads them.
 *
 * The steps: the reader's signal events (latest SIGNAL_EVENTS_READ) become feedback per topic, show
 * and insight ("more / less like this" on an insight also counts, halved, for its show and topics),
 * hidden and seen; each candidate that is not hidden gets its best followed-topic match and the
 * feedback of the topics it came through; the best FEEDBACK_SLICE also get the feedback of topics
 * they have that the reader does not follow (only when there is any); then one lead per cluster,
 * best first (ties to the smaller id), after the cursor, take + 1 of them to know whether there is a
 * next page; last, the topic each lead is shown for, and the cards of the leads and their clusters.
 *
 * Text is sorted COLLATE "C" (byte order, as JS compares ids, and without the locale's cost) but
 * never joined that way: an id with another collation than its column's cannot use the column's index.
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
    candidates AS (
      SELECT r.insight_id, max(r.match) AS match, bool_or(r.from_podcast) AS from_podcast,
        max(r.published_at) AS published_at, max(r.cluster_id) AS cluster_id, max(r.quality_score) AS quality_score, max(r.podcast_id) AS podcast_id,
        coalesce(sum(tv.w), 0) AS topic_feedback
      FROM reached AS r LEFT JOIN topic_votes AS tv ON tv.topic_id = r.topic_id
      GROUP BY 1
    ),
    parts AS MATERIALIZED (
      SELECT c.insight_id, c.cluster_id, c.from_podcast,
        ${weight(WEIGHTS.match)} * CASE WHEN c.match IS NULL THEN 0.5::float8 ELSE least(greatest(c.match, 0), 1.5) / 1.5 END AS match_part,
        -- Capped at 2^-1000 (about 11 years): power() raises an underflow where JS gives 0, and
        -- beside the other terms either is nothing, so the sum comes out the same.
        ${weight(WEIGHTS.freshness)} * power(0.5::float8, least(1000::float8,
          greatest(0::float8, (${asOfMs}::float8 - round(date_part('epoch', c.published_at) * 1000)) / 3600000) / ${Prisma.raw(String(FRESHNESS_HALF_LIFE_HOURS))}
        )) AS freshness_part,
        ${weight(WEIGHTS.quality)} * least(greatest(c.quality_score, 0), 1) AS quality_part,
        c.topic_feedback + coalesce(pv.w, 0) + coalesce(m.w, 0) AS feedback,
        CASE WHEN m.seen THEN ${weight(WEIGHTS.seen)} ELSE 0::float8 END AS seen_part
      FROM candidates AS c
      LEFT JOIN podcast_votes AS pv ON pv.podcast_id = c.podcast_id
      LEFT JOIN marks AS m ON m.insight_id = c.insight_id
      WHERE m.hidden IS NOT TRUE
    ),
    slice AS MATERIALIZED (
      SELECT insight_id FROM parts
      WHERE EXISTS (SELECT FROM topic_votes AS tv WHERE NOT EXISTS (SELECT FROM my_follows AS mf WHERE mf.topic_id = tv.topic_id))
      ORDER BY match_part + freshness_part + quality_part + ${weight(WEIGHTS.feedback)} * least(greatest(feedback, -3), 3) - seen_part DESC, insight_id COLLATE "C"
      LIMIT ${Prisma.raw(String(FEEDBACK_SLICE))}
    ),
    unfollowed_feedback AS MATERIALIZED (
      SELECT s.insight_id, sum(tv.w) AS w
      FROM slice AS s
      JOIN insight_topics AS it ON it.insight_id = s.insight_id
      JOIN topic_votes AS tv ON tv.topic_id = it.topic_id
      WHERE NOT EXISTS (SELECT FROM ${sources} AS src(topic_id) WHERE src.topic_id = it.topic_id)
        AND NOT EXISTS (SELECT FROM my_follows AS mf WHERE mf.topic_id = it.topic_id)
      GROUP BY s.insight_id
    ),
    scored AS MATERIALIZED (
      SELECT p.insight_id, p.cluster_id, p.from_podcast,
        p.match_part + p.freshness_part + p.quality_part + ${weight(WEIGHTS.feedback)} * least(greatest(p.feedback + coalesce(u.w, 0), -3), 3) - p.seen_part AS score
      FROM parts AS p LEFT JOIN unfollowed_feedback AS u ON u.insight_id = p.insight_id
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

/** Why an item was chosen, in words for the reader: "You follow AI geopolitics · 3 shows discussed this". */
export function reasonFor(candidate: Candidate, topicNames: ReadonlyMap<string, string>, otherShows: number, personalized: boolean): string {
  const topic = candidate.matchedTopicId ? topicNames.get(candidate.matchedTopicId) : undefined;
  return reasonText({ topic: topic ?? null, fromFollowedPodcast: candidate.fromFollowedPodcast, otherShows, personalized });
}

function reasonText({ topic, fromFollowedPodcast, otherShows, personalized }: { topic: string | null; fromFollowedPodcast: boolean; otherShows: number; personalized: boolean }): string {
  const parts: string[] = [];
  if (topic) parts.push(`You follow ${topic}`);
  else if (fromFollowedPodcast) parts.push("From a show you follow");
  else if (!personalized) parts.push("New on Podbrief");
  if (otherShows > 0) parts.push(`${otherShows + 1} shows discussed this`);
  return parts.join(" · ");
}

/**
 * One way an insight reached a reader: through a followed topic (with its match) or a followed
 * show, with everything scoring needs, read from the feed's covering index (or, for shows, from the
 * insight itself).
 */
export type CandidateRow = {
  insight_id: string;
  match: number | null;
  topic_id: string | null;
  from_podcast: boolean;
  published_at: Date;
  cluster_id: string | null;
  quality_score: number;
  podcast_id: string | null;
};

/** Episodes of a followed show whose insights are candidates: its newest, so a long back catalogue costs nothing. */
const EPISODES_PER_PODCAST = 20;

export type CandidateWindow = {
  /** Nothing published or stored after this. */
  asOf: Date;
  /** Nothing published before this (the brief's window); the feed has none. */
  publishedAfter?: Date;
  /** Only insights published or stored after this (the brief: new since the last one). */
  newSince?: Date;
};

/**
 * The rows of every insight that reaches a reader through `topics` and `podcasts` (relations with a
 * topic_id / podcast_id column, e.g. the reader's follows): per followed topic its newest links (an
 * index-only scan of the feed index), per followed show the insights of its newest episodes, and for
 * a reader who follows nothing the newest insights of all. Insights stored after `asOf` wait for the
 * next visit, so pages stay still while new ones arrive.
 */
function candidateRowsSql(topics: Prisma.Sql, podcasts: Prisma.Sql, { asOf, publishedAfter, newSince }: CandidateWindow): Prisma.Sql {
  const fresh = (alias: string) =>
    newSince ? Prisma.sql`AND (${Prisma.raw(alias)}.published_at > ${newSince} OR ${Prisma.raw(alias)}.created_at > ${newSince})` : Prisma.empty;
  // No lower bound at all rather than one at 1970: a bound given as a parameter makes the server's
  // generic plan assume a narrow range, price it high and re-plan the feed on every call.
  const after = (column: string) => (publishedAfter ? Prisma.sql`AND ${Prisma.raw(column)} > ${publishedAfter}` : Prisma.empty);
  return Prisma.sql`
    SELECT it.insight_id, it.score AS match, it.topic_id, false AS from_podcast,
      it.published_at, it.cluster_id, it.quality_score, it.podcast_id
    FROM ${topics} AS followed(topic_id)
    CROSS JOIN LATERAL (
      SELECT insight_id, score, topic_id, published_at, cluster_id, quality_score, podcast_id, created_at
      FROM insight_topics
      WHERE topic_id = followed.topic_id ${after("published_at")} AND published_at <= ${asOf}
      ORDER BY published_at DESC
      LIMIT ${Prisma.raw(String(PER_TOPIC))}
    ) AS it
    WHERE it.created_at <= ${asOf} ${fresh("it")}
    UNION ALL
    SELECT ins.id, NULL::float8, NULL::text, true,
      ins.published_at, ins.cluster_id, ins.quality_score, followed.podcast_id
    FROM ${podcasts} AS followed(podcast_id)
    CROSS JOIN LATERAL (
      SELECT id FROM episodes
      WHERE podcast_id = followed.podcast_id ${after("published_at")} AND published_at <= ${asOf}
      ORDER BY published_at DESC NULLS LAST
      LIMIT ${Prisma.raw(String(EPISODES_PER_PODCAST))}
    ) AS e
    JOIN insights AS ins ON ins.episode_id = e.id
    WHERE ins.published_at <= ${asOf} ${after("ins.published_at")} AND ins.created_at <= ${asOf} ${fresh("ins")}
    UNION ALL
    (
      SELECT i.id, NULL::float8, NULL::text, false, i.published_at, i.cluster_id, i.quality_score, e.podcast_id
      FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id
      WHERE NOT EXISTS (SELECT FROM ${topics} AS followed(topic_id)) AND NOT EXISTS (SELECT FROM ${podcasts} AS followed(podcast_id))
        ${after("i.published_at")} AND i.published_at <= ${asOf} AND i.created_at <= ${asOf} ${fresh("i")}
      ORDER BY i.published_at DESC
      LIMIT ${Prisma.raw(String(UNPERSONALIZED))}
    )`;
}

/**
 * Candidate rows packed into one text value: a line per row (lines split by chr(30), fields by
 * chr(31); ids are cuids and never hold either). Prisma turns a raw result into JS value by value,
 * which for the few thousand rows a feed ranks cost ~8 ms of CPU per feed; splitting one string
 * costs under 2 (measured on the bench:feed data).
 */
const packedCandidateRows = (rows: Prisma.Sql) => Prisma.sql`(
  SELECT coalesce(string_agg(concat_ws(chr(31),
    c.insight_id, coalesce(c.match::text, ''), coalesce(c.topic_id, ''), CASE WHEN c.from_podcast THEN '1' ELSE '' END,
    (extract(epoch FROM c.published_at) * 1000)::bigint, coalesce(c.cluster_id, ''), c.quality_score, coalesce(c.podcast_id, '')
  ), chr(30)), '')
  FROM (${rows}) AS c
)`;

function unpackCandidateRows(packed: string): CandidateRow[] {
  if (packed === "") return [];
  // The insights of one episode share its time: one Date each, never mutated.
  const dates = new Map<string, Date>();
  const dateOf = (ms: string) => {
    let date = dates.get(ms);
    if (!date) dates.set(ms, (date = new Date(Number(ms))));
    return date;
  };
  return packed.split("\x1e").map((line) => {
    const [insightId, match, topicId, fromPodcast, publishedAt, clusterId, qualityScore, podcastId] = line.split("\x1f");
    return {
      insight_id: insightId!,
      match: match ? Number(match) : null,
      topic_id: topicId || null,
      from_podcast: fromPodcast === "1",
      published_at: dateOf(publishedAt!),
      cluster_id: clusterId || null,
      quality_score: Number(qualityScore),
      podcast_id: podcastId || null,
    };
  });
}

/** The candidate rows for these topics and shows (see `candidateRowsSql`), for the feed and the brief alike. */
export async function loadCandidateRows({ topicIds, podcastIds }: { topicIds: string[]; podcastIds: string[] }, window: CandidateWindow): Promise<CandidateRow[]> {
  const topics = Prisma.sql`(SELECT unnest(${topicIds}::text[]))`;
  const podcasts = Prisma.sql`(SELECT unnest(${podcastIds}::text[]))`;
  const [row] = await db.$queryRaw<{ candidates: string }[]>`${PREPARED} SELECT ${packedCandidateRows(candidateRowsSql(topics, podcasts, window))} AS candidates`;
  return unpackCandidateRows(row!.candidates);
}

export function unfollowedFeedbackTopics(reader: Pick<ReaderSignals, "topicFeedback" | "topicIds">): string[] {
  const followed = new Set(reader.topicIds);
  return [...reader.topicFeedback.keys()].filter((topicId) => !followed.has(topicId));
}

/**
 * The links of these insights to these topics, read only over the stretch of each topic's feed index
 * they were published in (a link carries its insight's published_at). For feedback on unfollowed topics.
 */
export async function loadTopicLinks(topicIds: readonly string[], insightIds: readonly string[], { from, to }: { from: Date; to: Date }) {
  return db.$queryRaw<{ insight_id: string; topic_id: string }[]>`${PREPARED}
    SELECT insight_id, topic_id FROM insight_topics
    WHERE topic_id = ANY(${[...topicIds]}::text[]) AND insight_id = ANY(${[...insightIds]}::text[])
      AND published_at BETWEEN ${from} AND ${to}`;
}
