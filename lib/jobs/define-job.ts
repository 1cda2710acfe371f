/**
 * A job is a definition: an id, a zod payload schema, an optional cron schedule, retry settings,
 * an idempotency key and a handler. Handlers must be safe to run twice: a worker killed mid-job
 * leaves the job active until it expires, and then it runs again.
 */
import type { z } from "zod";

export type JobContext = {
  /** pg-boss job id; stable across retries of the same job. */
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
};

export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  id: string;
  payload: Schema;
  /**
   * Jobs enqueued with the same key are one job: the second enqueue is ignored while the first is
   * kept (until it is archived, 12 hours after completing). Put a time window in the key
   * (`podcastId:2026-11-28T10`) for work that should recur.
   */
  key?: (payload: z.infer<Schema>) => string;
  /** Five-field cron expression, in UTC; the scheduler enqueues the job with an empty payload. */
  cron?: string;
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /** After this long a running job is presumed dead (its worker killed) and is retried. */
  expireInSeconds?: number;
  run: (payload: z.infer<Schema>, context: JobContext) => Promise<void>;
};

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}
