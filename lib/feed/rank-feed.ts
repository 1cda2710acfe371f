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
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
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

/** The score a candidate ranks by: topic match, freshness, quality and the reader's signals. */
export function scoreCandidate(candidate: Candidate, signals: Signals, asOf: Date): number {
  // A followed show's insight with no followed topic counts as a middling match.
  const match = candidate.match === null ? 0.5 : clamp(candidate.match, 0, 1.5) / 1.5;
  let feedback = 0;
  for (const topicId of candidate.topicIds) feedback += signals.topicFeedback.get(topicId) ?? 0;
  feedback += signals.podcastFeedback.get(candidate.podcastId) ?? 0;
  feedback += signals.insightFeedback.get(candidate.insightId) ?? 0;
  return (
    WEIGHTS.match * match +
    WEIGHTS.freshness * freshness(candidate.publishedAt, asOf) +
    WEIGHTS.quality * clamp(candidate.qualityScore, 0, 1) +
    WEIGHTS.feedback * clamp(feedback, -3, 3) -
    (signals.seen.has(candidate.insightId) ? WEIGHTS.seen : 0)
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

export async function loadReaderSignals(userId: string): Promise<ReaderSignals> {
  const [follows, subscriptions, events, savedRows] = await Promise.all([
    db.topicFollow.findMany({ where: { userId }, select: { topicId: true, topic: { select: { name: true } } } }),
    db.podcastSubscription.findMany({ where: { userId }, select: { podcastId: true } }),
    db.feedEvent.findMany({
      where: { userId, kind: { in: ["hidden", "opened", "saved", "more_like_this", "less_like_this"] } },
      select: { kind: true, insightId: true, topicId: true, podcastId: true },
      orderBy: { createdAt: "desc" },
      take: 5_000,
    }),
    db.savedInsight.findMany({ where: { userId }, select: { insightId: true } }),
  ]);

  const hidden = new Set<string>();
  const seen = new Set<string>(savedRows.map((row) => row.insightId));
  const topicFeedback = new Map<string, number>();
  const podcastFeedback = new Map<string, number>();
  const insightFeedback = new Map<string, number>();
  const add = (map: Map<string, number>, key: string | null, delta: number) => {
    if (key) map.set(key, (map.get(key) ?? 0) + delta);
  };
  for (const event of events) {
    if (event.kind === "hidden" && event.insightId) hidden.add(event.insightId);
    if ((event.kind === "opened" || event.kind === "saved") && event.insightId) seen.add(event.insightId);
    const delta = event.kind === "more_like_this" ? 1 : event.kind === "less_like_this" ? -1 : 0;
    if (delta) {
      add(topicFeedback, event.topicId, delta);
      add(podcastFeedback, event.podcastId, delta);
      add(insightFeedback, event.insightId, delta);
    }
  }
  return {
    topicIds: follows.map((follow) => follow.topicId),
    podcastIds: subscriptions.map((subscription) => subscription.podcastId),
    topicNames: new Map(follows.map((follow) => [follow.topicId, follow.topic.name])),
    hidden,
    saved: new Set(savedRows.map((row) => row.insightId)),
    topicFeedback,
    podcastFeedback,
    insightFeedback,
    seen,
  };
}

/** The signals to score these candidates by: "less like this" on one insight also says something about its topics and show, more weakly. */
export function signalsFor(reader: ReaderSignals, candidates: readonly Candidate[]): Signals {
  const topicFeedback = new Map(reader.topicFeedback);
  const podcastFeedback = new Map(reader.podcastFeedback);
  for (const candidate of candidates) {
    const delta = reader.insightFeedback.get(candidate.insightId);
    if (!delta) continue;
    for (const id of candidate.topicIds) topicFeedback.set(id, (topicFeedback.get(id) ?? 0) + delta / 2);
    podcastFeedback.set(candidate.podcastId, (podcastFeedback.get(candidate.podcastId) ?? 0) + delta / 2);
  }
  return { topicFeedback, podcastFeedback, insightFeedback: reader.insightFeedback, seen: reader.seen };
}

export async function rankFeedForUser(userId: string, { cursor: rawCursor, take = 20, topicId }: { cursor?: string | null; take?: number; topicId?: string } = {}): Promise<FeedPage> {
  const cursor = decodeCursor(rawCursor);
  const asOf = new Date(cursor?.asOf ?? Date.now());

  const reader = await loadReaderSignals(userId);
  // A topic page ranks that one topic for the reader, followed or not.
  const topicIds = topicId ? [topicId] : reader.topicIds;
  const podcastIds = topicId ? [] : reader.podcastIds;
  const { topicNames, hidden } = reader;
  const personalized = topicIds.length + podcastIds.length > 0;

  // Feedback on topics the reader does not follow can only move what is near the top: it is looked up
  // for the best-scored slice, not for every candidate.
  const candidates = await resolveCandidates(await loadCandidateRows({ topicIds, podcastIds }, { asOf }));
  const preliminary = signalsFor(reader, candidates);
  const slice = candidates
    .map((candidate) => ({ candidate, score: scoreCandidate(candidate, preliminary, asOf) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, FEEDBACK_SLICE)
    .map((entry) => entry.candidate);
  await addFeedbackTopics(slice, reader);
  const signals = signalsFor(reader, candidates);

  // One per cluster: the best-scoring member stands for it.
  const scored = candidates
    .filter((candidate) => !hidden.has(candidate.insightId))
    .map((candidate) => ({ candidate, score: scoreCandidate(candidate, signals, asOf) }))
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

  const clusterIds = page.flatMap((group) => (group.lead.candidate.clusterId ? [group.lead.candidate.clusterId] : []));
  const members = await clusterMembers(clusterIds, hidden);
  const ids = [...new Set([...page.map((group) => group.lead.candidate.insightId), ...members.map((member) => member.id)])];
  const cards = await loadInsightCards(ids, userId);
  const saved = reader.saved;

  const items: FeedItem[] = page.flatMap((group) => {
    const lead = cards.get(group.lead.candidate.insightId);
    if (!lead) return [];
    const others = members
      .filter((member) => member.clusterId === lead.clusterId && member.id !== lead.id)
      .flatMap((member) => cards.get(member.id) ?? []);
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

async function clusterMembers(clusterIds: string[], hidden: ReadonlySet<string>) {
  if (clusterIds.length === 0) return [];
  const members = await db.insight.findMany({
    where: { clusterId: { in: clusterIds } },
    select: { id: true, clusterId: true, qualityScore: true },
    orderBy: [{ qualityScore: "desc" }, { id: "asc" }],
  });
  return members.filter((member) => !hidden.has(member.id));
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
  created_at: Date;
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
 * The rows of every insight that reaches a reader, for the feed and for the brief alike: per
 * followed topic its newest links (an index-only scan of the feed index), per followed show the
 * insights of its newest episodes, and for a reader who follows nothing the newest insights of all.
 * Insights stored after `asOf` wait for the next visit, so pages stay still while new ones arrive.
 */
export async function loadCandidateRows(
  { topicIds, podcastIds }: { topicIds: string[]; podcastIds: string[] },
  { asOf, publishedAfter = new Date(0), newSince }: CandidateWindow,
): Promise<CandidateRow[]> {
  const fresh = (alias: string) =>
    newSince ? Prisma.sql`AND (${Prisma.raw(alias)}.published_at > ${newSince} OR ${Prisma.raw(alias)}.created_at > ${newSince})` : Prisma.empty;
  if (topicIds.length + podcastIds.length === 0) {
    return db.$queryRaw<CandidateRow[]>`
      SELECT i.id AS insight_id, NULL::float8 AS match, NULL::text AS topic_id, false AS from_podcast,
        i.published_at, i.cluster_id, i.quality_score, e.podcast_id, i.created_at
      FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id
      WHERE i.published_at > ${publishedAfter} AND i.published_at <= ${asOf} AND i.created_at <= ${asOf} ${fresh("i")}
      ORDER BY i.published_at DESC
      LIMIT ${UNPERSONALIZED}`;
  }
  return db.$queryRaw<CandidateRow[]>`
    SELECT it.insight_id, it.score AS match, it.topic_id, false AS from_podcast,
      it.published_at, it.cluster_id, it.quality_score, it.podcast_id, it.created_at
    FROM unnest(${topicIds}::text[]) AS followed(topic_id)
    CROSS JOIN LATERAL (
      SELECT insight_id, score, topic_id, published_at, cluster_id, quality_score, podcast_id, created_at
      FROM insight_topics
      WHERE topic_id = followed.topic_id AND published_at > ${publishedAfter} AND published_at <= ${asOf}
      ORDER BY published_at DESC
      LIMIT ${PER_TOPIC}
    ) AS it
    WHERE it.created_at <= ${asOf} ${fresh("it")}
    UNION ALL
    SELECT ins.id AS insight_id, NULL::float8 AS match, NULL::text AS topic_id, true AS from_podcast,
      ins.published_at, ins.cluster_id, ins.quality_score, followed.podcast_id, ins.created_at
    FROM unnest(${podcastIds}::text[]) AS followed(podcast_id)
    CROSS JOIN LATERAL (
      SELECT id FROM episodes
      WHERE podcast_id = followed.podcast_id AND published_at > ${publishedAfter} AND published_at <= ${asOf}
      ORDER BY published_at DESC NULLS LAST
      LIMIT ${EPISODES_PER_PODCAST}
    ) AS e
    JOIN insights AS ins ON ins.episode_id = e.id
    WHERE ins.published_at > ${publishedAfter} AND ins.published_at <= ${asOf} AND ins.created_at <= ${asOf} ${fresh("ins")}`;
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

/**
 * Adds to each candidate the topics it has that the reader gave feedback on without following them
 * (its followed ones came with its rows), looked up by primary key, and only when there are any.
 */
export async function addFeedbackTopics(candidates: readonly Candidate[], reader: Pick<ReaderSignals, "topicFeedback" | "topicIds">): Promise<void> {
  const followed = new Set(reader.topicIds);
  const unfollowedFeedback = [...reader.topicFeedback.keys()].filter((topicId) => !followed.has(topicId));
  if (unfollowedFeedback.length === 0 || candidates.length === 0) return;
  const byInsight = new Map(candidates.map((candidate) => [candidate.insightId, candidate]));
  const links = await db.$queryRaw<{ insight_id: string; topic_id: string }[]>`
    SELECT insight_id, topic_id FROM insight_topics
    WHERE insight_id = ANY(${[...byInsight.keys()]}::text[]) AND topic_id = ANY(${unfollowedFeedback}::text[])`;
  for (const link of links) {
    const candidate = byInsight.get(link.insight_id);
    if (candidate && !candidate.topicIds.includes(link.topic_id)) candidate.topicIds.push(link.topic_id);
  }
}

