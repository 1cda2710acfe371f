/**
 * The personalized feed: a reader's insights ranked from what they follow (topics and shows) and
 * what they have told us (saves, opens, hides, "more / less like this" on an insight, a topic or a
 * show). Insights of one cluster show once, as the best member, with how many other shows made the
 * same point.
 *
 * Candidates are bounded before anything is scored: the newest few hundred insights of each followed
 * topic (read from the feed's covering index on insight_topics) and of each followed show. Scoring
 * them in memory is then a few thousand rows at most, whatever the total. There is no date window:
 * freshness ranks new above old, and a quiet topic still shows its best older insights.
 *
 * A page is two statements, three when the reader gave feedback on topics they do not follow: the
 * reader's signals with their candidates, then the page's cards with their clusters' members. Each
 * round trip costs more than the work it carries on a loaded server (npm run bench:feed).
 */
import "server-only";
import { z } from "zod";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InsightCardData } from "@/lib/insights/insight-card";
import { loadInsightCards } from "@/lib/insights/load-insight-cards";

const PER_TOPIC = 300;
/** How many of the best candidates get their unfollowed-topic feedback applied. */
const FEEDBACK_SLICE = 200;
/** A reader who follows nothing sees the newest insights of everyone, best first. */
const UNPERSONALIZED = 500;

/** Weights of the score; see `scoreCandidate`. */
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

export type Signals = {
  topicFeedback: ReadonlyMap<string, number>;
  podcastFeedback: ReadonlyMap<string, number>;
  insightFeedback: ReadonlyMap<string, number>;
  seen: ReadonlySet<string>;
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

/** The score a candidate ranks by (see combineScore). */
export function scoreCandidate(candidate: Candidate, signals: Signals, asOf: Date): number {
  let feedback = 0;
  for (const topicId of candidate.topicIds) feedback += signals.topicFeedback.get(topicId) ?? 0;
  feedback += signals.podcastFeedback.get(candidate.podcastId) ?? 0;
  feedback += signals.insightFeedback.get(candidate.insightId) ?? 0;
  return combineScore({
    match: candidate.match,
    freshness: freshness(candidate.publishedAt, asOf),
    qualityScore: candidate.qualityScore,
    feedback,
    seen: signals.seen.has(candidate.insightId),
  });
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

/** The signals a reader's candidates are scored by. */
export function signalsFor(reader: ReaderSignals): Signals {
  return { topicFeedback: reader.topicFeedback, podcastFeedback: reader.podcastFeedback, insightFeedback: reader.insightFeedback, seen: reader.seen };
}

export async function rankFeedForUser(userId: string, { cursor: rawCursor, take = 20, topicId }: { cursor?: string | null; take?: number; topicId?: string } = {}): Promise<FeedPage> {
  const cursor = decodeCursor(rawCursor);
  const asOf = new Date(cursor?.asOf ?? Date.now());

  // A topic page ranks that one topic for the reader, followed or not.
  const { reader, rows } = await loadFeedCandidates(userId, { topicId, asOf });
  const { topicNames, hidden } = reader;
  const personalized = topicId !== undefined || reader.topicIds.length + reader.podcastIds.length > 0;

  const candidates = await resolveCandidates(rows);
  const signals = signalsFor(reader);
  let scores = candidates.map((candidate) => scoreCandidate(candidate, signals, asOf));
  // Feedback on topics the reader does not follow can only move what is near the top: it is looked up
  // for the best-scored slice, not for every candidate, and everything is scored again only if it added any.
  if (unfollowedFeedbackTopics(reader).length > 0) {
    const slice = candidates
      .map((candidate, index) => ({ candidate, score: scores[index]! }))
      .sort((a, b) => b.score - a.score)
      .slice(0, FEEDBACK_SLICE)
      .map((entry) => entry.candidate);
    if ((await addFeedbackTopics(slice, reader)) > 0) {
      scores = candidates.map((candidate) => scoreCandidate(candidate, signals, asOf));
    }
  }

  // One per cluster: the best-scoring member stands for it.
  const scored = candidates
    .map((candidate, index) => ({ candidate, score: scores[index]! }))
    .filter(({ candidate }) => !hidden.has(candidate.insightId))
    .sort((a, b) => b.score - a.score || (a.candidate.insightId < b.candidate.insightId ? -1 : 1));
  const groups = new Map<string, { lead: (typeof scored)[number]; others: (typeof scored)[number][] }>();
  for (const entry of scored) {
    const key = entry.candidate.clusterId ?? entry.candidate.insightId;
    const group = groups.get(key);
    if (group) group.others.push(entry);
    else groups.set(key, { lead: entry, others: [] });
  }
  const ordered = [...groups.values()];
  const start = cursor
    ? ordered.findIndex((group) => group.lead.score < cursor.score || (group.lead.score === cursor.score && group.lead.candidate.insightId > cursor.id))
    : 0;
  const page = start === -1 ? [] : ordered.slice(start, start + take);
  const hasMore = start !== -1 && start + take < ordered.length;

  // The page's cards and every member of its clusters (best first), in one read.
  const clusterIds = page.flatMap((group) => (group.lead.candidate.clusterId ? [group.lead.candidate.clusterId] : []));
  const cards = await loadInsightCards(
    page.map((group) => group.lead.candidate.insightId),
    userId,
    { clusterIds },
  );
  const saved = reader.saved;

  const items: FeedItem[] = page.flatMap((group) => {
    const lead = cards.get(group.lead.candidate.insightId);
    if (!lead) return [];
    const others = lead.clusterId ? [...cards.values()].filter((card) => card.clusterId === lead.clusterId && card.id !== lead.id && !hidden.has(card.id)) : [];
    const otherShows = new Set(others.map((other) => other.podcast.id).filter((id) => id !== lead.podcast.id)).size;
    return [
      {
        insight: lead,
        score: group.lead.score,
        saved: saved.has(lead.id),
        reason: reasonFor(group.lead.candidate, topicNames, otherShows, personalized),
        others,
        otherShows,
      },
    ];
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ asOf: asOf.getTime(), score: last.lead.score, id: last.lead.candidate.insightId }) : null,
    personalized,
    follows: { topics: reader.topicIds.length, podcasts: reader.podcastIds.length },
  };
}

/** Why an item was chosen, in words for the reader: "You follow AI geopolitics · 3 shows discussed this". */
export function reasonFor(candidate: Candidate, topicNames: ReadonlyMap<string, string>, otherShows: number, personalized: boolean): string {
  const parts: string[] = [];
  const topic = candidate.matchedTopicId ? topicNames.get(candidate.matchedTopicId) : undefined;
  if (topic) parts.push(`You follow ${topic}`);
  else if (candidate.fromFollowedPodcast) parts.push("From a show you follow");
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
function candidateRowsSql(topics: Prisma.Sql, podcasts: Prisma.Sql, { asOf, publishedAfter = new Date(0), newSince }: CandidateWindow): Prisma.Sql {
  const fresh = (alias: string) =>
    newSince ? Prisma.sql`AND (${Prisma.raw(alias)}.published_at > ${newSince} OR ${Prisma.raw(alias)}.created_at > ${newSince})` : Prisma.empty;
  return Prisma.sql`
    SELECT it.insight_id, it.score AS match, it.topic_id, false AS from_podcast,
      it.published_at, it.cluster_id, it.quality_score, it.podcast_id
    FROM ${topics} AS followed(topic_id)
    CROSS JOIN LATERAL (
      SELECT insight_id, score, topic_id, published_at, cluster_id, quality_score, podcast_id, created_at
      FROM insight_topics
      WHERE topic_id = followed.topic_id AND published_at > ${publishedAfter} AND published_at <= ${asOf}
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
      WHERE podcast_id = followed.podcast_id AND published_at > ${publishedAfter} AND published_at <= ${asOf}
      ORDER BY published_at DESC NULLS LAST
      LIMIT ${Prisma.raw(String(EPISODES_PER_PODCAST))}
    ) AS e
    JOIN insights AS ins ON ins.episode_id = e.id
    WHERE ins.published_at > ${publishedAfter} AND ins.published_at <= ${asOf} AND ins.created_at <= ${asOf} ${fresh("ins")}
    UNION ALL
    (
      SELECT i.id, NULL::float8, NULL::text, false, i.published_at, i.cluster_id, i.quality_score, e.podcast_id
      FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id
      WHERE NOT EXISTS (SELECT FROM ${topics} AS followed(topic_id)) AND NOT EXISTS (SELECT FROM ${podcasts} AS followed(podcast_id))
        AND i.published_at > ${publishedAfter} AND i.published_at <= ${asOf} AND i.created_at <= ${asOf} ${fresh("i")}
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

/**
 * The feed's first read, in one statement and one row: the reader's signals and their candidate
 * rows, from what they follow or, for a topic page, from that topic.
 */
async function loadFeedCandidates(userId: string, { topicId, asOf }: { topicId?: string; asOf: Date }): Promise<{ reader: ReaderSignals; rows: CandidateRow[] }> {
  const topics = topicId ? Prisma.sql`(SELECT ${topicId}::text)` : Prisma.sql`(SELECT topic_id FROM topic_follows WHERE user_id = ${userId})`;
  const podcasts = topicId ? Prisma.sql`(SELECT NULL::text WHERE false)` : Prisma.sql`(SELECT podcast_id FROM podcast_subscriptions WHERE user_id = ${userId})`;
  const user = Prisma.sql`${userId}`;
  const [row] = await db.$queryRaw<(SignalsRow & { candidates: string })[]>`${PREPARED}
    SELECT ${signalColumns(user, latestSignalEvents(user))},
      ${packedCandidateRows(candidateRowsSql(topics, podcasts, { asOf }))} AS candidates`;
  return { reader: toReaderSignals(row!), rows: unpackCandidateRows(row!.candidates) };
}

/**
 * One candidate per insight from its rows: its best followed-topic match, whether a followed show
 * brought it, and the topics it reached the reader through. Topics the reader gave feedback on but
 * does not follow are looked up for these candidates only (by primary key), and only when there are any.
 */
export async function resolveCandidates(rows: readonly CandidateRow[], reader: Pick<ReaderSignals, "topicFeedback" | "topicIds"> | null = null): Promise<Candidate[]> {
  const byInsight = new Map<string, Candidate>();
  for (const row of rows) {
    let candidate = byInsight.get(row.insight_id);
    if (!candidate) {
      candidate = {
        insightId: row.insight_id,
        match: null,
        matchedTopicId: null,
        fromFollowedPodcast: false,
        publishedAt: row.published_at,
        clusterId: row.cluster_id,
        podcastId: row.podcast_id ?? "",
        qualityScore: Number(row.quality_score),
        topicIds: [],
      };
      byInsight.set(row.insight_id, candidate);
    }
    if (row.match !== null && (candidate.match === null || Number(row.match) > candidate.match)) {
      candidate.match = Number(row.match);
      candidate.matchedTopicId = row.topic_id;
    }
    if (row.topic_id && !candidate.topicIds.includes(row.topic_id)) candidate.topicIds.push(row.topic_id);
    candidate.fromFollowedPodcast ||= row.from_podcast;
  }
  const candidates = [...byInsight.values()];
  if (reader) await addFeedbackTopics(candidates, reader);
  return candidates;
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

/**
 * Adds to each candidate the topics it has that the reader gave feedback on without following them
 * (its followed ones came with its rows), only when there are any; returns how many it added. Only
 * the stretch of each topic's feed index the candidates were published in is read (a link carries
 * its insight's published_at).
 */
export async function addFeedbackTopics(candidates: readonly Candidate[], reader: Pick<ReaderSignals, "topicFeedback" | "topicIds">): Promise<number> {
  const unfollowedFeedback = unfollowedFeedbackTopics(reader);
  if (unfollowedFeedback.length === 0 || candidates.length === 0) return 0;
  const byInsight = new Map(candidates.map((candidate) => [candidate.insightId, candidate]));
  let [from, to] = [candidates[0]!.publishedAt, candidates[0]!.publishedAt];
  for (const { publishedAt } of candidates) {
    if (publishedAt < from) from = publishedAt;
    if (publishedAt > to) to = publishedAt;
  }
  const links = await loadTopicLinks(unfollowedFeedback, [...byInsight.keys()], { from, to });
  let added = 0;
  for (const link of links) {
    const candidate = byInsight.get(link.insight_id);
    if (candidate && !candidate.topicIds.includes(link.topic_id)) {
      candidate.topicIds.push(link.topic_id);
      added++;
    }
  }
  return added;
}
