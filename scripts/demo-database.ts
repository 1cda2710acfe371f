/**
 * The demo content in a throwaway embedded database, for the scripts that look at it as the app shows
 * it (read:demo, eval:search, bench:feed --embedded). lib/env reads its settings once, at first use,
 * so the database is pointed at before anything reads them, as scripts/start.ts does.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export function pointAtEmbeddedDatabase(port: number, dataDir: string): void {
  process.env.EMBEDDED_DB_PORT = String(port);
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
}

/** An embedded database in this process, in a temp folder that `close` removes. */
export async function openThrowawayDatabase(prefix: string): Promise<{ dataDir: string; close: () => Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const { startEmbeddedServer } = await import("@/lib/db/embedded-server");
  const server = await startEmbeddedServer({ dataDir: path.join(dataDir, "db"), port: 0 });
  pointAtEmbeddedDatabase(server.port, dataDir);
  return {
    dataDir,
    close: async () => {
      const { closeQueue } = await import("@/lib/jobs/enqueue");
      const { db } = await import("@/lib/db");
      await closeQueue();
      await db.$disconnect();
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Migrations, the curated topics and the demo content, extracted, embedded and related as `npm run admin -- reprocess` does. */
export async function loadDemoDatabase() {
  const { getEnv } = await import("@/lib/env");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { seedCuratedTopics } = await import("@/lib/topics/topic-store");
  const { loadDemoContent } = await import("@/lib/ingest/demo-content");
  const { reprocess } = await import("@/lib/insights/reprocess");
  const { configuredExtractor } = await import("@/lib/insights/configured-extractor");
  const { configuredEmbedder } = await import("@/lib/insights/embeddings");
  await applyMigrations(getEnv().databaseUrl);
  await seedCuratedTopics();
  const loaded = await loadDemoContent();
  const extractor = configuredExtractor();
  const embedder = configuredEmbedder();
  const report = await reprocess({ all: true }, "extract", { extractor, embedder });
  return { loaded, extractor, embedder, report };
}
