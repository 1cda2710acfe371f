/**
 * Runs job handlers. Each process that calls startWorker takes jobs from the shared queue; scale out
 * by starting more (`npm run worker`). Crons are scheduled once per queue, whichever worker wins.
 */
import type PgBoss from "pg-boss";
import type { RunnableJob } from "@/lib/jobs/define-job";
import { createJobQueue, ensureQueues } from "@/lib/jobs/job-queue";
import { moduleLog, withLogContext } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";

export type Worker = { boss: PgBoss; stop: () => Promise<void> };

export type WorkerOptions = {
  databaseUrl: string;
  jobs: readonly RunnableJob[];
  /** Jobs of one queue that run at once in this process. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
};

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const log = moduleLog("worker");
  const boss = createJobQueue(options.databaseUrl);
  await boss.start();
  await ensureQueues(boss, options.jobs);

  const concurrency = options.concurrency ?? 2;
  for (const job of options.jobs) {
    for (let slot = 0; slot < concurrency; slot++) {
      await boss.work(
        job.id,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([item]) => {
          if (!item) return;
          const payload = job.payload.safeParse(item.data);
          if (!payload.success) {
            throw new Error(`Invalid payload for ${job.id}: ${payload.error.message}`);
          }
          await withLogContext({ job: job.id, jobId: item.id }, async () => {
            const started = Date.now();
            const timer = metrics().jobDuration.startTimer({ queue: job.id });
            try {
              await job.run(payload.data, { jobId: item.id, retryCount: item.retryCount });
            } catch (error) {
              timer({ outcome: "failed" });
              metrics().jobs.inc({ queue: job.id, outcome: "failed" });
              log.warn({ err: error, durationMs: Date.now() - started, retryCount: item.retryCount }, "failed; the queue retries it while it has tries left");
              throw error;
            }
            timer({ outcome: "completed" });
            metrics().jobs.inc({ queue: job.id, outcome: "completed" });
            log.info({ durationMs: Date.now() - started }, "done");
          });
        },
      );
    }
    if (job.cron) await boss.schedule(job.id, job.cron, {}, { tz: "UTC" });
  }
  log.info({ jobs: options.jobs.map((job) => job.id), concurrency }, "started");

  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
