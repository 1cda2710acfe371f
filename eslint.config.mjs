import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Modules only the worker loads: the handlers and the work they run. The web server enqueues jobs by
 * their definitions (lib/jobs/definitions.ts); importing one of these would pull extraction, the
 * vector index or the model SDKs into it.
 */
const workerOnly = [
  "./worker",
  "./lib/jobs/worker.ts",
  "./lib/jobs/purge-expired.ts",
  "./lib/pipeline",
  "./lib/ingest/ingest-feed.ts",
  "./lib/ingest/poll-podcast.ts",
  "./lib/ingest/queue-due-polls.ts",
  "./lib/ingest/fetch-transcript.ts",
  "./lib/ingest/demo-content.ts",
  "./lib/podcasts/read-new-podcast.ts",
  "./lib/artwork/fetch-artwork.ts",
  "./lib/insights/extract-episode.ts",
  "./lib/insights/reembed.ts",
  "./lib/insights/relate",
  "./lib/insights/sweep-insights.ts",
  "./lib/brief/brief-jobs.ts",
  "./lib/brief/brief-threads.ts",
  "./lib/brief/choose-brief-thread.ts",
  "./lib/brief/send-brief-now.ts",
];

/** Outbound requests go through lib/net/safe-fetch.ts (address policy, size and time limits). */
const rawFetchModules = ["undici", "node-fetch", "cross-fetch", "axios", "got", "http", "https", "node:http", "node:https"].map((name) => ({
  name,
  allowTypeImports: true,
  message: "Fetch through lib/net/safe-fetch.ts.",
}));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", ".data/**", "test-results/**", "next-env.d.ts"]),
  {
    rules: {
      // One env module: everything else reads settings through lib/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through lib/env.ts." }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./app", "./components", "./lib/actions"],
              from: workerOnly,
              message: "Worker code: enqueue the job by its definition in lib/jobs/definitions.ts instead.",
            },
            {
              target: "./lib/ingest",
              from: "./lib/insights",
              message: "Ingest hands work on through job definitions (lib/pipeline/next-stage.ts), not by importing insights.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**", "worker/**", "instrumentation.ts", "proxy.ts"],
    // The worker's metrics: a server on 127.0.0.1 and the web server's fetch of it, never an address from outside.
    ignores: ["lib/net/safe-fetch.ts", "lib/metrics/worker-metrics.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: rawFetchModules }],
      "no-restricted-globals": ["error", { name: "fetch", message: "Fetch through lib/net/safe-fetch.ts." }],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "tests/**", "scripts/**", "prisma.config.ts", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
]);
