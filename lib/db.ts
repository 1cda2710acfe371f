/**
 * The one Prisma client. Both modes connect through the Postgres wire protocol: to the embedded
 * PGlite server that `npm start` runs, or to the server named by DATABASE_URL.
 */
import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

const PREPARED_MARK = "/* prepared */";

/**
 * Put first in a raw statement that runs on every page view (the feed's): it becomes a named prepared
 * statement, parsed once per connection instead of once per request, and
 * planned once when the server finds one plan as good for every call; for short, frequent statements
 * parsing and planning are much of the cost. Mark only statements whose text is one of a few shapes
 * (parameters, never inlined lists). The embedded server's connections share one session, so there
 * each statement is prepared once for all of them (lib/db/session-queue.ts).
 */
export const PREPARED = Prisma.raw(PREPARED_MARK);

const statementNames = new Map<string, string>();
/** A bound on distinct names, should a marked statement's text ever vary without end. */
const MAX_STATEMENT_NAMES = 100;

function statementName({ sql }: { sql: string }): string | undefined {
  if (!sql.trimStart().startsWith(PREPARED_MARK)) return undefined;
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_STATEMENT_NAMES) {
    name = `podbrief_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** The adapter every Prisma client of this app uses (the bench builds one with query events on it). */
export function createAdapter(connectionString: string, max: number): PrismaPg {
  // Typed as always naming; pg runs a query whose name is undefined as the unnamed statement.
  return new PrismaPg({ connectionString, max }, { statementNameGenerator: statementName as (query: { sql: string }) => string });
}

function createClient(): PrismaClient {
  const env = getEnv();
  return new PrismaClient({ adapter: createAdapter(env.databaseUrl, env.DATABASE_POOL_SIZE) });
}

const globalForDb = globalThis as unknown as { podbriefDb?: PrismaClient };

/** Created on first use, so importing this module (as `next build` does) never opens a connection. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.podbriefDb ??= createClient();
    const value = Reflect.get(globalForDb.podbriefDb, property);
    return typeof value === "function" ? value.bind(globalForDb.podbriefDb) : value;
  },
});
