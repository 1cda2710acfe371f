/**
 * Polling as jobs: a scheduler every minute queues one poll per podcast that is due, keyed by the
 * podcast and the moment it fell due, so two schedulers (or a retried one) queue it once.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { pollPodcast } from "@/lib/ingest/poll-podcast";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";
import { moduleLog } from "@/lib/log";

const log = moduleLog("poll");

const DUE_BATCH = 500;

export const pollPodcastJob = defineJob({
  id: "poll-podcast",
  payload: z.object({ podcastId: z.string().min(1), dueAt: z.string() }),
  key: ({ podcastId, dueAt }) => `${podcastId}:${dueAt}`,
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  // Fetch (30 s at most) plus parse and store; a worker killed mid-poll is noticed after this.
  expireInSeconds: 3 * 60,
  run: async ({ podcastId }) => {
    const outcome = await pollPodcast(podcastId);
    if (outcome.status === "failed") log.info({ podcastId }, `poll failed: ${outcome.error}`);
  },
});

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

export const schedulePollsJob = defineJob({
  id: "schedule-polls",
  payload: z.object({}),
  cron: "* * * * *",
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  run: async () => {
    const queued = await queueDuePolls();
    if (queued) log.info({ queued }, "queued polls");
  },
});
