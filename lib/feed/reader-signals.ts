/**
 * What a reader follows and has told us (saves, opens, hides, "more / less like this" on an insight,
 * a topic or a show), read once per ranking and shared by the feed and the daily brief. The feed's
 * page statement reads the same events in SQL (SIGNAL_EVENTS, SIGNAL_EVENTS_READ) as toReaderSignals
 * reads them here.
 */
import "server-only";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

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
export const SIGNAL_EVENTS = Prisma.sql`kind IN ('hidden', 'opened', 'saved', 'more_like_this', 'less_like_this', 'email_click')`;
export const SIGNAL_EVENTS_READ = 5_000;

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

export function unfollowedFeedbackTopics(reader: Pick<ReaderSignals, "topicFeedback" | "topicIds">): string[] {
  const followed = new Set(reader.topicIds);
  return [...reader.topicFeedback.keys()].filter((topicId) => !followed.has(topicId));
}
