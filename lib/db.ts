/**
 * The one Prisma client. Both modes connect through the Postgres wire protocol: to the embedded
 * PGlite server that `npm start` runs, or to the server named by DATABASE_URL.
 */
import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { moduleLog } from "@/lib/log";

const log = moduleLog("db");

const PREPARED_MARK = "/* prepared */";

/**
 * Put first in a raw statement that runs on every page view (the feed's): on a PostgreSQL server it
 * becomes a named prepared statement, parsed once per connection instead of once per request, and
 * planned once when the server finds one plan as good for every call; for short, frequent statements
 * parsing and planning are much of the cost. Mark only statements whose text is one of a few shapes
 * (parameters, never inlined lists).
 */
export const PREPARED = Prisma.raw(PREPARED_MARK);

/**
 * PGlite serves every connection from one session, where two connections preparing the same name
 * collide; statements get names only once the server has said it is not PGlite.
 */
let serverPreparesPerConnection = false;
const statementNames = new Map<string, string>();
/** A bound on distinct names, should a marked statement's text ever vary without end. */
const MAX_STATEMENT_NAMES = 100;

function statementName({ sql }: { sql: string }): string | undefined {
  if (!serverPreparesPerConnection || !sql.trimStart().startsWith(PREPARED_MARK)) return undefined;
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

/**
 * Asks the server what it is and turns named statements on when it is PostgreSQL proper. Rejects when
 * it cannot ask (no such database yet, say): call it once the database exists, and let a failure show.
 */
export async function detectPreparedStatements(client: PrismaClient): Promise<boolean> {
  const [row] = await client.$queryRaw<{ version: string }[]>`SELECT version()`;
  if (row === undefined) throw new Error("SELECT version() returned no row");
  serverPreparesPerConnection = !/PGlite/i.test(row.version);
  return serverPreparesPerConnection;
}

function createClient(): PrismaClient {
  const env = getEnv();
  const client = new PrismaClient({ adapter: createAdapter(env.databaseUrl, env.DATABASE_POOL_SIZE) });
  if (!env.embeddedDatabase) {
    detectPreparedStatements(client).catch((error: unknown) => log.error({ err: error }, "could not ask the database server its version: no statement is prepared"));
  }
  return client;
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
