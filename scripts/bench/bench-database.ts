/** The benches' throwaway database on the PostgreSQL server: created, migrated and seeded, or reused, then dropped. */
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { seedFeedWorkload, type SeedSize } from "./feed/seed";

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database seeded with the feed workload (see feed/seed.ts), or, with `reuse` and the
 * database already there, that one with any migrations it lacks.
 */
export async function prepareBenchDatabase({ serverUrl, database, reuse, size, log }: { serverUrl: string; database: string; reuse: boolean; size: SeedSize; log: (message: string) => void }): Promise<void> {
  const exists = await withClient(`${serverUrl}/postgres`, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    return rowCount === 1;
  });
  if (reuse && exists) {
    const applied = await applyMigrations(`${serverUrl}/${database}`);
    log(`reusing database ${database} (--reuse): no seeding; ${applied.length} new migrations applied`);
    return;
  }
  await withClient(`${serverUrl}/postgres`, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  });
  const started = performance.now();
  const url = `${serverUrl}/${database}`;
  const applied = await applyMigrations(url);
  log(`database ${database}: ${applied.length} migrations applied`);
  log(
    `seeding ${size.insights.toLocaleString("en-US")} insights, ${size.episodes.toLocaleString("en-US")} episodes, ` +
      `${size.podcasts.toLocaleString("en-US")} podcasts, ${size.topics} topics, ${size.readers.toLocaleString("en-US")} readers…`,
  );
  await withClient(url, (client) => seedFeedWorkload(client, size, log));
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function dropBenchDatabase({ serverUrl, database, log }: { serverUrl: string; database: string; log: (message: string) => void }): Promise<void> {
  await withClient(`${serverUrl}/postgres`, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  log(`dropped database ${database} (pass --keep to keep it)`);
}
