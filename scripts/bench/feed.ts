/**
 * `npm run bench:feed`: how fast a reader's feed is at scale. Seeds a throwaway PostgreSQL database
 * with 1,000,000 insights, 200 topics and 10,000 readers (see feed/seed.ts for the shape), then
 * measures:
 *   1. rankFeedForUser for many readers, one at a time and several at once, with a breakdown per SQL
 *      statement, and EXPLAIN (ANALYZE, BUFFERS) of every statement one feed sends;
 *   2. the server-rendered /feed page of the built app under 50 concurrent signed-in readers (autocannon),
 *      in alternating pairs with a bare page of the same server (the feed's cards from a constant
 *      array, app/(bench)/bench/bare): throughput and p99 as ratios, and CPU per request of the web
 *      server and of PostgreSQL's backends, read from /proc (feed/page-pairs.ts).
 * Prints figures beside the aims of issues 5 and 17; nothing here passes or fails.
 *
 *   npm run bench:feed                                   # the full run; drops its database at the end
 *   npm run bench:feed -- --insights 50000 --readers 2000 # a quick check
 *   npm run bench:feed -- --keep                         # keep the database, then rerun with --reuse
 *   npm run bench:feed -- --embedded                     # /feed on PGlite with the demo content (feed/embedded.ts)
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { explainQuery, tableSizes, type PlanReport } from "./feed/explain";
import { checkPage, FEED_PATH, BARE_PATH, loadPage, sessionCookie, startAppServer, type LoadResult } from "./feed/page-load";
import { loadPagePairs, summarizePairs, type PagePairs, type PairSummary } from "./feed/page-pairs";
import { postgresBackendsCpu } from "./proc-cpu";
import { labelQuery, QueryLog, shortSql, type LoggedQuery } from "./feed/query-log";
import { dropBenchDatabase, prepareBenchDatabase, withClient } from "./bench-database";
import { loadAverage } from "./load";

const { values: flags } = parseArgs({
  options: {
    insights: { type: "string", default: "1000000" },
    // Defaults: 10 insights an episode, 5 episodes a show in the 60 days (1M insights: 100,000 episodes of 20,000 shows).
    episodes: { type: "string" },
    podcasts: { type: "string" },
    topics: { type: "string", default: "200" },
    readers: { type: "string", default: "10000" },
    /** How many readers' feeds to time. */
    samples: { type: "string", default: "1000" },
    /** Feeds ranked at once in the concurrent pass (through the app's pool of DATABASE_POOL_SIZE connections). */
    concurrency: { type: "string", default: "10" },
    /** Concurrent readers for the page load: 50, or 10 with --embedded. */
    connections: { type: "string" },
    /** Seconds of load per page. */
    duration: { type: "string", default: "20" },
    port: { type: "string", default: "3917" },
    postgres: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "podbrief_bench" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    "search-vector": { type: "boolean", default: false },
    "skip-pages": { type: "boolean", default: false },
    /** Alternating runs of /feed and the bare page. */
    pairs: { type: "string", default: "5" },
    /** /feed on the embedded database (PGlite, demo content) instead; see feed/embedded.ts. */
    embedded: { type: "boolean", default: false },
    /** With --embedded: requests each way when timing the feed statement's planning, unnamed against named. */
    "planning-requests": { type: "string", default: "100" },
  },
});

const int = (value: string | undefined, name: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a whole number above 0 (got ${value})`);
  return parsed;
};
const insightsWanted = int(flags.insights, "insights");
const episodesWanted = flags.episodes ? int(flags.episodes, "episodes") : Math.max(1, Math.round(insightsWanted / 10));
const size = {
  insights: insightsWanted,
  episodes: episodesWanted,
  podcasts: flags.podcasts ? int(flags.podcasts, "podcasts") : Math.max(1, Math.round(episodesWanted / 5)),
  topics: int(flags.topics, "topics"),
  readers: int(flags.readers, "readers"),
  searchVector: flags["search-vector"],
};
const samples = int(flags.samples, "samples");
const concurrency = int(flags.concurrency, "concurrency");
const connections = int(flags.connections ?? (flags.embedded ? "10" : "50"), "connections");
const duration = int(flags.duration, "duration");
const port = int(flags.port, "port");
const pairCount = int(flags.pairs, "pairs");
if (!/^[a-z_][a-z0-9_]*$/.test(flags.database)) throw new Error("--database must be a plain lower-case name");
const serverUrl = flags.postgres.replace(/\/$/, "");
const benchUrl = `${serverUrl}/${flags.database}`;

if (flags.embedded) {
  const { benchEmbeddedFeed } = await import("./feed/embedded");
  const planningRequests = int(flags["planning-requests"], "planning-requests");
  await benchEmbeddedFeed({ port, connections, seconds: duration, pairs: pairCount, planningRequests, log: (line) => console.log(line) });
  process.exit(0);
}

// lib/env reads process.env once, at first use: point the app's modules at the bench database first.
process.env.DATABASE_URL = benchUrl;
const { getEnv } = await import("@/lib/env");
const poolSize = getEnv().DATABASE_POOL_SIZE;
const queryLog = new QueryLog(benchUrl, poolSize);
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");

const AIMS = { queryP99: 20 };
const log = (message = "") => console.log(message);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, mean };
}
type Summary = ReturnType<typeof summarize>;

/** A small seeded generator, so two runs time the same readers. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Reader = { id: string; email: string; name: string };
type Workload = { counts: Record<string, number>; readers: Reader[]; perReader: { follows: number; podcasts: number; events: number } };

async function describeWorkload(): Promise<Workload> {
  return withClient(benchUrl, async (client) => {
    const counts: Record<string, number> = {};
    for (const table of ["insights", "insight_topics", "episodes", "podcasts", "topics", "clusters", "users", "topic_follows", "podcast_subscriptions", "feed_events", "saved_insights"]) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(rows[0]!.n);
    }
    const clustered = await client.query<{ n: string }>("SELECT count(*) AS n FROM insights WHERE cluster_id IS NOT NULL");
    counts["insights in clusters"] = Number(clustered.rows[0]!.n);
    const { rows: users } = await client.query<Reader>("SELECT id, email, name FROM users WHERE onboarded_at IS NOT NULL ORDER BY id");
    const random = mulberry32(42);
    const readers = Array.from({ length: Math.min(samples, users.length) }, () => users[Math.floor(random() * users.length)]!);
    const divide = (table: string) => (counts[table] ?? 0) / Math.max(1, counts.users ?? 1);
    return { counts, readers, perReader: { follows: divide("topic_follows"), podcasts: divide("podcast_subscriptions"), events: divide("feed_events") } };
  });
}

type QueryBench = {
  sequential: Summary;
  concurrent: Summary;
  concurrentWall: number;
  byStatement: Map<string, number[]>;
  dbMsPerFeed: number[];
  items: number[];
  planning: PlanCounts[];
};

/** How often the server planned each prepared statement afresh (custom) or reused one plan (generic). */
type PlanCounts = { label: string; generic: number; custom: number };

/**
 * The counts of the connection the sequential pass used (the pool hands the idle connection used
 * last back first). A statement planned per call costs its planning on every feed.
 */
async function planCounts(): Promise<PlanCounts[]> {
  const rows = await queryLog.client.$queryRaw<{ statement: string; generic_plans: bigint; custom_plans: bigint }[]>`
    SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY statement`;
  return rows.map((row) => ({ label: labelQuery(row.statement), generic: Number(row.generic_plans), custom: Number(row.custom_plans) }));
}

async function benchFeedQuery(readers: Reader[]): Promise<QueryBench> {
  // Warm-up, not counted: the pool's connections, Prisma's query plans, the JIT and Postgres' buffers.
  for (const reader of readers.slice(0, 50)) await rankFeedForUser(reader.id, {});

  const timings: number[] = [];
  const byStatement = new Map<string, number[]>();
  const dbMsPerFeed: number[] = [];
  const items: number[] = [];
  for (const reader of readers) {
    const started = performance.now();
    const { result, queries } = await queryLog.record(() => rankFeedForUser(reader.id, {}));
    timings.push(performance.now() - started);
    items.push(result.items.length);
    dbMsPerFeed.push(queries.reduce((sum, query) => sum + query.ms, 0));
    const seen = new Map<string, number>();
    for (const query of queries) {
      const label = labelQuery(query.sql);
      const occurrence = (seen.get(label) ?? 0) + 1;
      seen.set(label, occurrence);
      const key = occurrence === 1 ? label : `${label} (#${occurrence})`;
      const durations = byStatement.get(key) ?? [];
      durations.push(query.ms);
      byStatement.set(key, durations);
    }
  }

  const planning = await planCounts();

  const concurrentTimings: number[] = [];
  const queue = [...readers].reverse();
  const wallStarted = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let reader = queue.pop(); reader; reader = queue.pop()) {
        const started = performance.now();
        await rankFeedForUser(reader.id, {});
        concurrentTimings.push(performance.now() - started);
      }
    }),
  );
  return { sequential: summarize(timings), concurrent: summarize(concurrentTimings), concurrentWall: performance.now() - wallStarted, byStatement, dbMsPerFeed, items, planning };
}

type Plans = { reader: string; follows: number; podcasts: number; events: number; statements: { label: string; query: LoggedQuery; report: PlanReport }[] };

/** EXPLAIN of every statement one feed sends, for the reader with the most follows (the most candidates). */
async function explainFeed(): Promise<Plans> {
  return withClient(benchUrl, async (client) => {
    const { rows } = await client.query<{ id: string; follows: number; podcasts: number; events: number }>(`
      SELECT u.id,
             (SELECT count(*) FROM topic_follows WHERE user_id = u.id)::int AS follows,
             (SELECT count(*) FROM podcast_subscriptions WHERE user_id = u.id)::int AS podcasts,
             (SELECT count(*) FROM feed_events WHERE user_id = u.id)::int AS events
      FROM users AS u ORDER BY follows DESC, podcasts DESC, events DESC, id LIMIT 1`);
    const heaviest = rows[0]!;
    await rankFeedForUser(heaviest.id, {});
    const { queries } = await queryLog.record(() => rankFeedForUser(heaviest.id, {}));
    const sizes = await tableSizes(client);
    const statements = [];
    for (const query of queries) statements.push({ label: labelQuery(query.sql), query, report: await explainQuery(client, query, sizes) });
    return { reader: heaviest.id, follows: heaviest.follows, podcasts: heaviest.podcasts, events: heaviest.events, statements };
  });
}

type PageBench = { pairs: PagePairs; summary: PairSummary; single: LoadResult[]; loadBefore: string; loadAfter: string };

async function benchPages(readers: Reader[]): Promise<PageBench> {
  const secret = randomBytes(32).toString("base64url");
  const server = await startAppServer({ port, env: { DATABASE_URL: benchUrl, AUTH_SECRET: secret, NODE_ENV: "production", PODBRIEF_BENCH_PAGES: "1" } });
  try {
    const cookies = await Promise.all(readers.map((reader) => sessionCookie(reader, secret)));
    // Each page must answer 200 with its real content for a signed-in reader (no redirect to sign-in or onboarding).
    for (const path of [FEED_PATH, BARE_PATH]) await checkPage(server, path, cookies[0]!);
    // Warm-up, not counted.
    for (const path of [FEED_PATH, BARE_PATH]) await loadPage({ url: server.url, pathname: path, cookies, connections: 10, seconds: 3 });
    const loadBefore = loadAverage();
    log(`   ${pairCount} pairs of ${duration} s runs, ${connections} connections; CPU from /proc: the web server's process tree, and the PostgreSQL backends of ${flags.database}`);
    const pairs = await loadPagePairs({
      url: server.url,
      serverPid: server.pid,
      dbCpu: () => postgresBackendsCpu(flags.database),
      feedPath: FEED_PATH,
      barePath: BARE_PATH,
      cookies,
      connections,
      seconds: duration,
      pairs: pairCount,
      log,
    });
    // One reader at a time: what a page costs without queueing, to set beside the query's own time.
    const single: LoadResult[] = [];
    for (const path of [FEED_PATH, BARE_PATH]) {
      log(`  load: ${path}, 1 connection, ${Math.ceil(duration / 2)} s…`);
      single.push(await loadPage({ url: server.url, pathname: path, cookies, connections: 1, seconds: Math.ceil(duration / 2) }));
    }
    return { pairs, summary: summarizePairs(pairs, { dbName: "PostgreSQL" }), single, loadBefore, loadAfter: loadAverage() };
  } finally {
    await server.stop();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")).join("\n");
}
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "-");

async function main(): Promise<void> {
  const started = performance.now();
  const pgInfo = await withClient(`${serverUrl}/postgres`, async (client) => {
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const buffers = (await client.query<{ shared_buffers: string }>("SHOW shared_buffers")).rows[0]!.shared_buffers;
    return `PostgreSQL ${version}, shared_buffers ${buffers}`;
  });
  log(`Feed bench: Node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; ${pgInfo}`);
  log(`load average at start (1, 5, 15 min): ${loadAverage()}`);
  log();

  try {
    await prepareBenchDatabase({ serverUrl, database: flags.database, reuse: flags.reuse, size, log });
    const workload = await describeWorkload();
    log(table([["table", "rows"], ...Object.entries(workload.counts).map(([name, count]) => [name, count.toLocaleString("en-US")])]));
    log(
      `per reader: ${workload.perReader.follows.toFixed(1)} topics, ${workload.perReader.podcasts.toFixed(1)} podcasts, ` +
        `${workload.perReader.events.toFixed(1)} feed events`,
    );
    log();

    log(`1. rankFeedForUser for ${workload.readers.length} readers: one at a time, then ${concurrency} at once (pool of ${poolSize} connections); load average ${loadAverage()}`);
    const queryBench = await benchFeedQuery(workload.readers);
    const itemsSummary = summarize(queryBench.items);
    log(`   items per first page: median ${itemsSummary.p50}, min ${Math.min(...queryBench.items)}; statements' round trips per feed, summed: ${ms(summarize(queryBench.dbMsPerFeed).p50)} ms median`);
    log();
    log("   per statement, sequential pass (Prisma's timing: round trip through the adapter, ms):");
    log(
      table([
        ["   statement", "calls/feed", "p50", "p95", "p99", "mean"],
        ...[...queryBench.byStatement].map(([label, values]) => {
          const s = summarize(values);
          return [`   ${label}`, (values.length / workload.readers.length).toFixed(2), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean)];
        }),
      ]),
    );
    log("   prepared statements, plans on the sequential pass's connection (generic: planned once; custom: planned per call):");
    for (const { label, generic, custom } of queryBench.planning) log(`   ${label}: ${generic} generic, ${custom} custom`);
    log();

    log("2. plans: EXPLAIN (ANALYZE, BUFFERS) of every statement of one feed");
    const plans = await explainFeed();
    log(`   reader ${plans.reader}: ${plans.follows} topics, ${plans.podcasts} podcasts, ${plans.events} feed events (the most follows of all readers)`);
    for (const [index, { label, query, report }] of plans.statements.entries()) {
      log();
      log(`-- [${index + 1}] ${label}: ${ms(query.ms)} ms in the app, execution ${ms(report.executionMs)} ms + planning ${ms(report.planningMs)} ms in Postgres`);
      log(`-- ${shortSql(query.sql, query.params)}`);
      log(`-- reads a large table whole: ${report.fullScans.length ? report.fullScans.join("; ") : "no"}`);
      log(report.plan);
    }
    log();

    let pages: PageBench | null = null;
    if (!flags["skip-pages"]) {
      log(`3. pages under load: next start on port ${port} against ${flags.database} (the checkout's build, rebuilt if stale), autocannon with ${connections} connections, ${workload.readers.length} readers' cookies in turn`);
      pages = await benchPages(workload.readers);
      log();
    }

    const fullScans = plans.statements.flatMap(({ label, report }) => report.fullScans.map((scan) => `${label}: ${scan}`));
    const { sequential, concurrent } = queryBench;
    const rows: string[][] = [
      ["measure", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms", "req/s", "aim"],
      ["feed query, sequential", String(sequential.n), ms(sequential.p50), ms(sequential.p95), ms(sequential.p99), ms(sequential.mean), (1000 / sequential.mean).toFixed(0), `p99 < ${AIMS.queryP99} ms`],
      [`feed query, ${concurrency} at once`, String(concurrent.n), ms(concurrent.p50), ms(concurrent.p95), ms(concurrent.p99), ms(concurrent.mean), (concurrent.n / (queryBench.concurrentWall / 1000)).toFixed(0), ""],
    ];
    for (const result of [...(pages?.pairs.feed ?? []), ...(pages?.pairs.bare ?? []), ...(pages?.single ?? [])]) {
      const failed = result.non2xx + result.errors + result.timeouts;
      rows.push([
        `GET ${result.path}, ${result.connections === 1 ? "1 reader at a time" : `${result.connections} readers`}${failed ? ` (${failed} failed)` : ""}`,
        String(result.requests),
        ms(result.p50),
        `p90 ${ms(result.p90)}`,
        ms(result.p99),
        ms(result.mean),
        result.requestsPerSecond.toFixed(0),
        "",
      ]);
    }
    log("Results");
    log(table(rows));
    if (pages) {
      log(`/feed beside the bare page (${BARE_PATH}: the feed's cards from a constant array, no session, no database), ${pairCount} alternating pairs at ${connections} connections:`);
      for (const line of pages.summary.lines) log(line);
    }
    log(`plans that read a large table (≥ 10,000 rows) whole: ${fullScans.length ? fullScans.join("; ") : "none"} (aim: none)`);
    if (pages) log(`load average during the page load (1, 5, 15 min): before ${pages.loadBefore}, after ${pages.loadAfter}`);
    log(`load average at the end: ${loadAverage()}; total ${seconds(started)}`);
  } finally {
    await queryLog.client.$disconnect();
    if (!flags.keep) await dropBenchDatabase({ serverUrl, database: flags.database, log });
  }
}

await main();
