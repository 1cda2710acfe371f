/**
 * `npm run bench:feed-embedded`: what planning costs the feed on the embedded server (PGlite behind
 * the socket server, as `npm start` runs it). Seeds a small in-memory database (see feed/seed.ts),
 * captures the heaviest reader's feed statement as the app sends it, then times it two ways on one
 * connection, alternating: as an unnamed statement (parsed and planned on every request, as the app
 * ran it before lib/db named it on the embedded server too) and as the named statement the app now
 * uses. Prints planning and execution per request (EXPLAIN ANALYZE), round trips, how often the
 * server planned the named one afresh, and the load average before and after. Nothing passes or fails.
 *
 *   npm run bench:feed-embedded                      # 100 insights, 20 readers, 100 requests each way
 *   npm run bench:feed-embedded -- --insights 1000 --requests 200
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedServer } from "@/lib/db/embedded-server";
import { applyMigrations } from "@/lib/db/migrate";
import { seedFeedWorkload } from "./feed/seed";

const { values: flags } = parseArgs({
  options: {
    insights: { type: "string", default: "100" },
    readers: { type: "string", default: "20" },
    requests: { type: "string", default: "100" },
  },
});
const insights = Number(flags.insights);
const readers = Number(flags.readers);
const requests = Number(flags.requests);

const log = (message = "") => console.log(message);
const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] ?? NaN;
const ms = (value: number) => value.toFixed(2);

/** A parameter as an SQL literal, for EXECUTE: quoted text the prepared statement's types coerce. */
const literal = (value: unknown) => (value === null ? "NULL" : `'${String(value).replaceAll("'", "''")}'`);

type Plan = { planning: number; execution: number };
async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<Plan> {
  const { rows } = await client.query<{ "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const [plan] = rows[0]!["QUERY PLAN"];
  return { planning: plan["Planning Time"], execution: plan["Execution Time"] };
}

async function main(): Promise<void> {
  log(`Embedded feed bench: Node ${process.version}, ${os.cpus().length} CPUs; load average at start (1, 5, 15 min): ${loadAverage()}`);
  const server = await startEmbeddedServer({ port: 0 });
  const client = new pg.Client({ connectionString: server.url });
  try {
    await applyMigrations(server.url);
    await client.connect();
    const episodes = Math.max(1, Math.round(insights / 10));
    await seedFeedWorkload(client, { insights, episodes, podcasts: Math.max(1, Math.round(episodes / 5)), topics: 20, readers, searchVector: false }, () => undefined);
    await client.query("SET session_replication_role = origin");

    // The app's modules, pointed at this server; the query log captures the statement as the app sends it.
    process.env.DATABASE_URL = server.url;
    const { QueryLog } = await import("./feed/query-log");
    const queryLog = new QueryLog(server.url, 1);
    const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
    const { rows } = await client.query<{ id: string }>(
      `SELECT u.id FROM users AS u ORDER BY (SELECT count(*) FROM topic_follows WHERE user_id = u.id) DESC,
         (SELECT count(*) FROM podcast_subscriptions WHERE user_id = u.id) DESC, u.id LIMIT 1`,
    );
    const reader = rows[0]!.id;
    const { result, queries } = await queryLog.record(() => rankFeedForUser(reader, {}));
    const feed = queries.find((query) => query.sql.includes("my_follows"))!;
    await queryLog.client.$disconnect();
    log(`${insights} insights, ${readers} readers; reader ${reader}: ${result.items.length} items on the first page; ${requests} requests each way`);

    const name = "bench_feed";
    const plans = { unnamed: [] as Plan[], named: [] as Plan[] };
    const roundTrips = { unnamed: [] as number[], named: [] as number[] };
    const executeSql = `EXECUTE ${name}(${feed.params.map(literal).join(", ")})`;
    const loadBefore = loadAverage();
    for (let request = 0; request < requests; request++) {
      let started = performance.now();
      await client.query({ text: feed.sql, values: feed.params });
      roundTrips.unnamed.push(performance.now() - started);
      started = performance.now();
      await client.query({ name, text: feed.sql, values: feed.params });
      roundTrips.named.push(performance.now() - started);
      plans.unnamed.push(await explain(client, feed.sql, feed.params));
      plans.named.push(await explain(client, executeSql, []));
    }
    const loadAfter = loadAverage();
    const counts = await client.query<{ generic_plans: string; custom_plans: string }>("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1", [name]);
    const { generic_plans: generic, custom_plans: custom } = counts.rows[0]!;

    log();
    log("per request, ms        planning p50 (p95)   execution p50   round trip p50 (p95)");
    for (const way of ["unnamed", "named"] as const) {
      const planning = plans[way].map((plan) => plan.planning);
      const execution = plans[way].map((plan) => plan.execution);
      log(
        `${way === "unnamed" ? "unnamed (before)" : "named (after)   "}       ${ms(median(planning)).padStart(6)} (${ms(p95(planning))})` +
          `        ${ms(median(execution)).padStart(6)}         ${ms(median(roundTrips[way])).padStart(6)} (${ms(p95(roundTrips[way]))})`,
      );
    }
    log(`the named statement was planned once and reused ${generic} times (generic), planned afresh ${custom} times (custom)`);
    log(`load average (1, 5, 15 min): before ${loadBefore}, after ${loadAfter}`);
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

await main();
