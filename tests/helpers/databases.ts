/**
 * Real databases for tests: a throwaway embedded PGlite server, or a throwaway database on the
 * PostgreSQL server named by TEST_DATABASE_URL (default: the local server CI provides).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedServer } from "@/lib/db/embedded-server";

export type DatabaseKind = "embedded" | "server";
export type TestDatabase = { url: string; drop: () => Promise<void> };

export const serverAdminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function createServerDatabase(): Promise<TestDatabase> {
  const name = `podbrief_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverAdminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The server-mode tests need a PostgreSQL server at ${serverAdminUrl} (set TEST_DATABASE_URL to another): ${(error as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const server = await startEmbeddedServer({ port: 0 });
  return { url: server.url, drop: server.stop };
}

export function createDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === "embedded" ? createEmbeddedDatabase() : createServerDatabase();
}
