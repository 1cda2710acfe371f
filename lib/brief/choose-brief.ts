/**
 * Choosing a reader's brief: the best insights new since their previous brief, ranked exactly as their
 * feed ranks them, then thinned so it never repeats itself: one per cluster, two per show, nothing
 * already sent (nor another show's take on a story sent) or hidden. When fewer than five qualify the
 * brief is shorter, with a note that says why; it is never padded. Reads are bounded like the feed's,
 * a fixed number of queries whatever the number of candidates.
 */
import "server-only";
import { db } from "@/lib/db";
import { CandidatePool } from "@/lib/brief/candidate-pool";
import { loadCandidateRows, loadTopicLinks, type Candidate } from "@/lib/feed/candidates";
import { loadGrowingClusters } from "@/lib/feed/growing-stories";
import { reasonFor } from "@/lib/feed/reason";
import { loadReaderSignalsForMany, unfollowedFeedbackTopics, type ReaderSignals } from "@/lib/feed/reader-signals";
import { formatCount } from "@/lib/format";

export const BRIEF_SIZE = 5;
const MAX_PER_SHOW = 2;
/**
 * Transcripts and extraction take time: an insight that arrived after the previous brief was made
 * is new to the reader even when its episode came out a little before. This bounds how little.
 */
const LATE_ARRIVAL_MS = 48 * 3_600_000;
const DAY_MS = 86_400_000;

export type BriefItemChoice = { insightId: string; reason: string };

export type BriefChoice = {
  /** Best first, at most BRIEF_SIZE. */
  items: BriefItemChoice[];
  /** Why there are fewer than BRIEF_SIZE items; null when the brief is full. */
  note: string | null;
  /** Where the brief's window began: the previous brief, or `since`. */
  windowStart: Date;
};

/**
 * One reader's brief to choose. `since` is the earliest the window may start (the reader's period, a
 * day or a week back), so a first brief or one after a long pause is not a backlog; a later previous
 * brief narrows it. `sincePreviousBrief: false` lets `since` alone set the window (the development
 * action that makes a brief on demand); what was sent before is still never sent again.
 */
export type BriefRequest = { userId: string; since: Date; sincePreviousBrief?: boolean };

/** Chooses many readers' briefs: chooseBriefsForMany, here or on a brief thread (brief-threads.ts). */
export type ChooseBriefs = (requests: readonly BriefRequest[], now: Date) => Promise<Map<string, BriefChoice>>;

/** One reader's brief as of `now`: nothing published or extracted after it is considered. */
export async function chooseBriefItems(userId: string, { since, now, sincePreviousBrief = true }: { since: Date; now: Date; sincePreviousBrief?: boolean }): Promise<BriefChoice> {
  return (await chooseBriefsForMany([{ userId, since, sincePreviousBrief }], now)).get(userId)!;
}

/**
 * Many readers' briefs at once (the scheduler composes thousands a minute): a fixed number of
 * statements per call, whatever the number of readers. Readers whose windows start at the same
 * moment (the same hour and offset, the same previous brief) share one candidate read over the
 * union of what they follow; each reader then keeps the rows of their own topics and shows, so the
 * result is the one a call for that reader alone gives.
 */
export async function chooseBriefsForMany(requests: readonly BriefRequest[], now: Date): Promise<Map<string, BriefChoice>> {
  const userIds = requests.map((request) => request.userId);
  const [readers, previous] = await Promise.all([loadReaderSignalsForMany(userIds), previousBriefs(userIds, now)]);

  const plans = requests.map((request) => {
    const reader = readers.get(request.userId)!;
    const last = previous.get(request.userId);
    const sinceLastBrief = (request.sincePreviousBrief ?? true) && last !== undefined && last > request.since;
    return { request, reader, sinceLastBrief, windowStart: sinceLastBrief ? last : request.since, personalized: reader.topicIds.length + reader.podcastIds.length > 0 };
  });

  // One candidate read per distinct window (and one for readers who follow nothing, who see everything new).
  const groups = new Map<string, typeof plans>();
  for (const plan of plans) {
    const key = `${plan.windowStart.getTime()}:${plan.personalized}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const earliest = Math.min(...plans.map((plan) => plan.windowStart.getTime()));
  const [pools, sent] = await Promise.all([
    Promise.all(
      [...groups.values()].map(async (group) => {
        const { windowStart, personalized } = group[0]!;
        const topicIds = personalized ? [...new Set(group.flatMap((plan) => plan.reader.topicIds))] : [];
        const podcastIds = personalized ? [...new Set(group.flatMap((plan) => plan.reader.podcastIds))] : [];
        // New in the window: published after its start, or published at most LATE_ARRIVAL_MS before it and
        // extracted after it; neither published nor extracted after `now`.
        const rows = await loadCandidateRows({ topicIds, podcastIds }, { asOf: now, publishedAfter: new Date(windowStart.getTime() - LATE_ARRIVAL_MS), newSince: windowStart });
        const pool = new CandidatePool(rows, now, await loadGrowingClusters(rows.map((row) => row.cluster_id), now));
        await addFeedbackTopicLinks(pool, group.map((plan) => plan.reader));
        return { group, pool };
      }),
    ),
    sentBefore(userIds, new Date(earliest - SENT_LOOKBACK_MS)),
  ]);

  const chosenByUser = new Map<string, { chosen: Candidate[]; leftOutForShow: number }>();
  for (const { group, pool } of pools) {
    for (const plan of group) {
      const { reader } = plan;
      const told = sent.get(plan.request.userId);
      const excluded = { insightIds: told ? [reader.hidden, told.insightIds] : [reader.hidden], clusterIds: told?.clusterIds ?? [] };
      const rank = (count: number) => walkRanked(pool.rank(reader, plan.personalized, now, count, excluded));
      // Five rarely need more than the best few dozen; all of them, in order, only when those run out.
      let picked = rank(SHORTLIST);
      if (picked.chosen.length < BRIEF_SIZE) picked = rank(Infinity);
      chosenByUser.set(plan.request.userId, picked);
    }
  }
  const otherShows = await otherShowsPerCluster([...chosenByUser.entries()].flatMap(([userId, { chosen }]) => chosen.map((candidate) => ({ userId, candidate, hidden: readers.get(userId)!.hidden }))));

  const choices = new Map<string, BriefChoice>();
  for (const plan of plans) {
    const { chosen, leftOutForShow } = chosenByUser.get(plan.request.userId)!;
    const items = chosen.map((candidate) => ({
      insightId: candidate.insightId,
      reason: reasonFor(candidate, plan.reader.topicNames, otherShows.get(`${plan.request.userId}:${candidate.insightId}`) ?? 0, plan.personalized),
    }));
    choices.set(plan.request.userId, { items, note: shortNote(plan, items.length, leftOutForShow, now), windowStart: plan.windowStart });
  }
  return choices;
}

/** The best few dozen candidates a reader's brief is chosen from; more only when they run out. */
const SHORTLIST = 64;

/**
 * Links of the pool's insights to topics its readers gave feedback on without following them (the
 * feed's unfollowed_feedback step, for every reader of the pool), in one read over the pool's publication dates.
 */
async function addFeedbackTopicLinks(pool: CandidatePool, readers: readonly ReaderSignals[]): Promise<void> {
  const topics = new Set(readers.flatMap((reader) => unfollowedFeedbackTopics(reader)));
  if (topics.size === 0 || pool.insightIds.length === 0) return;
  pool.setFeedbackTopics(await loadTopicLinks([...topics], pool.insightIds, pool.publishedRange()));
}

/** Best first; a story (a cluster, or an insight of none) is told once, by its best member whose show has room. */
function walkRanked(ranked: readonly Candidate[]) {
  const chosen: Candidate[] = [];
  const storiesChosen = new Set<string>();
  const perShow = new Map<string, number>();
  const leftOutForShow = new Set<string>();
  for (const candidate of ranked) {
    if (chosen.length >= BRIEF_SIZE) break;
    const story = candidate.clusterId ?? candidate.insightId;
    if (storiesChosen.has(story)) continue;
    if ((perShow.get(candidate.podcastId) ?? 0) >= MAX_PER_SHOW) {
      leftOutForShow.add(story);
      continue;
    }
    chosen.push(candidate);
    storiesChosen.add(story);
    perShow.set(candidate.podcastId, (perShow.get(candidate.podcastId) ?? 0) + 1);
  }
  for (const story of storiesChosen) leftOutForShow.delete(story);
  return { chosen, leftOutForShow: leftOutForShow.size };
}

function shortNote(
  { reader, request, sinceLastBrief, personalized }: { reader: ReaderSignals; request: BriefRequest; sinceLastBrief: boolean; personalized: boolean },
  count: number,
  leftOutForShow: number,
  now: Date,
): string | null {
  if (count >= BRIEF_SIZE) return null;
  const where = reader.topicIds.length > 0 ? (reader.podcastIds.length > 0 ? "on your topics and shows" : "on your topics") : personalized ? "from your shows" : "on Podbrief";
  const when = sinceLastBrief
    ? "since your last brief"
    : request.since.getTime() <= 0
      ? "that you have not been sent yet"
      : `in the last ${describeSpan(now.getTime() - request.since.getTime())}`;
  let note = count === 0 ? `No new insights ${where} ${when}.` : `Only ${formatCount(count, "new insight")} ${where} ${when}.`;
  if (leftOutForShow > 0) note += ` ${leftOutForShow} more came from a show already in this brief twice.`;
  return note;
}

function describeSpan(ms: number): string {
  const days = Math.round(ms / DAY_MS);
  if (days >= 2) return `${days} days`;
  if (days === 1) return "day";
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? "hour" : `${hours} hours`;
}

/** Each reader's latest brief that closed a window: one that went out (or may have), or found nothing. A failed one did not reach them. */
async function previousBriefs(userIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  // Per reader, newest first along their (user_id, scheduled_for) index: a lookup each, however big the table.
  const rows = await db.$queryRaw<{ user_id: string; scheduled_for: Date }[]>`
    SELECT reader.id AS user_id, latest.scheduled_for
    FROM unnest(${[...userIds]}::text[]) AS reader(id)
    CROSS JOIN LATERAL (
      SELECT scheduled_for FROM daily_briefs
      WHERE user_id = reader.id AND status IN ('sent', 'unconfirmed', 'empty') AND scheduled_for < ${now}
      ORDER BY scheduled_for DESC
      LIMIT 1
    ) AS latest`;
  return new Map(rows.map((row) => [row.user_id, row.scheduled_for]));
}

/**
 * A story sent this long before the window still counts as told: a new show's take on it weeks later
 * is not news. Older insights cannot be candidates again (candidates are published inside the window).
 */
const SENT_LOOKBACK_MS = 30 * DAY_MS;

type SentBefore = { insightIds: Set<string>; clusterIds: Set<string> };

/** Per reader, the insights and stories (clusters) of their briefs made since `after` (a lookup each on (user_id, scheduled_for)). */
async function sentBefore(userIds: readonly string[], after: Date): Promise<Map<string, SentBefore>> {
  const rows = await db.$queryRaw<{ user_id: string; insight_id: string; cluster_id: string | null }[]>`
    SELECT reader.id AS user_id, item.insight_id, i.cluster_id
    FROM unnest(${[...userIds]}::text[]) AS reader(id)
    -- Each level a lookup by key (OFFSET 0 keeps the planner from flattening them into scans of whole
    -- tables when its statistics are stale, as after a morning's burst of new briefs).
    CROSS JOIN LATERAL (SELECT id FROM daily_briefs WHERE user_id = reader.id AND scheduled_for > ${after} OFFSET 0) AS b
    CROSS JOIN LATERAL (SELECT insight_id FROM daily_brief_items WHERE brief_id = b.id OFFSET 0) AS item
    CROSS JOIN LATERAL (SELECT cluster_id FROM insights WHERE id = item.insight_id OFFSET 0) AS i`;
  const byUser = new Map<string, SentBefore>();
  for (const row of rows) {
    let sent = byUser.get(row.user_id);
    if (!sent) byUser.set(row.user_id, (sent = { insightIds: new Set(), clusterIds: new Set() }));
    sent.insightIds.add(row.insight_id);
    if (row.cluster_id) sent.clusterIds.add(row.cluster_id);
  }
  return byUser;
}

/**
 * Per reader and chosen insight ("userId:insightId"), how many other shows made the same point: its
 * cluster's other members the reader may see, as the feed counts them. One read for every reader.
 */
async function otherShowsPerCluster(chosen: readonly { userId: string; candidate: Candidate; hidden: ReadonlySet<string> }[]): Promise<Map<string, number>> {
  const clusterIds = [...new Set(chosen.flatMap(({ candidate }) => (candidate.clusterId ? [candidate.clusterId] : [])))];
  if (clusterIds.length === 0) return new Map();
  const members = await db.$queryRaw<{ id: string; cluster_id: string; podcast_id: string }[]>`
    SELECT i.id, i.cluster_id, e.podcast_id FROM insights AS i JOIN episodes AS e ON e.id = i.episode_id
    WHERE i.cluster_id = ANY(${clusterIds}::text[])`;
  const byCluster = new Map<string, typeof members>();
  for (const member of members) byCluster.set(member.cluster_id, [...(byCluster.get(member.cluster_id) ?? []), member]);
  return new Map(
    chosen.flatMap(({ userId, candidate, hidden }) => {
      if (!candidate.clusterId) return [];
      const shows = new Set(
        (byCluster.get(candidate.clusterId) ?? [])
          .filter((member) => member.id !== candidate.insightId && !hidden.has(member.id) && member.podcast_id !== candidate.podcastId)
          .map((member) => member.podcast_id),
      );
      return [[`${userId}:${candidate.insightId}`, shows.size] as const];
    }),
  );
}
