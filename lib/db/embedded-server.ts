/**
 * The embedded database: one PGlite (PostgreSQL compiled to WASM) served over the Postgres wire
 * protocol on loopback, so the web server, the worker and the tests all connect with an ordinary
 * connection string, exactly as they do to a PostgreSQL server. PGlite must never be opened by two
 * processes (one's writes are silently lost), so the data folder is guarded by a lock file.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { SessionQueue } from "@/lib/db/session-queue";

export type EmbeddedServer = {
  /** postgresql:// URL of the server; pass it to every client. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

export type EmbeddedServerOptions = {
  /** Folder that holds the data; omit for a throwaway in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port: number;
  maxConnections?: number;
};

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is already open in process ${pid}. Stop that process first (two processes writing one PGlite folder lose data).`);
    this.name = "EmbeddedDatabaseLockedError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, "podbrief.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(await fs.readFile(lockPath, "utf8").catch(() => ""), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid)) {
        throw new EmbeddedDatabaseLockedError(dataDir, pid);
      }
      // The previous owner died without cleaning up; its lock means nothing now.
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  let releaseLock: (() => Promise<void>) | undefined;
  let pgDir: string | undefined;
  if (options.dataDir) {
    await fs.mkdir(options.dataDir, { recursive: true });
    releaseLock = await acquireLock(options.dataDir);
    pgDir = path.join(options.dataDir, "pglite");
  }
  // pgvector is loaded on every open: relating searches neighbours with it (lib/insights/relate/vector-store.ts).
  const db = new PGlite({ dataDir: pgDir, extensions: { vector } });
  try {
    await db.waitReady;
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: options.port,
      maxConnections: options.maxConnections ?? 40,
    });
    // pglite-socket lets connections interleave mid-query; see session-queue.ts. The handlers it
    // creates take the queue from this field, so replacing it before start() covers every connection.
    (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);
    await server.start();
    const port = Number(server.getServerConn().split(":").at(-1));
    let stopped = false;
    return {
      port,
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await server.stop();
        // Closing checkpoints the WAL; without it the next open runs crash recovery.
        await db.close();
        await releaseLock?.();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    await releaseLock?.();
    throw error;
  }
}
