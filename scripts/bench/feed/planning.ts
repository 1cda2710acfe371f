/**
 * What planning costs a statement on one connection: sent unnamed (parsed and planned on every
 * request, as the app ran the feed on the embedded server before lib/db named its statements there
 * too) and as a named statement (planned once, then reused), alternating. Prints planning and
 * execution per request from EXPLAIN ANALYZE, the round trips, and how often the server planned the
 * named one afresh.
 */
import type pg from "pg";
import type { LoggedQuery } from "./query-log";

type Plan = { planning: number; execution: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] ?? NaN;
const ms = (value: number) => value.toFixed(2);

/** A parameter as an SQL literal, for EXECUTE: quoted text the prepared statement's types coerce. */
const literal = (value: unknown) => (value === null ? "NULL" : `'${String(value).replaceAll("'", "''")}'`);

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<Plan> {
  const { rows } = await client.query<{ "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const [plan] = rows[0]!["QUERY PLAN"];
  return { planning: plan["Planning Time"], execution: plan["Execution Time"] };
}

export async function comparePlanning(client: pg.Client, statement: LoggedQuery, requests: number, log: (line: string) => void): Promise<void> {
  const name = "bench_planning";
  const plans = { unnamed: [] as Plan[], named: [] as Plan[] };
  const roundTrips = { unnamed: [] as number[], named: [] as number[] };
  const executeSql = `EXECUTE ${name}(${statement.params.map(literal).join(", ")})`;
  for (let request = 0; request < requests; request++) {
    let started = performance.now();
    await client.query({ text: statement.sql, values: statement.params });
    roundTrips.unnamed.push(performance.now() - started);
    started = performance.now();
    await client.query({ name, text: statement.sql, values: statement.params });
    roundTrips.named.push(performance.now() - started);
    plans.unnamed.push(await explain(client, statement.sql, statement.params));
    plans.named.push(await explain(client, executeSql, []));
  }
  const counts = await client.query<{ generic_plans: string; custom_plans: string }>("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1", [name]);
  const { generic_plans: generic, custom_plans: custom } = counts.rows[0]!;
  await client.query(`DEALLOCATE ${name}`);

  log(`the feed statement, ${requests} requests each way on one connection; per request, ms:`);
  log("                        planning p50 (p95)   execution p50   round trip p50 (p95)");
  for (const way of ["unnamed", "named"] as const) {
    const planning = plans[way].map((plan) => plan.planning);
    const execution = plans[way].map((plan) => plan.execution);
    log(
      `${way === "unnamed" ? "unnamed (planned each)" : "named (as the app runs)"} ${ms(median(planning)).padStart(6)} (${ms(p95(planning))})` +
        `        ${ms(median(execution)).padStart(6)}         ${ms(median(roundTrips[way])).padStart(6)} (${ms(p95(roundTrips[way]))})`,
    );
  }
  log(`the named statement was planned once and reused ${generic} times (generic), planned afresh ${custom} times (custom)`);
}
