/**
 * Applies the committed migrations to the PostgreSQL server in DATABASE_URL, for deployments that run
 * web servers and workers on their own instead of `npm start` (which migrates by itself).
 */
import { applyMigrations, MigrationError } from "@/lib/db/migrate";
import { EnvError, getEnv } from "@/lib/env";

try {
  const env = getEnv();
  if (env.embeddedDatabase) {
    console.error("DATABASE_URL is not set: the embedded database is migrated by `npm start` itself.");
    process.exit(1);
  }
  const applied = await applyMigrations(env.databaseUrl);
  console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
} catch (error) {
  if (!(error instanceof EnvError || error instanceof MigrationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
