import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { createServerDatabase } from "@/tests/helpers/databases";

/** One fresh database on the PostgreSQL server for the run, migrated, dropped afterwards. */
export default async function setup(project: TestProject) {
  const database = await createServerDatabase();
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", "server");
  return database.drop;
}
