/**
 * Polling as jobs: a scheduler every minute (schedule-polls) queues one poll per podcast that is due,
 * keyed by the podcast and the moment it fell due, so two schedulers (or a retried one) queue it once.
 */
import "server-only";
import { db } from "@/lib/db";
import { pollPodcastJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";

const DUE_BATCH = 500;

/** Queues a poll for every podcast whose next poll is due; returns how many were queued. */
export async function queueDuePolls(now = new Date()): Promise<number> {
  const due = await db.podcast.findMany({
    where: { nextPollAt: { lte: now }, isDemo: false, addStatus: "ready" },
    orderBy: { nextPollAt: "asc" },
    take: DUE_BATCH,
    select: { id: true, nextPollAt: true },
  });
  let queued = 0;
  for (const podcast of due) {
    if (await enqueue(pollPodcastJob, { podcastId: podcast.id, dueAt: podcast.nextPollAt.toISOString() })) queued++;
  }
  return queued;
}
