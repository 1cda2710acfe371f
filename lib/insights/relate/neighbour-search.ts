/**
 * Where relating finds an insight's nearest neighbours, chosen once per process and logged: in the
 * database when it has pgvector (lib/insights/relate/vector-store.ts), else in this worker's own
 * in-process index (lib/insights/relate/neighbour-index.ts), the fallback for servers without it.
 * Both answer the same question, so relating decides the same way on either.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Embedder } from "@/lib/insights/embeddings";
import { forgetInsight, syncedIndex } from "@/lib/insights/relate/neighbour-index";
import { ensureVectorStore, nearestInDatabase, prepareDatabaseSearch, type StoredNeighbour } from "@/lib/insights/relate/vector-store";
import { moduleLog } from "@/lib/log";

const log = moduleLog("relate");

export type NeighbourSearchKind = "database" | "in-process";

const decided = new Map<number, Promise<NeighbourSearchKind>>();
let forced: NeighbourSearchKind | undefined;

/** Which search relating uses for vectors of this embedder's size; the first call per size decides and logs it. */
export function neighbourSearchFor(embedder: Embedder): Promise<NeighbourSearchKind> {
  if (forced === "in-process") return Promise.resolve("in-process");
  let choice = decided.get(embedder.dimensions);
  if (!choice) {
    choice = decide(embedder);
    decided.set(embedder.dimensions, choice);
    // A database that could not be asked (it was down) is asked again next time, not written off.
    choice.catch(() => decided.delete(embedder.dimensions));
  }
  return choice;
}

async function decide(embedder: Embedder): Promise<NeighbourSearchKind> {
  const status = await ensureVectorStore(db, embedder.dimensions);
  if (status.ready) {
    log.info({ search: "pgvector", index: status.index }, "nearest neighbours: pgvector in the database; workers hold no index");
    return "database";
  }
  if (forced === "database") throw new Error(`pgvector was asked for, but ${status.reason}`);
  log.info({ search: "in-process", reason: status.reason }, "nearest neighbours: an in-process index in each worker");
  return "in-process";
}

/**
 * Tests and benchmarks pin one search ("in-process" also works where pgvector is there); undefined
 * goes back to choosing by the database.
 */
export function pinNeighbourSearch(kind: NeighbourSearchKind | undefined): void {
  forced = kind;
  decided.clear();
}

export type NeighbourFinder = {
  /** The k nearest insights relating may offer for this one, best first, as they stand in the database. */
  nearest(insight: { id: string; embedding: number[] }, k: number): Promise<StoredNeighbour[]>;
};

/**
 * A finder for relating one episode's insights inside the relate transaction. `episodeInsights` are
 * those about to be related: each must find its siblings whatever the order.
 */
export async function openNeighbourFinder(
  tx: Prisma.TransactionClient,
  kind: NeighbourSearchKind,
  embedder: Embedder,
  scope: { episodeId: string; since: Date; episodeInsights: { id: string; embedding: number[] }[] },
): Promise<NeighbourFinder> {
  if (kind === "database") {
    await prepareDatabaseSearch(tx);
    return {
      nearest: (insight, k) =>
        nearestInDatabase(tx, { embedding: insight.embedding, embeddingModel: embedder.id, excludeId: insight.id, episodeId: scope.episodeId, since: scope.since, k }),
    };
  }
  const index = await syncedIndex(tx, embedder.id, embedder.dimensions);
  for (const insight of scope.episodeInsights) index.add(insight.id, insight.embedding);
  return {
    async nearest(insight, k) {
      const found = index.search(insight.embedding, k, { filter: (id) => id !== insight.id });
      const rows = await tx.insight.findMany({
        where: { id: { in: found.map((neighbour) => neighbour.id) } },
        select: { id: true, episodeId: true, clusterId: true, createdAt: true, headline: true, body: true },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const kept: StoredNeighbour[] = [];
      for (const neighbour of found) {
        const row = byId.get(neighbour.id);
        if (!row) forgetInsight(neighbour.id);
        else if (row.createdAt >= scope.since) {
          kept.push({ id: row.id, score: neighbour.score, episodeId: row.episodeId, clusterId: row.clusterId, headline: row.headline, body: row.body });
        }
      }
      return kept;
    },
  };
}
