/**
 * `npm run bench:ingest -- --large [--postgres]`: the first read of a feed that lists 20,000 and then 100,000
 * items, as the add-podcast job does it (fetch from a local server, parse, keep the newest
 * MAX_EPISODES_PER_FEED, store in batches), against the embedded database (in a process of its own, as
 * `npm start` runs it) or, with --postgres, a throwaway database on the local PostgreSQL server. While it
 * runs, a separate thread asks the database `SELECT 1` every 20 ms, as /api/health does: the longest wait is
 * how long the web server would be kept waiting. Prints figures; nothing here passes or fails.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type net from "node:net";
import { Worker } from "node:worker_threads";
import { printLoad } from "./load";

const SIZES = [20_000, 100_000];
const usePostgres = process.argv.includes("--postgres");

/** A compact item, so that 100,000 of them fit under the fetch limit (20 MB) as the feed did. */
function feedOf(count: number): Buffer {
  const newest = Date.UTC(2026, 10, 1);
  const parts = [`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${count}</title>`];
  for (let i = 0; i < count; i++) {
    parts.push(
      `<item><title>Episode ${i}</title><guid>g-${i}</guid><pubDate>${new Date(newest - i * 3_600_000).toUTCString()}</pubDate>` +
        `<enclosure url="https://example.com/${i}.mp3" type="audio/mpeg" length="1"/></item>`,
    );
  }
  parts.push("</channel></rss>");
  return Buffer.from(parts.join(""));
}

/** The embedded database in a child process, as `npm start` hosts it apart from the worker. */
async function startEmbedded(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    "node_modules/.bin/tsx",
    ["--tsconfig", "tsconfig.node.json", "scripts/bench/embedded-database-process.ts"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /URL (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the embedded database exited with ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { createServerDatabase } = await import("@/tests/helpers/databases");
  const database = await createServerDatabase();
  return { url: database.url, stop: database.drop };
}

/** `SELECT 1` every 20 ms from its own thread and connection; reports the longest wait and how many waited over 1 s. */
function startHealthProbe(url: string): { stop: () => Promise<{ maxMs: number; over1s: number; probes: number }> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const pg = require("pg");
     const client = new pg.Client({ connectionString: workerData });
     let maxMs = 0, over1s = 0, probes = 0, running = true;
     parentPort.on("message", () => { running = false; });
     (async () => {
       await client.connect();
       while (running) {
         const started = performance.now();
         await client.query("SELECT 1");
         const ms = performance.now() - started;
         probes++; maxMs = Math.max(maxMs, ms); if (ms > 1000) over1s++;
         await new Promise((resolve) => setTimeout(resolve, 20));
       }
       await client.end();
       parentPort.postMessage({ maxMs, over1s, probes });
     })();`,
    { eval: true, workerData: url },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once("message", resolve);
        worker.postMessage("stop");
      }),
  };
}

async function main(): Promise<void> {
  const database = usePostgres ? await startPostgres() : await startEmbedded();
  const feeds = new Map(SIZES.map((size) => [`/feed-${size}.xml`, feedOf(size)]));
  const server = http.createServer((request, response) => {
    const body = feeds.get(request.url ?? "");
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "application/rss+xml", "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  // Settings first: lib/env reads them once, on first use.
  process.env.DATABASE_URL = database.url;
  process.env.FETCH_ALLOWED_HOSTS = host;
  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations(database.url);
  const { db } = await import("@/lib/db");
  const { readNewPodcast } = await import("@/lib/podcasts/read-new-podcast");
  const { MAX_EPISODES_PER_FEED } = await import("@/lib/ingest/feed/newest-items");
  const { EPISODE_BATCH } = await import("@/lib/ingest/store-feed");
  const { closeQueue } = await import("@/lib/jobs/enqueue");

  console.log(
    `First read of a large feed on ${usePostgres ? "PostgreSQL (local server)" : "the embedded database (pglite-socket, own process)"}; ` +
      `keeps the newest ${MAX_EPISODES_PER_FEED.toLocaleString("en-US")} items, ${EPISODE_BATCH} per transaction`,
  );
  console.log(["items", "MB", "first read s", "stored", "peak RSS MB", "longest SELECT 1 wait ms", "waits > 1 s"].map((cell) => cell.padStart(12)).join(" "));
  for (const size of SIZES) {
    const path = `/feed-${size}.xml`;
    const podcast = await db.podcast.create({ data: { feedUrl: `http://${host}${path}`, title: `bench ${size}`, addStatus: "reading" } });
    const probe = startHealthProbe(database.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    const outcome = await readNewPodcast(podcast.id, { lastAttempt: true });
    const seconds = (performance.now() - started) / 1000;
    const waits = await probe.stop();
    const stored = await db.episode.count({ where: { podcastId: podcast.id } });
    if (outcome !== "ready") console.log(`  ${size}: ${outcome}: ${(await db.podcast.findUniqueOrThrow({ where: { id: podcast.id } })).lastError}`);
    console.log(
      [
        size.toLocaleString("en-US"),
        (feeds.get(path)!.length / 1e6).toFixed(1),
        seconds.toFixed(1),
        stored.toLocaleString("en-US"),
        (process.resourceUsage().maxRSS / 1024).toFixed(0),
        waits.maxMs.toFixed(0),
        String(waits.over1s),
      ]
        .map((cell) => cell.padStart(12))
        .join(" "),
    );
  }
  console.log("peak RSS is this process's (the worker's part: fetch, parse, store); the embedded database's own process is not counted");
  await closeQueue();
  await db.$disconnect();
  server.close();
  await database.stop();
}

printLoad("at start");
await main();
printLoad("at the end");
process.exit(0);
