/**
 * The worker's in-memory nearest-neighbour index over recent insights, the fallback where the database
 * has no pgvector. The database stays the truth: each process catches up before every use on what was
 * related since (by `related_at`, stamped with the database clock under the relate lock, so stamps only
 * grow). The index only proposes candidates; their episode and cluster are read back from the
 * database, so a stale or deleted entry never reaches a reader.
 */
import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadSnapshot, saveSnapshot } from "@/lib/insights/relate/index-snapshot";
import { createVectorIndex, loadVectorIndex, type AdaptiveVectorIndex } from "@/lib/insights/vector-index";
import { moduleLog } from "@/lib/log";

const log = moduleLog("relate");

/** Insights stored longer ago than this are no longer offered as related: readers want what is being said now. */
export const RELATE_WINDOW_DAYS = 180;
const LOAD_BATCH = 2_000;
const EVICT_EVERY_MS = 60 * 60 * 1000;

type IndexState = {
  embedderId: string;
  dimensions: number;
  index: AdaptiveVectorIndex;
  /** When each indexed insight was stored (ms), for dropping those that leave the window. */
  storedAt: Map<string, number>;
  cursor: { relatedAt: Date; id: string } | null;
  lastEviction: number;
  /** Insights added since the last snapshot. */
  unsaved: number;
};

const globalForIndex = globalThis as unknown as { podbriefNeighbourIndex?: IndexState };

export function windowStart(now = Date.now()): Date {
  return new Date(now - RELATE_WINDOW_DAYS * 86_400_000);
}

/**
 * The index for `embedderId`, caught up with every insight related so far. A different embedder
 * (the settings changed) starts a fresh index: vectors from two models cannot be compared. Call it
 * while holding the relate lock, or rows related concurrently may be skipped by the cursor.
 */
export async function syncedIndex(client: Prisma.TransactionClient, embedderId: string, dimensions: number): Promise<AdaptiveVectorIndex> {
  let state = globalForIndex.podbriefNeighbourIndex;
  if (!state || state.embedderId !== embedderId || state.dimensions !== dimensions) {
    state = fromSnapshot(embedderId, dimensions) ?? {
      embedderId,
      dimensions,
      index: createVectorIndex({ dimensions }),
      storedAt: new Map(),
      cursor: null,
      lastEviction: Date.now(),
      unsaved: 0,
    };
    globalForIndex.podbriefNeighbourIndex = state;
  }
  const since = windowStart();
  let cursor = state.cursor;
  const rereadMillisecond = cursor?.relatedAt.getTime();
  for (;;) {
    const rows = await client.insight.findMany({
      where: {
        embeddingModel: embedderId,
        createdAt: { gte: since },
        relatedAt: { not: null },
        ...(cursor ? { OR: [{ relatedAt: { gt: cursor.relatedAt } }, { relatedAt: cursor.relatedAt, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ relatedAt: "asc" }, { id: "asc" }],
      take: LOAD_BATCH,
      select: { id: true, embedding: true, relatedAt: true, createdAt: true },
    });
    for (const row of rows) {
      // A row of the re-read millisecond this process already holds is the same row, not a new vector.
      if (row.relatedAt!.getTime() === rereadMillisecond && state.storedAt.has(row.id)) continue;
      if (row.embedding.length === dimensions) {
        state.index.add(row.id, row.embedding);
        state.storedAt.set(row.id, row.createdAt.getTime());
        state.unsaved++;
      }
    }
    const last = rows.at(-1);
    if (last) cursor = { relatedAt: last.relatedAt!, id: last.id };
    if (rows.length < LOAD_BATCH) break;
  }
  // The stamps have millisecond precision, so an insight related later in the same millisecond may sort
  // before this one by id: the next catch-up starts at the millisecond itself and re-reads its few rows.
  if (cursor) state.cursor = { relatedAt: cursor.relatedAt, id: "" };
  if (Date.now() - state.lastEviction > EVICT_EVERY_MS) evictOld(state, since.getTime());
  return state.index;
}

function evictOld(state: IndexState, since: number): void {
  for (const [id, storedAt] of state.storedAt) {
    if (storedAt < since) {
      state.index.remove(id);
      state.storedAt.delete(id);
    }
  }
  state.lastEviction = Date.now();
}

/** Forgets an insight the database no longer has (found when the index proposed it). */
export function forgetInsight(id: string): void {
  const state = globalForIndex.podbriefNeighbourIndex;
  state?.index.remove(id);
  state?.storedAt.delete(id);
}

/** Adds an insight just related, so the next search in this process finds it without a reload. */
export function rememberInsight(id: string, embedding: ArrayLike<number>, storedAt: Date): void {
  const state = globalForIndex.podbriefNeighbourIndex;
  if (!state || embedding.length !== state.dimensions) return;
  state.index.add(id, embedding);
  state.storedAt.set(id, storedAt.getTime());
  state.unsaved++;
}

function snapshotDir(): string {
  return path.join(getEnv().dataDir, "neighbour-index");
}

function fromSnapshot(embedderId: string, dimensions: number): IndexState | null {
  const snapshot = loadSnapshot(snapshotDir(), embedderId, dimensions);
  if (!snapshot) return null;
  try {
    const { meta } = snapshot;
    return {
      embedderId,
      dimensions,
      index: loadVectorIndex(snapshot.index),
      storedAt: new Map(meta.storedAt),
      cursor: meta.cursor && { relatedAt: new Date(meta.cursor.relatedAt), id: meta.cursor.id },
      lastEviction: 0,
      unsaved: 0,
    };
  } catch (error) {
    log.warn({ err: error }, "the saved neighbour index is damaged; rebuilding it from the database");
    return null;
  }
}

/** Saves this process's index when it has changed since the last save; the worker calls it hourly and on shutdown. */
export function saveNeighbourIndex(): boolean {
  const state = globalForIndex.podbriefNeighbourIndex;
  if (!state || state.unsaved === 0) return false;
  saveSnapshot(
    snapshotDir(),
    {
      embedderId: state.embedderId,
      dimensions: state.dimensions,
      cursor: state.cursor && { relatedAt: state.cursor.relatedAt.toISOString(), id: state.cursor.id },
      storedAt: [...state.storedAt],
    },
    state.index.serialize(),
  );
  state.unsaved = 0;
  return true;
}

/** Drops this process's index (tests, and re-embedding everything). */
export function resetNeighbourIndex(): void {
  globalForIndex.podbriefNeighbourIndex = undefined;
}
