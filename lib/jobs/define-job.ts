/**
 * A job is a definition: an id, a zod payload schema, an optional cron schedule, retry settings and
 * an idempotency key. Definitions are data, so the web server can enqueue a job without loading the
 * code that runs it; the worker gives each one its handler (worker/handlers.ts). Handlers must be safe
 * to run twice: a worker killed mid-job leaves the job active until it expires, and then it runs again.
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
  // A method, so that a list of jobs of different payloads is a list of JobDefinition.
  key?(payload: z.infer<Schema>): string;
  /** Five-field cron expression, in UTC; the scheduler enqueues the job with an empty payload. */
  cron?: string;
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /** After this long a running job is presumed dead (its worker killed) and is retried. */
  expireInSeconds?: number;
};

export type JobHandler<Schema extends z.ZodType = z.ZodType> = (payload: z.infer<Schema>, context: JobContext) => Promise<void>;

/** A definition with the handler that runs it: what the worker takes. */
export type RunnableJob<Schema extends z.ZodType = z.ZodType> = JobDefinition<Schema> & {
  run(payload: z.infer<Schema>, context: JobContext): Promise<void>;
};

/** A payload as it may be enqueued: the schema's input, before its defaults apply. */
export type JobPayload<Job extends JobDefinition> = z.input<Job["payload"]>;

/**
 * Defines a job. With `run`, the job and its handler in one, for a throwaway job in a test; the app's
 * definitions (lib/jobs/definitions.ts) never carry one.
 */
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema> & { run: JobHandler<Schema> }): RunnableJob<Schema>;
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema>;
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

/** Binds a definition to the handler that runs it; only the worker does this. */
export function handleJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>, run: JobHandler<Schema>): RunnableJob<Schema> {
  return { ...definition, run };
}
