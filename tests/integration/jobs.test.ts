import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { createJobQueue, enqueueJob, ensureQueues } from "@/lib/jobs/job-queue";
import { startWorker } from "@/lib/jobs/worker";
import { recordRunJob } from "@/tests/fixtures/record-run-job";

const databaseUrl = inject("databaseUrl");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
let boss: PgBoss;

async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function startWorkerProcess(name: string): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/job-worker-process.ts", databaseUrl, name], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`worker ${name} exited with ${code} before it was ready`)));
  });
}

beforeAll(async () => {
  await pool.query("CREATE TABLE IF NOT EXISTS test_job_runs (job_id uuid NOT NULL, n int NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
  boss = createJobQueue(databaseUrl, { poolSize: 2 });
  await boss.start();
});

afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await pool.end();
});

describe("the job queue", () => {
  // Two worker processes start first: 25 s at load 15, against the project's 60 s default.
  it("hands each job to exactly one of two worker processes sharing the database", { timeout: 240_000 }, async () => {
    const { job, close } = recordRunJob(databaseUrl, "producer");
    await ensureQueues(boss, [job]);
    const workers = await Promise.all([startWorkerProcess("a"), startWorkerProcess("b")]);
    try {
      const total = 120;
      for (let n = 0; n < total; n++) await enqueueJob(boss, job, { n });

      const runs = await waitFor(
        async () => {
          const { rows } = await pool.query<{ job_id: string; n: number; worker: string }>("SELECT job_id, n, worker FROM test_job_runs");
          return rows.length >= total ? rows : undefined;
        },
        `${total} job runs`,
        120_000,
      );
      // Give a duplicate, if there were one, time to land.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { rows: final } = await pool.query<{ job_id: string; n: number; worker: string }>("SELECT job_id, n, worker FROM test_job_runs");

      expect(runs.length).toBe(total);
      expect(final.length).toBe(total);
      expect(new Set(final.map((r) => r.job_id)).size).toBe(total);
      expect(new Set(final.map((r) => r.n)).size).toBe(total);
      expect(new Set(final.map((r) => r.worker))).toEqual(new Set(["a", "b"]));
    } finally {
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
      await close();
    }
  });

  it("enqueues a job once per idempotency key", async () => {
    const keyed = defineJob({
      id: "test-keyed",
      payload: z.object({ podcastId: z.string() }),
      key: ({ podcastId }) => `${podcastId}:2026-11-28T10`,
      run: async () => undefined,
    });
    await ensureQueues(boss, [keyed]);
    const first = await enqueueJob(boss, keyed, { podcastId: "p1" });
    const again = await enqueueJob(boss, keyed, { podcastId: "p1" });
    const other = await enqueueJob(boss, keyed, { podcastId: "p2" });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toBeNull();
    expect(other).not.toBeNull();
    expect(other).not.toBe(first);
    const { rows } = await pool.query("SELECT id FROM pgboss.job WHERE name = 'test-keyed'");
    expect(rows).toHaveLength(2);
  });

  it("rejects a payload that does not fit the job's schema before it is queued", async () => {
    const typed = defineJob({ id: "test-typed", payload: z.object({ podcastId: z.string().min(1) }), run: async () => undefined });
    await ensureQueues(boss, [typed]);
    await expect(enqueueJob(boss, typed, { podcastId: "" })).rejects.toThrow(z.ZodError);
    const { rows } = await pool.query("SELECT id FROM pgboss.job WHERE name = 'test-typed'");
    expect(rows).toHaveLength(0);
  });

  it("retries a failed job with backoff and then succeeds", async () => {
    const attempts: number[] = [];
    const flaky = defineJob({
      id: "test-flaky",
      payload: z.object({}),
      retry: { limit: 2, delaySeconds: 1, backoff: true },
      run: async (_payload, { retryCount }) => {
        attempts.push(retryCount);
        if (retryCount === 0) throw new Error("the first attempt fails");
      },
    });
    const worker = await startWorker({ databaseUrl, jobs: [flaky], concurrency: 1, pollingIntervalSeconds: 0.5 });
    try {
      const id = await enqueueJob(boss, flaky, {});
      const state = await waitFor(async () => {
        const job = await boss.getJobById("test-flaky", id!);
        return job?.state === "completed" ? job.state : undefined;
      }, "the flaky job to complete");
      expect(state).toBe("completed");
      expect(attempts).toEqual([0, 1]);
    } finally {
      await worker.stop();
    }
  });
});
