/**
 * Nearest-neighbour search in the database where it has pgvector (always on PGlite). Made at run time,
 * not by a migration: the same migrations must apply without pgvector, and the index is sized by the
 * configured embedder. Each step checks the catalog first, so a start with everything in place takes no
 * table lock. `insights.embedding` stays the truth; `embedding_vector` is a generated copy no writer
 * knows of, with a partial HNSW index per size, since HNSW needs a fixed size and models differ.
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** pgvector's HNSW indexes `vector` up to this many dimensions, and `halfvec` up to twice as many. */
const MAX_VECTOR_INDEX_DIMENSIONS = 2_000;
const MAX_HALFVEC_INDEX_DIMENSIONS = 4_000;
/** Serializes concurrent worker starts ("PBVS"). */
const ENSURE_LOCK = 0x50425653;
/**
 * Candidates the index walk keeps. It has to be at least the k asked for; the rest buys recall
 * (bench:cluster prints recall@10 for it).
 */
export const DATABASE_EF_SEARCH = 100;

export type VectorStoreStatus = { ready: true; index: string } | { ready: false; reason: string };

function indexShape(dimensions: number): { type: "vector" | "halfvec"; name: string } {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`dimensions must be a positive integer, not ${dimensions}`);
  // Halving precision above the vector limit only affects which candidates the walk finds; scores come from the full column.
  return { type: dimensions > MAX_VECTOR_INDEX_DIMENSIONS ? "halfvec" : "vector", name: `insights_embedding_hnsw_${dimensions}` };
}

/** The indexed expression; queries must spell it the same way for the planner to use the index. */
function indexedExpression(dimensions: number): Prisma.Sql {
  return Prisma.raw(`(embedding_vector::${indexShape(dimensions).type}(${dimensions}))`);
}

/** The partial index's predicate, as a literal: the planner matches a partial index only against literals. */
function sizePredicate(dimensions: number): Prisma.Sql {
  return Prisma.raw(`vector_dims(embedding_vector) = ${dimensions}`);
}

/**
 * Makes the vector column and the index for `dimensions`, when the database can have them. Says why
 * not otherwise; never throws for a missing or refused extension.
 */
export async function ensureVectorStore(client: PrismaClient, dimensions: number): Promise<VectorStoreStatus> {
  if (dimensions > MAX_HALFVEC_INDEX_DIMENSIONS) return { ready: false, reason: `pgvector cannot index ${dimensions}-dimensional vectors` };
  const { type, name } = indexShape(dimensions);
  return client.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${ENSURE_LOCK}::bigint)) AS lock`;
      const [extension] = await tx.$queryRaw<{ installed: boolean; available: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS installed,
               EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available`;
      if (!extension!.installed) {
        if (!extension!.available) return { ready: false, reason: "the database server has no pgvector extension" };
        // A refusal (no privilege) must not abort the transaction: try it behind a savepoint.
        await tx.$executeRawUnsafe("SAVEPOINT create_vector");
        try {
          await tx.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (error) {
          await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT create_vector");
          return { ready: false, reason: `CREATE EXTENSION vector failed: ${(error as Error).message}` };
        }
      }
      const [existing] = await tx.$queryRaw<{ hasColumn: boolean; hasIndex: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'insights' AND column_name = 'embedding_vector') AS "hasColumn",
               EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ${name}) AS "hasIndex"`;
      if (!existing!.hasColumn) {
        // An empty array has no vector (pgvector refuses zero dimensions); such rows are never searched.
        await tx.$executeRawUnsafe(
          "ALTER TABLE insights ADD COLUMN embedding_vector vector GENERATED ALWAYS AS (CASE WHEN cardinality(embedding) > 0 THEN embedding::vector END) STORED",
        );
      }
      if (!existing!.hasIndex) {
        await tx.$executeRaw`CREATE INDEX ${Prisma.raw(name)} ON insights USING hnsw (${indexedExpression(dimensions)} ${Prisma.raw(`${type}_cosine_ops`)}) WHERE ${sizePredicate(dimensions)}`;
      }
      return { ready: true, index: name };
    },
    // Building the index over an existing table is a one-time cost of the first start with pgvector.
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
}

/** A stored insight near the one being related, with what relating reads of it. */
export type StoredNeighbour = { id: string; score: number; episodeId: string; clusterId: string | null; headline: string; body: string };

export type NearestQuery = {
  embedding: ArrayLike<number>;
  embeddingModel: string;
  /** The insight itself, never its own neighbour. */
  excludeId: string;
  /** Its episode: the episode's insights not yet related are searched too, as the in-process index holds them. */
  episodeId: string;
  since: Date;
  k: number;
};

/** Per relate transaction: lets the walk go on past candidates the filters drop, so k are found when they exist. */
export async function prepareDatabaseSearch(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe("SET LOCAL hnsw.iterative_scan = strict_order");
  await tx.$executeRawUnsafe(`SET LOCAL hnsw.ef_search = ${DATABASE_EF_SEARCH}`);
}

/**
 * The k nearest insights by cosine among those relating may offer: the same embedding model, stored
 * within the window, and already related (or of the same episode). One index walk with the filters applied.
 */
export function nearestInDatabase(tx: Prisma.TransactionClient, query: NearestQuery): Promise<StoredNeighbour[]> {
  const dimensions = query.embedding.length;
  const literal = `[${Array.from(query.embedding).join(",")}]`;
  return tx.$queryRaw<StoredNeighbour[]>`
    SELECT id, episode_id AS "episodeId", cluster_id AS "clusterId", headline, body,
      1 - (embedding_vector <=> ${literal}::vector) AS score
    FROM insights
    WHERE ${sizePredicate(dimensions)}
      AND embedding_model = ${query.embeddingModel}
      AND created_at >= ${query.since}
      AND (related_at IS NOT NULL OR episode_id = ${query.episodeId})
      AND id <> ${query.excludeId}
    ORDER BY ${indexedExpression(dimensions)} <=> ${literal}::${Prisma.raw(`${indexShape(dimensions).type}(${dimensions})`)}
    LIMIT ${query.k}`;
}

/**
 * The k insights nearest a query vector (the search box's words, embedded) by cosine, among those of
 * `embeddingModel` that `where` admits (`AND ...` over alias `i`). Needs prepareDatabaseSearch's
 * settings in the same transaction so a narrow filter still yields k.
 */
export function nearestToVectorInDatabase(
  tx: Prisma.TransactionClient,
  query: { embedding: ArrayLike<number>; embeddingModel: string; k: number; where: Prisma.Sql },
): Promise<{ id: string; score: number }[]> {
  const dimensions = query.embedding.length;
  const literal = `[${Array.from(query.embedding).join(",")}]`;
  return tx.$queryRaw<{ id: string; score: number }[]>`
    SELECT i.id, 1 - (i.embedding_vector <=> ${literal}::vector) AS score
    FROM insights i
    WHERE ${sizePredicate(dimensions)} AND i.embedding_model = ${query.embeddingModel} ${query.where}
    ORDER BY ${indexedExpression(dimensions)} <=> ${literal}::${Prisma.raw(`${indexShape(dimensions).type}(${dimensions})`)}
    LIMIT ${query.k}`;
}
