/**
 * The job queue: pg-boss on the app's own Postgres (embedded or server), so any number of web
 * servers and workers share one queue and a job is only ever handed to one worker at a time
 * (pg-boss fetches with SELECT ... FOR UPDATE SKIP LOCKED).
 */
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { JobDefinition, JobPayload } from "@/lib/jobs/define-job";
import { moduleLog } from "@/lib/log";

const log = moduleLog("jobs");

const DEFAULT_RETRY = { limit: 3, delaySeconds: 30, backoff: true };
const DEFAULT_EXPIRE_SECONDS = 15 * 60;
export const FAILED_KEPT_DAYS = 7;

export function createJobQueue(databaseUrl: string, options: { poolSize?: number; sendOnly?: boolean } = {}): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: options.poolSize ?? 4,
    application_name: "podbrief-jobs",
    // Failed jobs stay in the queue a week (pg-boss's default is the 12 hours of completed ones), so
    // the admin page shows them and can retry them after a weekend.
    archiveFailedAfterSeconds: FAILED_KEPT_DAYS * 24 * 60 * 60,
    // A process that only enqueues (the web server) leaves maintenance and crons to the workers.
    ...(options.sendOnly ? { supervise: false, schedule: false } : {}),
  });
  boss.on("error", (error) => log.error({ err: error }, "queue error"));
  return boss;
}

/** Creates each job's queue with its retry policy; safe to call from every process at start. */
export async function ensureQueues(boss: PgBoss, jobs: readonly JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    const retry = job.retry ?? DEFAULT_RETRY;
    const settings = {
      retryLimit: retry.limit,
      retryDelay: retry.delaySeconds,
      retryBackoff: retry.backoff,
      expireInSeconds: job.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
    };
    if (await boss.getQueue(job.id)) {
      await boss.updateQueue(job.id, { name: job.id, ...settings });
    } else {
      await boss.createQueue(job.id, { name: job.id, ...settings }).catch(async (error: Error) => {
        // Another process created it between our check and our create.
        if (!(await boss.getQueue(job.id))) throw error;
      });
    }
  }
}

/** A UUID derived from the idempotency key, so enqueuing the same key twice inserts one row. */
export function jobIdForKey(jobId: string, key: string): string {
  const hex = createHash("sha256").update(`${jobId}\u0000${key}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Validates the payload against the job's schema and enqueues it. Returns the job id, or null when
 * a job with the same idempotency key already exists.
 */
export async function enqueueJob<Job extends JobDefinition>(
  boss: PgBoss,
  job: Job,
  payload: JobPayload<Job>,
  options: { startAfterSeconds?: number } = {},
): Promise<string | null> {
  const data = job.payload.parse(payload) as object;
  const key = job.key?.(data);
  return boss.send(job.id, data, {
    ...(key === undefined ? {} : { id: jobIdForKey(job.id, key), singletonKey: key }),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
}

/**
 * Enqueues many jobs of one kind in a few statements (the brief scheduler: one job per due reader).
 * Keys work as in enqueueJob: a payload whose key is already queued is skipped.
 */
export async function enqueueJobs<Job extends JobDefinition>(
  boss: PgBoss,
  job: Job,
  payloads: readonly JobPayload<Job>[],
  options: { startAfterSeconds?: (index: number) => number } = {},
): Promise<void> {
  const CHUNK = 1_000;
  const now = Date.now();
  for (let start = 0; start < payloads.length; start += CHUNK) {
    await boss.insert(
      payloads.slice(start, start + CHUNK).map((payload, offset) => {
        const data = job.payload.parse(payload) as object;
        const key = job.key?.(data);
        const delay = options.startAfterSeconds?.(start + offset) ?? 0;
        return {
          name: job.id,
          data,
          ...(key === undefined ? {} : { id: jobIdForKey(job.id, key), singletonKey: key }),
          // Every job of a spaced batch is timed from the same `now`, the first too: left to the
          // database's clock it would start later than `now` by however long the insert took.
          ...(options.startAfterSeconds ? { startAfter: new Date(now + delay * 1000).toISOString() } : {}),
        };
      }),
    );
  }
}
