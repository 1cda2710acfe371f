/**
 * EXPLAIN (ANALYZE, BUFFERS) of statements the feed sent, with the parameters it sent, and a verdict
 * per plan: does any node read a large table whole (a Seq Scan, or a bitmap / index scan returning
 * most of its rows)?
 */
import type pg from "pg";
import type { LoggedQuery } from "./query-log";

/** A table counts as large from this many rows: reading one whole is what the aims forbid. */
const LARGE_TABLE_ROWS = 10_000;

export type PlanReport = {
  plan: string;
  executionMs: number;
  planningMs: number;
  /** e.g. "Seq Scan on insight_topics (2,000,000 rows)"; empty when the plan reads no large table whole. */
  fullScans: string[];
};

/** '{bi01,bi02,…}'::text[] with thousands of ids, shortened to its first two and its count. */
function foldArrays(line: string): string {
  return line.replace(/'\{([^{}']*)\}'/g, (whole, inner: string) => {
    const values = inner.split(",");
    return values.length <= 4 ? whole : `'{${values.slice(0, 2).join(",")},… ${values.length} values}'`;
  });
}

export async function tableSizes(client: pg.Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ relname: string; reltuples: number }>(
    "SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace",
  );
  return new Map(rows.map((row) => [row.relname, Number(row.reltuples)]));
}

export async function explainQuery(client: pg.Client, query: LoggedQuery, sizes: ReadonlyMap<string, number>): Promise<PlanReport> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  const lines = rows.map((row) => foldArrays(row["QUERY PLAN"]));
  const plan = lines.join("\n");
  const fullScans: string[] = [];
  for (const line of lines) {
    const seq = /(?:Parallel )?Seq Scan on (\w+)/.exec(line);
    if (seq) {
      const total = sizes.get(seq[1]!) ?? 0;
      if (total >= LARGE_TABLE_ROWS) fullScans.push(`${seq[0]} (${Math.round(total).toLocaleString("en-US")} rows)`);
      continue;
    }
    // An index or bitmap scan that returns more than half a large table is a full read in disguise.
    const scan = /(Index Only Scan|Index Scan|Bitmap Heap Scan)(?: Backward)?(?: using \w+)? on (\w+).*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line);
    if (scan) {
      const total = sizes.get(scan[2]!) ?? 0;
      const returned = Number(scan[3]) * Number(scan[4]);
      if (total >= LARGE_TABLE_ROWS && returned > total / 2) {
        fullScans.push(`${scan[1]} on ${scan[2]} returning ${returned.toLocaleString("en-US")} of ${Math.round(total).toLocaleString("en-US")} rows`);
      }
    }
  }
  const ms = (label: string) => Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);
  return { plan, executionMs: ms("Execution Time"), planningMs: ms("Planning Time"), fullScans };
}
