import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { applyMigrations, MigrationError, migrationsDir, readMigrations } from "@/lib/db/migrate";
import { createDatabase, type TestDatabase } from "@/tests/helpers/databases";

const kind = inject("databaseKind");

async function tableNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  await client.end();
  return rows.map((row) => row.table_name);
}

// Each case opens a database of its own: an embedded one took 30 s at load 12.
describe(`migrations on an empty ${kind} database`, { timeout: 180_000 }, () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("apply cleanly, then are a no-op the second time", async () => {
    database = await createDatabase(kind);
    const all = (await readMigrations()).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);

    expect(await applyMigrations(database.url)).toEqual(all);
    const tables = await tableNames(database.url);
    for (const table of ["users", "accounts", "verification_tokens", "podcasts", "episodes", "transcripts", "insights", "topics", "insight_topics", "clusters", "topic_follows", "saved_insights", "feed_events", "daily_briefs", "daily_brief_items"]) {
      expect(tables).toContain(table);
    }

    expect(await applyMigrations(database.url)).toEqual([]);
    expect(await tableNames(database.url)).toEqual(tables);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    database = await createDatabase(kind);
    await applyMigrations(database.url);
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-migrations-"));
    await fs.cp(migrationsDir, copy, { recursive: true });
    const [first] = await readMigrations(copy);
    await fs.appendFile(path.join(copy, first!.name, "migration.sql"), "\n-- edited\n");

    await expect(applyMigrations(database.url, copy)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(database.url, copy)).rejects.toThrow(/was changed after it was applied/);
    await fs.rm(copy, { recursive: true, force: true });
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    database = await createDatabase(kind);
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-migrations-"));
    await fs.cp(migrationsDir, copy, { recursive: true });
    await fs.mkdir(path.join(copy, "99999999999999_broken"));
    await fs.writeFile(path.join(copy, "99999999999999_broken", "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n");

    await expect(applyMigrations(database.url, copy)).rejects.toThrow(/99999999999999_broken failed/);
    const tables = await tableNames(database.url);
    expect(tables).toContain("users");
    expect(tables).not.toContain("half_done");
    await fs.rm(copy, { recursive: true, force: true });
  });
});
