/**
 * Nearest-neighbour search over insight embeddings, in process, so relating a new insight works the same on
 * PGlite and on a PostgreSQL server without pgvector. `createVectorIndex` gives the worker one index that scans
 * exactly while the set is small and moves to HNSW once a scan would cost more than walking the graph.
 */
import { EXACT_MAGIC, ExactIndex, type Neighbour, type VectorIndex, type VectorInput } from "./exact";
import { HnswIndex, type HnswOptions, type HnswSearchOptions } from "./hnsw";

export { ExactIndex, scanTopK, type Neighbour, type SearchOptions, type VectorIndex, type VectorInput } from "./exact";
export { HnswIndex, type HnswOptions, type HnswSearchOptions } from "./hnsw";

/**
 * Relating an insight is one search plus one add. A scan costs one dot product per stored vector and adding is
 * free; HNSW costs one to two thousand dot products, mostly in the add, whatever the size. Around 2,000 vectors
 * the two meet, so below it the exact answer is also the cheaper one.
 */
export const EXACT_BELOW = 2_000;

export type CreateVectorIndexOptions = Omit<HnswOptions, "capacity"> & {
  /** Size from which to use HNSW; by default EXACT_BELOW. */
  exactBelow?: number;
  /** How many vectors are about to be loaded, so the arrays are sized once. */
  expectedSize?: number;
};

/** An index that starts as an exact scan and turns itself into HNSW when it grows past `exactBelow`. */
export function createVectorIndex(options: CreateVectorIndexOptions): AdaptiveVectorIndex {
  return new AdaptiveVectorIndex(options);
}

/**
 * Reloads what `serialize()` wrote, whichever kind of index it was. `options` apply to an exact index that
 * later grows into HNSW; a saved HNSW index keeps the settings it was built with.
 */
export function loadVectorIndex(buffer: Buffer, options: Omit<CreateVectorIndexOptions, "dimensions" | "expectedSize"> = {}): AdaptiveVectorIndex {
  const inner = buffer.toString("latin1", 0, 4) === EXACT_MAGIC ? ExactIndex.deserialize(buffer) : HnswIndex.deserialize(buffer);
  return new AdaptiveVectorIndex({ ...options, dimensions: inner.dimensions }, inner);
}

export class AdaptiveVectorIndex implements VectorIndex {
  readonly dimensions: number;
  private inner: ExactIndex | HnswIndex;
  private readonly exactBelow: number;

  constructor(
    private readonly options: CreateVectorIndexOptions,
    inner?: ExactIndex | HnswIndex,
  ) {
    this.dimensions = options.dimensions;
    this.exactBelow = options.exactBelow ?? EXACT_BELOW;
    const expected = options.expectedSize ?? 0;
    this.inner =
      inner ??
      (expected >= this.exactBelow
        ? new HnswIndex({ ...options, capacity: expected })
        : new ExactIndex({ dimensions: options.dimensions, capacity: expected }));
  }

  /** Which search is answering now. */
  get kind(): "exact" | "hnsw" {
    return this.inner instanceof HnswIndex ? "hnsw" : "exact";
  }

  get size(): number {
    return this.inner.size;
  }

  has(id: string): boolean {
    return this.inner.has(id);
  }

  add(id: string, vector: VectorInput): void {
    this.inner.add(id, vector);
    if (this.inner instanceof ExactIndex && this.inner.size >= this.exactBelow) this.inner = this.toHnsw(this.inner);
  }

  remove(id: string): boolean {
    return this.inner.remove(id);
  }

  search(vector: VectorInput, k: number, options?: HnswSearchOptions): Neighbour[] {
    return this.inner.search(vector, k, options);
  }

  serialize(): Buffer {
    return this.inner.serialize();
  }

  private toHnsw(exact: ExactIndex): HnswIndex {
    const hnsw = new HnswIndex({ ...this.options, capacity: Math.max(exact.size * 2, this.options.expectedSize ?? 0) });
    for (const [id, vector] of exact.entries()) hnsw.add(id, vector);
    return hnsw;
  }
}
