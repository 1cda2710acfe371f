/**
 * `npm run bench:feed -- --embedded`: /feed as `npm start` serves it with no DATABASE_URL. The
 * embedded database (PGlite behind pglite-socket) runs in a process of its own, as start.ts hosts
 * it apart from the web server; it gets the migrations, the curated topics and the demo content,
 * extracted offline, and one demo reader who follows what onboarding in the end-to-end tests picks.
 * Then /feed for that reader and the bare page alternate on the built app, with the CPU of the web
 * server and of the database process per request, and the feed statement's planning time: unnamed
 * (planned on every request) against named (planned once, as lib/db sends it), see planning.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadDemoDatabase, pointAtEmbeddedDatabase } from "../../demo-database";
import { printLoad } from "../load";
import { processTreeCpu } from "../proc-cpu";
import { explainQuery, tableSizes } from "./explain";
import { BARE_PATH, checkPage, FEED_PATH, loadPage, sessionCookie, startAppServer } from "./page-load";
import { loadPagePairs, summarizePairs } from "./page-pairs";
import { comparePlanning } from "./planning";
import { labelQuery, QueryLog } from "./query-log";

const root = path.resolve(import.meta.dirname, "../../..");
const DEMO_TOPICS = ["artificial-intelligence"];

type EmbeddedDatabase = { port: number; pid: number; stop: () => void };

async function startEmbeddedDatabase(): Promise<EmbeddedDatabase> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench", "embedded-database-process.ts")], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.node.json") },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /URL (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the embedded database exited with ${code}`)));
  });
  return { port: Number(new URL(url).port), pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

type EmbeddedBenchOptions = { port: number; connections: number; seconds: number; pairs: number; planningRequests: number; log: (line: string) => void };

export async function benchEmbeddedFeed({ port, connections, seconds, pairs, planningRequests, log }: EmbeddedBenchOptions): Promise<void> {
  log(`Feed bench, embedded database: Node ${process.version}, ${os.cpus().length} CPUs`);
  printLoad("at start", log);
  const started = performance.now();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-bench-embedded-"));
  const database = await startEmbeddedDatabase();
  pointAtEmbeddedDatabase(database.port, dataDir);
  const { getEnv } = await import("@/lib/env");
  const env = getEnv();
  const queryLog = new QueryLog(env.databaseUrl, env.DATABASE_POOL_SIZE);
  const { db } = await import("@/lib/db");
  const { followTopics } = await import("@/lib/topics/reader-topics");
  const { finishOnboarding } = await import("@/lib/readers/reader-settings");
  const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
  const { closeQueue } = await import("@/lib/jobs/enqueue");

  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    const { loaded, extractor } = await loadDemoDatabase();
    const topics = await db.topic.findMany({ where: { slug: { in: DEMO_TOPICS } }, select: { id: true } });
    const reader = await db.user.create({ data: { email: "bench-reader@example.com", name: "Bench Reader" }, select: { id: true, email: true, name: true } });
    await followTopics(reader.id, topics.map((topic) => topic.id));
    await finishOnboarding(reader.id, null);
    const insights = await db.insight.count();
    log(`demo content: ${loaded.podcasts} shows, ${loaded.transcripts} transcripts, ${insights} insights (${extractor.id}); one reader following ${DEMO_TOPICS.join(", ")}; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    // The feed statement as the app sends it, explained on the embedded server, then planned afresh
    // against planned once: what naming it saves a request.
    await rankFeedForUser(reader.id, {});
    const { queries } = await queryLog.record(() => rankFeedForUser(reader.id, {}));
    const explainer = new pg.Client({ connectionString: env.databaseUrl });
    await explainer.connect();
    try {
      const sizes = await tableSizes(explainer);
      for (const query of queries) {
        const report = await explainQuery(explainer, query, sizes);
        log(`   ${labelQuery(query.sql)}: ${query.ms.toFixed(1)} ms in the app; in PGlite execution ${report.executionMs.toFixed(1)} ms + planning ${report.planningMs.toFixed(1)} ms`);
      }
      const feed = queries.find((query) => query.sql.includes("my_follows"));
      if (feed) await comparePlanning(explainer, feed, planningRequests, log);
    } finally {
      await explainer.end();
    }
    await closeQueue();
    await queryLog.client.$disconnect();

    const secret = randomBytes(32).toString("base64url");
    server = await startAppServer({
      port,
      env: { EMBEDDED_DB_PORT: String(database.port), DATA_DIR: dataDir, AUTH_SECRET: secret, NODE_ENV: "production", PODBRIEF_BENCH_PAGES: "1", DEMO_CONTENT: "off" },
    });
    const cookies = [await sessionCookie({ id: reader.id, email: reader.email!, name: reader.name! }, secret)];
    for (const pathname of [FEED_PATH, BARE_PATH]) await checkPage(server, pathname, cookies[0]!, log);
    for (const pathname of [FEED_PATH, BARE_PATH]) await loadPage({ url: server.url, pathname, cookies, connections, seconds: 3 });

    printLoad("before the page load", log);
    log(`${pairs} pairs of ${seconds} s runs, ${connections} connections, one demo reader; CPU from /proc: the web server's process tree and the embedded database's process`);
    const runs = await loadPagePairs({ url: server.url, serverPid: server.pid, dbCpu: () => processTreeCpu(database.pid), feedPath: FEED_PATH, barePath: BARE_PATH, cookies, connections, seconds, pairs, log });
    log(`/feed on the embedded database beside the bare page (${BARE_PATH}) of the same server:`);
    for (const line of summarizePairs(runs, { dbName: "PGlite", aims: { throughput: 0.6 } }).lines) log(line);
    printLoad("at the end", log);
  } finally {
    await server?.stop();
    database.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
