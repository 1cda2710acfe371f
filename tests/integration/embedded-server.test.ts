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

// Opening a PGlite takes seconds, and tens of seconds on a busy machine; some cases open two.
describe.runIf(inject("databaseKind") === "embedded")("the embedded database on disk", { timeout: 240_000 }, () => {
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

  it("keeps each client's parameterized queries whole while many clients run at once", async () => {
    const server = await startEmbeddedServer({ port: 0 });
    const clients = Array.from({ length: 6 }, () => new pg.Client({ connectionString: server.url }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      await clients[0]!.query("CREATE TABLE items (client int, n int, PRIMARY KEY (client, n))");
      // Parameterized queries use the extended protocol (Parse, Bind, Execute, Sync), whose steps must
      // not interleave with another client's; transactions from other clients run in between.
      await Promise.all(
        clients.map(async (client, id) => {
          for (let n = 0; n < 60; n++) {
            if (n % 10 === 0) {
              await client.query("BEGIN");
              await client.query("INSERT INTO items VALUES ($1, $2)", [id, n]);
              await client.query("COMMIT");
            } else {
              await client.query("INSERT INTO items VALUES ($1, $2)", [id, n]);
            }
            const { rows } = await client.query<{ n: number }>("SELECT n FROM items WHERE client = $1 AND n = $2", [id, n]);
            expect(rows).toEqual([{ n }]);
          }
        }),
      );
      expect((await clients[0]!.query("SELECT count(*)::int AS c FROM items")).rows[0]).toEqual({ c: 360 });
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await server.stop();
    }
  });

  it("rolls back the transaction of a client that vanishes, and serves the others on", async () => {
    const server = await startEmbeddedServer({ port: 0 });
    const survivor = new pg.Client({ connectionString: server.url });
    const doomed = new pg.Client({ connectionString: server.url });
    await Promise.all([survivor.connect(), doomed.connect()]);
    doomed.on("error", () => undefined);
    try {
      await survivor.query("CREATE TABLE notes (body text)");
      await doomed.query("BEGIN");
      await doomed.query("INSERT INTO notes VALUES ($1)", ["never committed"]);
      // The connection drops mid-transaction, as when a worker is killed.
      (doomed as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
      await survivor.query("INSERT INTO notes VALUES ($1)", ["kept"]);
      expect((await survivor.query("SELECT body FROM notes")).rows).toEqual([{ body: "kept" }]);
    } finally {
      await survivor.end();
      await server.stop();
    }
  });
});
