/**
 * The background worker: `npm run worker` starts one more, for scaling out; `npm start` starts one
 * beside the web server. Any number can share one database.
 */
import { EnvError, getEnv } from "@/lib/env";
import { loadDemoContentJob } from "@/lib/ingest/demo-content";
import { closeQueue, enqueue } from "@/lib/jobs/enqueue";
import { jobs } from "@/lib/jobs/registry";
import { startWorker } from "@/lib/jobs/worker";
import { seedCuratedTopics } from "@/lib/topics/topic-store";

async function main() {
  const env = getEnv();
  // Topics exist before the first insight needs them; their vectors are made by the first extraction.
  await seedCuratedTopics();
  const worker = await startWorker({ databaseUrl: env.databaseUrl, jobs, concurrency: env.WORKER_CONCURRENCY });
  if (env.demoContent) {
    // Keyed by the hour, so workers started together load it once; loading again adds only what is missing.
    await enqueue(loadDemoContentJob, { reason: `start:${new Date().toISOString().slice(0, 13)}` });
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing running jobs`);
    await worker.stop();
    await closeQueue();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
  } else {
    console.error("[worker] could not start:", error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
