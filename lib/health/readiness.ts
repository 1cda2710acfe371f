/**
 * Readiness: whether this web server can do its work now, as a load balancer or an orchestrator asks
 * before sending it readers. It needs the database (every page) and the job queue (adding a podcast,
 * sending a brief now). Liveness (/api/health) stays a separate, cheaper question.
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { moduleLog } from "@/lib/log";

const log = moduleLog("health");

export type Probe = () => Promise<void>;
export type CheckResult = { ok: true } | { ok: false; error: { code: string; message: string } };
export type Readiness = { ok: boolean; checks: { database: CheckResult; queue: CheckResult } };

/** A dependency that has not answered by then is reported down, so the check itself never hangs. */
const PROBE_TIMEOUT_MS = 5_000;

/** The database answers a query. */
export function databaseProbe(client: Pick<PrismaClient, "$queryRaw">): Probe {
  return async () => {
    await client.$queryRaw`SELECT 1`;
  };
}

/** pg-boss starts (its connection pool reaches the database) and finds its schema installed. */
export function queueProbe(boss: () => Promise<PgBoss>): Probe {
  return async () => {
    if (!(await (await boss()).isInstalled())) throw new Error("pg-boss's schema is not installed");
  };
}

async function run(probe: Probe, code: string, message: string): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true };
  } catch (error) {
    // The cause (a connection string, a host) stays in the log; the answer names the dependency only.
    log.error({ err: error, check: code }, message);
    return { ok: false, error: { code, message } };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs both checks at once; ready only when both pass. */
export async function checkReadiness(probes: { database: Probe; queue: Probe }): Promise<Readiness> {
  const [database, queue] = await Promise.all([
    run(probes.database, "database_unreachable", "The database is not reachable."),
    run(probes.queue, "queue_unavailable", "The job queue (pg-boss) is not available."),
  ]);
  return { ok: database.ok && queue.ok, checks: { database, queue } };
}

/** 200 when ready; 503 with each check's result, so an operator sees which dependency is down. */
export function readinessResponse(readiness: Readiness): Response {
  const failed = Object.values(readiness.checks).find((check) => !check.ok);
  const body = failed && !failed.ok ? { ...readiness, error: failed.error } : readiness;
  return Response.json(body, { status: readiness.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
