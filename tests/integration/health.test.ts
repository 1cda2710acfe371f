/**
 * Readiness against real dependencies: the test database and its pg-boss queue, and, for a dependency
 * that is down, a database server that is not there (a port nothing listens on).
 */
import { afterAll, describe, expect, it } from "vitest";
import { createAdapter, db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkReadiness, databaseProbe, queueProbe, readinessResponse } from "@/lib/health/readiness";
import { closeQueue, jobQueue } from "@/lib/jobs/enqueue";
import { createJobQueue } from "@/lib/jobs/job-queue";
import { freePort } from "@/tests/helpers/app-process";

// A server that was here and went: nothing listens on its port.
const downUrl = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
const downDb = new PrismaClient({ adapter: createAdapter(downUrl, 1) });
const downQueue = createJobQueue(downUrl, { poolSize: 1, sendOnly: true });

afterAll(async () => {
  await closeQueue();
  await downDb.$disconnect();
});

async function answer(probes: Parameters<typeof checkReadiness>[0]) {
  const response = readinessResponse(await checkReadiness(probes));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the readiness check", () => {
  it("is ready when the database and the job queue both answer", async () => {
    expect(await answer({ database: databaseProbe(db), queue: queueProbe(jobQueue) })).toEqual({
      status: 200,
      body: { ok: true, checks: { database: { ok: true }, queue: { ok: true } } },
    });
  });

  it("answers 503 naming the database when it is down, the queue still up", async () => {
    const { status, body } = await answer({ database: databaseProbe(downDb), queue: queueProbe(jobQueue) });
    expect(status).toBe(503);
    expect(body).toEqual({
      ok: false,
      checks: { database: { ok: false, error: { code: "database_unreachable", message: "The database is not reachable." } }, queue: { ok: true } },
      error: { code: "database_unreachable", message: "The database is not reachable." },
    });
    // The connection string stays in the log, out of the answer.
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
  });

  it("answers 503 naming the job queue when pg-boss cannot start, the database still up", async () => {
    const { status, body } = await answer({ database: databaseProbe(db), queue: queueProbe(async () => (await downQueue.start(), downQueue)) });
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      checks: { database: { ok: true }, queue: { ok: false, error: { code: "queue_unavailable" } } },
      error: { code: "queue_unavailable", message: "The job queue (pg-boss) is not available." },
    });
  });
});
