/**
 * The first read of a show a reader added (the add-podcast job): fetch, parse, store in batches, then
 * mark it `ready`, which is what makes it look read and puts it on the poll schedule. A feed that cannot
 * be read marks the show `failed` with the reason, in words; a retry of the job after a crash finds what
 * was stored and adds the rest.
 */
import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { fetchFeed, ingestFeed } from "@/lib/ingest/ingest-feed";
import { DEFAULT_INTERVAL_MINUTES } from "@/lib/ingest/poll-schedule";
import type { StoreFeedOptions } from "@/lib/ingest/store-feed";

export type FirstReadOutcome = "ready" | "failed" | "merged" | "skipped";

const INTERNAL_FAILURE = "a problem on Podbrief's side stopped the read";

async function markFailed(podcastId: string, reason: string): Promise<void> {
  const at = new Date();
  await db.podcast.updateMany({
    where: { id: podcastId, addStatus: "reading" },
    data: { addStatus: "failed", lastError: reason, lastErrorAt: at, lastFetchedAt: at },
  });
}

/**
 * Reads a `reading` show. Reasons a reader can act on are recorded and the job ends; anything else is
 * thrown for the job to retry, and recorded as a failure on its last attempt so the show never stays
 * `reading` for good.
 */
export async function readNewPodcast(podcastId: string, options: { lastAttempt?: boolean } & StoreFeedOptions = {}): Promise<FirstReadOutcome> {
  const podcast = await db.podcast.findUnique({ where: { id: podcastId }, select: { id: true, feedUrl: true, addStatus: true } });
  if (!podcast || podcast.addStatus !== "reading") return "skipped";
  try {
    const { response, feed } = await fetchFeed(podcast.feedUrl);
    if (!feed) throw new SafeError("the server answered “not modified” to a first request");

    // The same show may be known under the address this one redirects to: its readers follow that one.
    if (response.url !== podcast.feedUrl) {
      const known = await db.podcast.findUnique({ where: { feedUrl: response.url }, select: { id: true, addStatus: true } });
      if (known && known.addStatus === "ready") {
        await db.$transaction(async (tx) => {
          const readers = await tx.podcastSubscription.findMany({ where: { podcastId }, select: { userId: true } });
          await tx.podcastSubscription.createMany({ data: readers.map(({ userId }) => ({ userId, podcastId: known.id })), skipDuplicates: true });
          await tx.podcast.delete({ where: { id: podcastId } });
        });
        return "merged";
      }
    }

    await ingestFeed(podcast.id, feed, {
      etag: response.etag,
      lastModified: response.lastModified,
      fetchedAt: new Date(),
      polling: { previousMinutes: DEFAULT_INTERVAL_MINUTES },
      afterBatch: options.afterBatch,
    });
  } catch (error) {
    if (error instanceof SafeError) {
      await markFailed(podcast.id, error.message);
      return "failed";
    }
    if (options.lastAttempt) await markFailed(podcast.id, INTERNAL_FAILURE);
    throw error;
  }
  return "ready";
}
