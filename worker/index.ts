/**
 * The background worker: `npm run worker` starts one more, for scaling out; `npm start` starts one
 * beside the web server. Any number can share one database.
 */
import { closeBriefThreads } from "@/lib/brief/brief-threads";
import { EnvError, getEnv } from "@/lib/env";
import { loadDemoContentJob } from "@/lib/jobs/definitions";
import { closeQueue, enqueue } from "@/lib/jobs/enqueue";
import { startWorker } from "@/lib/jobs/worker";
import { queueOutdatedOfflineExtractions } from "@/lib/insights/sweep-insights";
import { configuredEmbedder } from "@/lib/insights/embeddings";
import { saveNeighbourIndex } from "@/lib/insights/relate/neighbour-index";
import { neighbourSearchFor } from "@/lib/insights/relate/neighbour-search";
import { warmNeighbourIndex } from "@/lib/insights/relate/relate-episode";
import { moduleLog } from "@/lib/log";
import { startProcessMetrics } from "@/lib/metrics/registry";
import { serveWorkerMetrics } from "@/lib/metrics/worker-metrics";
import { seedCuratedTopics } from "@/lib/topics/topic-store";
import { handlers } from "@/worker/handlers";

const log = moduleLog("worker");

async function main() {
  const env = getEnv();
  // Topics exist before the first insight needs them; their vectors are made by the first extraction.
  await seedCuratedTopics();
  const worker = await startWorker({ databaseUrl: env.databaseUrl, jobs: handlers, concurrency: env.WORKER_CONCURRENCY });
  if (env.metricsEnabled) startProcessMetrics("worker");
  // The web server's /metrics reads this worker's counters from here (lib/metrics/worker-metrics.ts).
  const metricsServer = env.metricsEnabled ? await serveWorkerMetrics(env.METRICS_WORKER_PORT) : null;
  if (env.demoContent) {
    // Keyed by the hour, so workers started together load it once; loading again adds only what is missing.
    await enqueue(loadDemoContentJob, { reason: `start:${new Date().toISOString().slice(0, 13)}` });
  }
  // A new offline extractor's insights replace the old ones at once, not at the first sweep.
  const outdated = await queueOutdatedOfflineExtractions();
  if (outdated.length) log.info({ episodes: outdated.length }, "reading episodes again with the new offline extractor");
  // Choosing the neighbour search (pgvector, or else an in-process index to load) happens in the background:
  // relating waits for it only if it is asked before it is ready.
  const started = Date.now();
  neighbourSearchFor(configuredEmbedder())
    .then(async (search) => {
      if (search === "in-process") log.info({ insights: await warmNeighbourIndex(), durationMs: Date.now() - started }, "neighbour index ready");
    })
    .catch((error: unknown) => log.error({ err: error }, "could not prepare the neighbour search"));
  const saveIndex = () => {
    try {
      if (saveNeighbourIndex()) log.info("saved the neighbour index");
    } catch (error) {
      log.error({ err: error }, "could not save the neighbour index");
    }
  };
  setInterval(saveIndex, 60 * 60 * 1000).unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing running jobs`);
    await worker.stop();
    metricsServer?.close();
    await closeBriefThreads();
    saveIndex();
    await closeQueue();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  onParentGone = () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    void stop("npm start is gone");
  };
}

// Started by `npm start`, the worker has an IPC channel to it, which closes when it exits however it
// died (and the embedded database with it): finish what can be finished, then go. Before the worker
// runs there is nothing to finish.
let onParentGone: () => void = () => process.exit(1);
if (process.connected) process.on("disconnect", () => onParentGone());

main().catch((error: unknown) => {
  // A bad setting is named in words, without a stack: it is the operator's to fix, not a bug.
  if (error instanceof EnvError) log.fatal(error.message);
  else log.fatal({ err: error }, "could not start");
  process.exit(1);
});
