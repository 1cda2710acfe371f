/**
 * The meaning half of search: the query embedded by the configured embedder, and the insights whose
 * stored vectors are nearest to it, found by the same neighbour search relating uses (pgvector's
 * HNSW index in the database, or this process's in-process index where the server has no pgvector).
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OFFLINE_EMBEDDER_ID, type Embedder } from "@/lib/insights/embeddings";
import { neighbourSearchFor } from "@/lib/insights/relate/neighbour-search";
import { caughtUpNeighbourIndex } from "@/lib/insights/relate/relate-episode";
import { nearestToVectorInDatabase, prepareDatabaseSearch } from "@/lib/insights/relate/vector-store";

/**
 * Below this similarity to the query an insight is not offered by meaning: the nearest insights to a
 * query about something no show discussed are still "nearest", and would fill the page with noise.
 * The offline value comes from `npm run eval:search` (labelled queries over the demo content); a
 * provider's is a guess until someone runs that eval with it.
 */
export function meaningFloorFor(embedderId: string): number {
  return embedderId === OFFLINE_EMBEDDER_ID ? OFFLINE_MEANING_FLOOR : PROVIDER_MEANING_FLOOR;
}
const OFFLINE_MEANING_FLOOR = 0.3;
const PROVIDER_MEANING_FLOOR = 0.3;

export type MeaningMatch = { id: string; score: number };

/** The search filters as `AND ...` over alias `i`; `narrows` is false when there are none. */
export type SearchScope = { where: Prisma.Sql; narrows: boolean };

/** Up to `k` insights nearest in meaning to `q` and at least the floor's similarity, best first, within `scope`. */
export async function rankByMeaning(embedder: Embedder, q: string, scope: SearchScope, k: number, floor = meaningFloorFor(embedder.id)): Promise<MeaningMatch[]> {
  const { where } = scope;
  const [vector] = await embedder.embed([q]);
  if (!vector || !vector.some((value) => value !== 0)) return [];
  let found: MeaningMatch[];
  if ((await neighbourSearchFor(embedder)) === "database") {
    found = await db.$transaction(async (tx) => {
      await prepareDatabaseSearch(tx);
      return nearestToVectorInDatabase(tx, { embedding: vector, embeddingModel: embedder.id, k, where });
    });
  } else {
    const index = await caughtUpNeighbourIndex(embedder);
    let allowed: Set<string> | undefined;
    if (scope.narrows) {
      const rows = await db.$queryRaw<{ id: string }[]>`SELECT i.id FROM insights i WHERE i.embedding_model = ${embedder.id} ${where}`;
      allowed = new Set(rows.map((row) => row.id));
    }
    found = index.search(vector, k, allowed ? { filter: (id) => allowed.has(id) } : {});
  }
  return found.map((match) => ({ id: match.id, score: Number(match.score) })).filter((match) => match.score >= floor);
}
