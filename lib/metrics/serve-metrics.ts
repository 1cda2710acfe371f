/**
 * GET /metrics: who may scrape, and what they get. Off unless METRICS_ENABLED=on. On, it answers a
 * client on this computer (a Prometheus beside the app), and any other client only with
 * `Authorization: Bearer <METRICS_TOKEN>`; with no token set, nobody else.
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Gauge, Registry } from "prom-client";
import { db } from "@/lib/db";
import { type Env, getEnv } from "@/lib/env";
import { jobQueue } from "@/lib/jobs/enqueue";
import { metrics } from "@/lib/metrics/registry";
import { fetchWorkerMetrics, mergeMetrics, type MetricsJson } from "@/lib/metrics/worker-metrics";
import { moduleLog } from "@/lib/log";
import { isLocalClient } from "@/lib/net/client-address";

const log = moduleLog("metrics");

export type MetricsAccess = "allowed" | "disabled" | "unauthorized";

/** Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no early exit on the first wrong byte. */
function tokenMatches(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(headers: Headers, env: Pick<Env, "metricsEnabled" | "METRICS_TOKEN"> = getEnv()): MetricsAccess {
  if (!env.metricsEnabled) return "disabled";
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    // A token sent is checked even from this computer: a wrong one is a misconfigured scraper to flag.
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    return token && env.METRICS_TOKEN && tokenMatches(token, env.METRICS_TOKEN) ? "allowed" : "unauthorized";
  }
  // Not the client address (which TRUSTED_PROXIES may take from X-Forwarded-For): the socket's own.
  return isLocalClient(headers) ? "allowed" : "unauthorized";
}

/**
 * What is read at scrape time, being state rather than events: feeds failing now, jobs waiting in
 * each queue, and whether the worker's counters are in this scrape. In a registry of the scrape's own.
 */
async function stateMetrics(workerAnswered: boolean): Promise<MetricsJson> {
  const registry = new Registry();
  const registers = [registry];
  const feeds = new Gauge({ name: "podbrief_feeds", help: "Feeds that are polled (added shows, not demo ones), by state: ok, or failing (their last poll failed).", labelNames: ["state"] as const, registers });
  const waiting = new Gauge({ name: "podbrief_queue_jobs_waiting", help: "Jobs queued and not started yet, by queue.", labelNames: ["queue"] as const, registers });
  new Gauge({ name: "podbrief_worker_metrics_up", help: "1 when the worker on this computer answered with its counters for this scrape, else 0.", registers }).set(workerAnswered ? 1 : 0);
  try {
    const polled = { isDemo: false, addStatus: "ready" } as const;
    const [failing, all] = await Promise.all([db.podcast.count({ where: { ...polled, consecutiveFailures: { gt: 0 } } }), db.podcast.count({ where: polled })]);
    feeds.set({ state: "failing" }, failing);
    feeds.set({ state: "ok" }, all - failing);
    const boss = await jobQueue();
    const queues = await boss.getQueues();
    await Promise.all(queues.map(async (queue) => waiting.set({ queue: queue.name }, await boss.getQueueSize(queue.name))));
  } catch (error) {
    // The scrape still reports what the processes counted; these gauges are missing, and the log says why.
    log.error({ err: error }, "could not read the feed and queue state for /metrics");
  }
  return registry.getMetricsAsJSON();
}

/** The exposition text: this process's counters, the worker's, and the state read now. */
export async function scrapeMetrics(env: Pick<Env, "METRICS_WORKER_PORT"> = getEnv()): Promise<{ body: string; contentType: string }> {
  const [own, worker] = await Promise.all([metrics().registry.getMetricsAsJSON(), fetchWorkerMetrics(env.METRICS_WORKER_PORT)]);
  const merged = mergeMetrics([own, ...(worker ? [worker] : []), await stateMetrics(worker !== null)]);
  return { body: await merged.metrics(), contentType: merged.contentType };
}
