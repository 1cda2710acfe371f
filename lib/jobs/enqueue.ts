/**
 * Enqueuing from anywhere: the web server (a reader adds a podcast) and job handlers (a poll finds new
 * episodes). One send-only queue client per process, created on first use.
 */
import type PgBoss from "pg-boss";
import type { JobDefinition, JobPayload } from "@/lib/jobs/define-job";
import { createJobQueue, enqueueJob, enqueueJobs, ensureQueues } from "@/lib/jobs/job-queue";
import { getEnv } from "@/lib/env";

const globalForQueue = globalThis as unknown as { podbriefQueue?: Promise<PgBoss>; podbriefQueues?: Map<string, Promise<void>> };

function queue(): Promise<PgBoss> {
  if (!globalForQueue.podbriefQueue) {
    const starting = (async () => {
      const boss = createJobQueue(getEnv().databaseUrl, { poolSize: 2, sendOnly: true });
      await boss.start();
      return boss;
    })();
    // A start that failed (the database was down) is tried again by the next caller, not kept.
    starting.catch(() => {
      if (globalForQueue.podbriefQueue === starting) globalForQueue.podbriefQueue = undefined;
    });
    globalForQueue.podbriefQueue = starting;
  }
  return globalForQueue.podbriefQueue;
}

/** This process's queue client, started: for the readiness check, which asks it whether pg-boss answers. */
export function jobQueue(): Promise<PgBoss> {
  return queue();
}

/** Enqueues a job by its definition (see enqueueJob); the job's queue is created first if no worker has yet. */
export async function enqueue<Job extends JobDefinition>(
  job: Job,
  payload: JobPayload<Job>,
  options: { startAfterSeconds?: number } = {},
): Promise<string | null> {
  const boss = await queue();
  const queues = (globalForQueue.podbriefQueues ??= new Map());
  if (!queues.has(job.id)) queues.set(job.id, ensureQueues(boss, [job]));
  await queues.get(job.id);
  return enqueueJob(boss, job, payload, options);
}

/** Enqueues many jobs of one kind at once (see enqueueJobs), each `startAfterSeconds(index)` from now. */
export async function enqueueMany<Job extends JobDefinition>(
  job: Job,
  payloads: readonly JobPayload<Job>[],
  options: { startAfterSeconds?: (index: number) => number } = {},
): Promise<void> {
  if (payloads.length === 0) return;
  const boss = await queue();
  const queues = (globalForQueue.podbriefQueues ??= new Map());
  if (!queues.has(job.id)) queues.set(job.id, ensureQueues(boss, [job]));
  await queues.get(job.id);
  await enqueueJobs(boss, job, payloads, options);
}

/** Puts a failed job back in line with one more try (pg-boss's own retry); a job in any other state is left alone. */
export async function retryFailedJob(name: string, id: string): Promise<void> {
  const boss = await queue();
  await boss.retry(name, id);
}

/** Closes this process's queue client (tests and scripts that must exit). */
export async function closeQueue(): Promise<void> {
  const pending = globalForQueue.podbriefQueue;
  globalForQueue.podbriefQueue = undefined;
  globalForQueue.podbriefQueues = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}
