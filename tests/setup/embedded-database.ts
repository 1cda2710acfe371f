import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { createEmbeddedDatabase } from "@/tests/helpers/databases";

/** One in-memory embedded database for the run, migrated, shared by the test files. */
export default async function setup(project: TestProject) {
  const database = await createEmbeddedDatabase();
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", "embedded");
  return database.drop;
}
