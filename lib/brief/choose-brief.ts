/**
 * Choosing a reader's brief: the best few insights that are new since their previous brief, ranked
 * exactly as their feed ranks them (same candidates, same signals, same score), then thinned so one
 * brief never says the same thing twice: one insight per cluster, two per show, and nothing the
 * reader was already sent (nor another show's take on a story they were sent) or has hidden. When
 * fewer than five qualify the brief is shorter, with a note that says why; it is never padded.
 *
 * Reads are bounded like the feed's: the newest few hundred rows per followed topic (from the
 * covering index on insight_topics) and per followed show, inside the brief's window, then a fixed
 * number of queries whatever the number of candidates.
 */
import "server-only";
import { db } from "@/lib/db";
import { loadCandidateRows, loadReaderSignals, reasonFor, resolveCandidates, scoreCandidate, signalsFor, type Candidate } from "@/lib/feed/rank-feed";

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
 * @param since the earliest the window may start (the scheduler passes the reader's period, a day
 *   or a week back), so a first brief or one after a long pause is not a backlog; a later previous
 *   brief narrows it.
 * @param now the brief's moment: nothing published or extracted after it is considered.
 * @param sincePreviousBrief false lets `since` alone set the window (the development action that makes
 *   a brief on demand from everything not yet sent); what was sent before is still never sent again.
 */
export async function chooseBriefItems(
  userId: string,
  { since, now, sincePreviousBrief = true }: { since: Date; now: Date; sincePreviousBrief?: boolean },
): Promise<BriefChoice> {
  const [reader, previous] = await Promise.all([
    loadReaderSignals(userId),
    // A brief that went out, or that found nothing, closes a window; a failed one did not reach the reader.
    db.dailyBrief.findFirst({
      where: { userId, status: { in: ["sent", "empty"] }, scheduledFor: { lt: now } },
      orderBy: { scheduledFor: "desc" },
      select: { scheduledFor: true },
    }),
  ]);
  const sinceLastBrief = sincePreviousBrief && previous !== null && previous.scheduledFor > since;
  const windowStart = sinceLastBrief ? previous.scheduledFor : since;
  const personalized = reader.topicIds.length + reader.podcastIds.length > 0;

  // New in the window: published after its start, or published at most LATE_ARRIVAL_MS before it and
  // extracted after it; neither published nor extracted after `now`.
  const rows = await loadCandidateRows(reader, { asOf: now, publishedAfter: new Date(windowStart.getTime() - LATE_ARRIVAL_MS), newSince: windowStart });
  const candidates = await resolveCandidates(rows, reader);
  const signals = signalsFor(reader, candidates);
  const alreadySent = await sentBefore(userId, candidates);
  const ranked = candidates
    .filter((candidate) => !reader.hidden.has(candidate.insightId))
    .filter((candidate) => !alreadySent.insightIds.has(candidate.insightId) && !(candidate.clusterId && alreadySent.clusterIds.has(candidate.clusterId)))
    .map((candidate) => ({ candidate, score: scoreCandidate(candidate, signals, now) }))
    .sort((a, b) => b.score - a.score || (a.candidate.insightId < b.candidate.insightId ? -1 : 1));

  // Best first; a story (a cluster, or an insight of none) is told once, by its best member whose show has room.
  const chosen: Candidate[] = [];
  const storiesChosen = new Set<string>();
  const perShow = new Map<string, number>();
  const leftOutForShow = new Set<string>();
  for (const { candidate } of ranked) {
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

  const otherShows = await otherShowsPerCluster(chosen, reader.hidden);
  const items = chosen.map((candidate) => ({
    insightId: candidate.insightId,
    reason: reasonFor(candidate, reader.topicNames, otherShows.get(candidate.insightId) ?? 0, personalized),
  }));

  let note: string | null = null;
  if (items.length < BRIEF_SIZE) {
    const where = reader.topicIds.length > 0 ? (reader.podcastIds.length > 0 ? "on your topics and shows" : "on your topics") : personalized ? "from your shows" : "on Podbrief";
    const when = sinceLastBrief ? "since your last brief" : since.getTime() <= 0 ? "that you have not been sent yet" : `in the last ${describeSpan(now.getTime() - since.getTime())}`;
    note =
      items.length === 0
        ? `No new insights ${where} ${when}.`
        : `Only ${items.length} new ${items.length === 1 ? "insight" : "insights"} ${where} ${when}.`;
    if (leftOutForShow.size > 0) note += ` ${leftOutForShow.size} more came from a show already in this brief twice.`;
  }
  return { items, note, windowStart };
}

function describeSpan(ms: number): string {
  const days = Math.round(ms / DAY_MS);
  if (days >= 2) return `${days} days`;
  if (days === 1) return "day";
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? "hour" : `${hours} hours`;
}

/** Which of these insights, and which of their stories (clusters), this reader was sent in any earlier brief. */
async function sentBefore(userId: string, candidates: readonly Candidate[]) {
  const insightIds = candidates.map((candidate) => candidate.insightId);
  const clusterIds = [...new Set(candidates.flatMap((candidate) => (candidate.clusterId ? [candidate.clusterId] : [])))];
  if (insightIds.length === 0) return { insightIds: new Set<string>(), clusterIds: new Set<string>() };
  const rows = await db.dailyBriefItem.findMany({
    where: { brief: { userId }, OR: [{ insightId: { in: insightIds } }, ...(clusterIds.length > 0 ? [{ insight: { clusterId: { in: clusterIds } } }] : [])] },
    select: { insightId: true, insight: { select: { clusterId: true } } },
  });
  return {
    insightIds: new Set(rows.map((row) => row.insightId)),
    clusterIds: new Set(rows.flatMap((row) => (row.insight.clusterId ? [row.insight.clusterId] : []))),
  };
}

/** Per chosen insight, how many other shows made the same point (its cluster's other visible members), as the feed counts them. */
async function otherShowsPerCluster(chosen: readonly Candidate[], hidden: ReadonlySet<string>): Promise<Map<string, number>> {
  const clusterIds = chosen.flatMap((candidate) => (candidate.clusterId ? [candidate.clusterId] : []));
  if (clusterIds.length === 0) return new Map();
  const members = await db.insight.findMany({
    where: { clusterId: { in: clusterIds } },
    select: { id: true, clusterId: true, episode: { select: { podcastId: true } } },
  });
  const counts = new Map<string, number>();
  for (const candidate of chosen) {
    if (!candidate.clusterId) continue;
    const shows = new Set(
      members
        .filter((member) => member.clusterId === candidate.clusterId && member.id !== candidate.insightId && !hidden.has(member.id))
        .map((member) => member.episode.podcastId)
        .filter((podcastId) => podcastId !== candidate.podcastId),
    );
    counts.set(candidate.insightId, shows.size);
  }
  return counts;
}
