/**
 * The one Prisma client. Both modes connect through the Postgres wire protocol: to the embedded
 * PGlite server that `npm start` runs, or to the server named by DATABASE_URL.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

function createClient(): PrismaClient {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: env.databaseUrl, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
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
