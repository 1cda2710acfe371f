import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { EmbeddedDatabaseLockedError, startEmbeddedServer } from "@/lib/db/embedded-server";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(inject("databaseKind") === "embedded")("the embedded database on disk", () => {
  it("keeps its data across a stop and a start", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-data-"));
    const first = await startEmbeddedServer({ dataDir, port: 0 });
    await query(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    await first.stop();

    const second = await startEmbeddedServer({ dataDir, port: 0 });
    expect(await query<{ body: string }>(second.url, "SELECT body FROM notes")).toEqual([{ body: "kept" }]);
    await second.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second opener of the same folder, which would lose writes", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-data-"));
    await fs.writeFile(path.join(dataDir, "podbrief.lock"), String(process.ppid));
    await expect(startEmbeddedServer({ dataDir, port: 0 })).rejects.toThrow(EmbeddedDatabaseLockedError);

    // A lock left by a process that died is taken over.
    await fs.writeFile(path.join(dataDir, "podbrief.lock"), "999999999");
    const server = await startEmbeddedServer({ dataDir, port: 0 });
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("serves several clients at once, as the web server and worker are", async () => {
    const server = await startEmbeddedServer({ port: 0 });
    const rows = await Promise.all(Array.from({ length: 8 }, (_, i) => query<{ n: number }>(server.url, `SELECT ${i}::int AS n`)));
    expect(rows.map((r) => r[0]!.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await server.stop();
  });
});
