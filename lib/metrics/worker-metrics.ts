/**
 * The worker's half of /metrics. Jobs, polls, extractions, briefs and most mail are counted in the
 * worker process, and a Prometheus scrape reaches the web server only, so the worker serves its
 * registry as JSON on a loopback port (METRICS_WORKER_PORT) and the web server's /metrics merges it
 * with its own (prom-client's AggregatorRegistry.aggregate, the way prom-client merges cluster
 * workers).
 *
 * Why not count from the database at scrape time: durations, failed tries and mail failures leave no
 * row to count, and a scrape would cost queries over growing tables. The price of this way: counters
 * start again at zero when the worker restarts (Prometheus's rate() expects that), and only the worker
 * on the web server's own computer is merged (another one's port is taken, and it says so at start).
 */
import http from "node:http";
import type net from "node:net";
import { AggregatorRegistry, type Registry } from "prom-client";
import { moduleLog } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";

const log = moduleLog("metrics");
export const WORKER_METRICS_PATH = "/metrics.json";
/** A worker busy with a long job still answers within this; one that does not is reported down. */
const WORKER_TIMEOUT_MS = 3_000;

export type MetricsJson = Awaited<ReturnType<Registry["getMetricsAsJSON"]>>;

/**
 * Serves this process's registry on 127.0.0.1:`port`, loopback only: the counters are not secret,
 * but only the web server's /metrics, with its token check, faces the network. Resolves to null when
 * the port is taken (a second worker on this computer): the worker runs on, its counters unserved.
 */
export async function serveWorkerMetrics(port: number): Promise<http.Server | null> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || request.url !== WORKER_METRICS_PATH) {
      response.writeHead(404).end();
      return;
    }
    metrics()
      .registry.getMetricsAsJSON()
      .then((json) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(json)))
      .catch((error: unknown) => {
        log.error({ err: error }, "could not read the worker's metrics");
        response.writeHead(500).end();
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return reject(error);
      log.warn(`port ${port} on 127.0.0.1 is taken (another worker?): this worker's metrics are not served (METRICS_WORKER_PORT)`);
      resolve(null);
    });
    server.listen(port, "127.0.0.1", () => {
      log.info({ port: (server.address() as net.AddressInfo).port }, "serving the worker's metrics on loopback");
      resolve(server);
    });
  });
}

/** The worker's registry as JSON, or null when no worker answers on the port. */
export async function fetchWorkerMetrics(port: number): Promise<MetricsJson | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${WORKER_METRICS_PATH}`, { signal: AbortSignal.timeout(WORKER_TIMEOUT_MS) });
    if (!response.ok) return null;
    return (await response.json()) as MetricsJson;
  } catch {
    return null;
  }
}

/** Merges registries read as JSON: series with the same name and labels are summed, as prom-client does for cluster workers. */
export function mergeMetrics(parts: readonly MetricsJson[]) {
  return AggregatorRegistry.aggregate([...parts]);
}
