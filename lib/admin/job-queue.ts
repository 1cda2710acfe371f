/**
 * The job queue as the admin page shows it: jobs by queue and state, the failed ones with the error
 * they failed with, and retrying one. Read straight from pg-boss's tables (schema `pgboss`) in the app's
 * database; a retry goes through pg-boss itself, which puts the job back in line with one more try.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { retryFailedJob } from "@/lib/jobs/enqueue";

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export type QueueCounts = { name: string; counts: Record<JobState, number> };
export type FailedJob = { id: string; name: string; error: string | null; retryCount: number; failedAt: Date | null; data: unknown };

/** A job as the retry form names it: its queue and pg-boss id. */
export const jobRefInput = z.object({ name: z.string().min(1).max(100), id: z.uuid() });

/** False until a worker or the web server has started pg-boss once (it creates its schema then). */
async function queueExists(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`;
  return row?.exists ?? false;
}

export async function queueCounts(): Promise<QueueCounts[]> {
  if (!(await queueExists())) return [];
  const rows = await db.$queryRaw<{ name: string; state: JobState; count: number }[]>`
    SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job GROUP BY name, state ORDER BY name`;
  const byName = new Map<string, QueueCounts>();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { name: row.name, counts: Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number> };
    entry.counts[row.state] = row.count;
    byName.set(row.name, entry);
  }
  return [...byName.values()];
}

/** pg-boss keeps the thrown error as the job's output: `{ message, stack }` or `{ value: … }`. */
function errorMessage(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  const record = output as Record<string, unknown>;
  if (typeof record.message === "string") return record.message;
  const value = record.value as Record<string, unknown> | undefined;
  if (value && typeof value === "object" && typeof value.message === "string") return value.message;
  return JSON.stringify(output).slice(0, 500);
}

export async function failedJobs(limit = 50): Promise<FailedJob[]> {
  if (!(await queueExists())) return [];
  const rows = await db.$queryRaw<{ id: string; name: string; output: unknown; retry_count: number; completed_on: Date | null; data: unknown }[]>`
    SELECT id::text AS id, name, output, retry_count, completed_on, data FROM pgboss.job
    WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT ${limit}`;
  return rows.map((row) => ({ id: row.id, name: row.name, error: errorMessage(row.output), retryCount: row.retry_count, failedAt: row.completed_on, data: row.data }));
}

/** Puts a failed job back in the queue; refused in words when it is not (or no longer) failed. */
export async function retryJob({ name, id }: z.infer<typeof jobRefInput>): Promise<void> {
  const [row] = await db.$queryRaw<{ state: string }[]>`SELECT state::text AS state FROM pgboss.job WHERE name = ${name} AND id = ${id}::uuid`;
  if (!row) throw new SafeError("That job is no longer in the queue.", "not_found");
  if (row.state !== "failed") throw new SafeError("That job is not failed: it has been retried already.", "conflict");
  await retryFailedJob(name, id);
}
