/**
 * Candidates: the insights that reach a reader through what they follow, bounded before scoring to
 * the newest few hundred of each followed topic (from the covering index on insight_topics) and show,
 * so scoring is a few thousand rows whatever the total. No date window: freshness ranks new above old,
 * and a quiet topic still shows its best older insights. The feed reads them inside its page
 * statement, the brief through loadCandidateRows.
 */
import "server-only";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const PER_TOPIC = 300;
/** A reader who follows nothing sees the newest insights of everyone, best first. */
const UNPERSONALIZED = 500;

/** A candidate as the brief ranks it in memory (lib/brief/candidate-pool.ts): its row's fields for one reader. */
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
export function candidateRowsSql(topics: Prisma.Sql, podcasts: Prisma.Sql, { asOf, publishedAfter, newSince }: CandidateWindow): Prisma.Sql {
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
 * chr(31); ids are cuids and never hold either). Splitting one string costs far less CPU than Prisma
 * turning a raw result into JS value by value.
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
