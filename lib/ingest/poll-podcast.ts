/**
 * One poll of one podcast: a conditional GET, parse, store, schedule the next poll, and queue
 * transcript fetches for new episodes. A feed that cannot be read is recorded on the podcast in
 * words (and polled again later, backing off); nothing else in the database changes.
 */
import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { fetchFeed, ingestFeed } from "@/lib/ingest/ingest-feed";
import { nextIntervalMinutes, nextPollAt } from "@/lib/ingest/poll-schedule";
import { afterFeedRead } from "@/lib/pipeline/next-stage";

export type PollOutcome =
  | { status: "updated"; newEpisodes: number; updatedEpisodes: number }
  | { status: "not_modified" }
  | { status: "failed"; error: string }
  | { status: "skipped" };

/**
 * Points inside a poll where the crash test stops its worker (tests/integration/ingest-crash.test.ts),
 * so each step's crash is tested every run instead of wherever a timed kill happens to land.
 */
export type PollHooks = {
  /** The feed was read and parsed; nothing of it is stored yet. */
  afterFetch?: () => void | Promise<void>;
  /** A batch of episodes has committed; the podcast's fetch state is written after the last one. */
  afterBatch?: () => void | Promise<void>;
  /** Everything is stored; the transcript fetches are not queued yet. */
  afterStore?: () => void | Promise<void>;
};

export async function pollPodcast(podcastId: string, now: () => Date = () => new Date(), hooks: PollHooks = {}): Promise<PollOutcome> {
  const podcast = await db.podcast.findUnique({ where: { id: podcastId } });
  // A show not read yet is read by its add-podcast job, and one whose first read failed is not polled.
  if (!podcast || podcast.isDemo || podcast.addStatus !== "ready") return { status: "skipped" };

  let result: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    result = await fetchFeed(podcast.feedUrl, podcast);
  } catch (error) {
    if (!(error instanceof SafeError)) throw error;
    const failures = podcast.consecutiveFailures + 1;
    const at = now();
    const interval = nextIntervalMinutes(podcast.pollIntervalMinutes, { kind: "failed", consecutiveFailures: failures }, at);
    await db.podcast.update({
      where: { id: podcast.id },
      data: {
        lastFetchedAt: at,
        lastError: error.message,
        lastErrorAt: at,
        consecutiveFailures: failures,
        nextPollAt: nextPollAt(at, interval),
      },
    });
    return { status: "failed", error: error.message };
  }

  const fetchedAt = now();
  if (!result.feed) {
    const newest = await db.episode.findFirst({ where: { podcastId }, orderBy: { publishedAt: "desc" }, select: { publishedAt: true } });
    const interval = nextIntervalMinutes(podcast.pollIntervalMinutes, { kind: "unchanged", newestEpisodeAt: newest?.publishedAt ?? null }, fetchedAt);
    await db.podcast.update({
      where: { id: podcast.id },
      data: {
        lastFetchedAt: fetchedAt,
        lastSuccessAt: fetchedAt,
        lastError: null,
        lastErrorAt: null,
        consecutiveFailures: 0,
        pollIntervalMinutes: interval,
        nextPollAt: nextPollAt(fetchedAt, interval),
      },
    });
    await afterFeedRead(podcast.id);
    return { status: "not_modified" };
  }

  const { feed, response } = result;
  await hooks.afterFetch?.();
  const stored = await ingestFeed(podcast.id, feed, {
    etag: response.etag,
    lastModified: response.lastModified,
    fetchedAt,
    polling: { previousMinutes: podcast.pollIntervalMinutes },
    afterBatch: hooks.afterBatch,
    afterStore: hooks.afterStore,
  });
  return { status: "updated", newEpisodes: stored.newEpisodes, updatedEpisodes: stored.updatedEpisodes };
}
