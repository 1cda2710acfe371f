/**
 * Sees the SQL the feed runs. The bench hands lib/db a Prisma client of its own, built exactly as
 * lib/db builds it (same adapter, same pool size, same prepared statements) but with query events on, by setting the global
 * that lib/db reuses (`globalThis.podbriefDb`). Every statement rankFeedForUser sends is then recorded
 * with its parameters and duration: for a per-query breakdown of the timings and for EXPLAIN of the
 * very statements the app runs, rather than hand-copied ones that drift from lib/feed.
 */
import { createAdapter } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type LoggedQuery = { sql: string; params: unknown[]; ms: number };

export class QueryLog {
  readonly client: PrismaClient;
  private recording: LoggedQuery[] | null = null;

  constructor(databaseUrl: string, poolSize: number) {
    const client = new PrismaClient({ adapter: createAdapter(databaseUrl, poolSize), log: [{ emit: "event", level: "query" }] });
    client.$on("query", (event) => {
      this.recording?.push({ sql: event.query, params: JSON.parse(event.params) as unknown[], ms: event.duration });
    });
    this.client = client;
    (globalThis as unknown as { podbriefDb?: PrismaClient }).podbriefDb = this.client;
  }


  /** Runs `work` and returns the statements sent while it ran (run one thing at a time to attribute them). */
  async record<T>(work: () => Promise<T>): Promise<{ result: T; queries: LoggedQuery[] }> {
    const queries: LoggedQuery[] = [];
    this.recording = queries;
    try {
      return { result: await work(), queries };
    } finally {
      this.recording = null;
    }
  }
}

/**
 * A short name for a statement: what the feed's raw statements read ("signals + candidates"),
 * otherwise its table and the column its WHERE starts with ("insights by id").
 */
export function labelQuery(sql: string): string {
  if (/CROSS JOIN LATERAL/i.test(sql)) return /feed_events/.test(sql) ? "feed page (signals, candidates, scores and cards in one)" : "candidates: LATERAL per followed topic and show";
  if (/FROM feed_events/.test(sql)) return "signals";
  if (/json_build_object\('id', t\.id/.test(sql)) return "cards (with their clusters' members)";
  const table = /FROM "public"\."(\w+)"/.exec(sql)?.[1] ?? "?";
  const column = /WHERE \(*"public"\."\w+"\."(\w+)"/.exec(sql)?.[1];
  return column ? `${table} by ${column}` : table;
}

/** The SQL with long parameter lists folded, for printing. */
export function shortSql(sql: string, params: unknown[]): string {
  return sql
    .replace(/\$(\d+)(?:,\$\d+){3,},\$(\d+)/g, (_match, first: string, last: string) => `$${first}…$${last} (${Number(last) - Number(first) + 1} ids)`)
    .replace(/"public"\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .concat(params.length > 5 ? "" : ` -- params ${JSON.stringify(params)}`);
}
