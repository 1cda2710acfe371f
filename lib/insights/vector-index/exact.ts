/**
 * Exact nearest neighbours by a full scan: the ground truth the HNSW index is measured against, and the index
 * itself while a set is small enough that scanning it is cheaper than keeping a graph. Also home to what both
 * indexes share: the vector checks, the dot product and the result shape.
 */
import os from "node:os";

/** Anything an embedding arrives as: the model's Float32Array, or numbers read back from JSON or the database. */
export type VectorInput = Float32Array | ArrayLike<number>;

/** One neighbour: `score` is the cosine similarity, 1 for the same direction. */
export type Neighbour = { id: string; score: number };

export type SearchOptions = {
  /** Only ids for which this returns true are returned (it may be called for ids that end up not in the top k). */
  filter?: (id: string) => boolean;
};

/** What the worker needs from an index, whichever kind it is. */
export interface VectorIndex {
  readonly dimensions: number;
  /** Vectors that can be found (removed ones do not count). */
  readonly size: number;
  has(id: string): boolean;
  /** Adds a vector, or replaces the one stored under this id. It is normalized, so scores are cosines. */
  add(id: string, vector: VectorInput): void;
  /** Returns false when the id was not there. */
  remove(id: string): boolean;
  /** The k most similar vectors, most similar first. */
  search(vector: VectorInput, k: number, options?: SearchOptions): Neighbour[];
  serialize(): Buffer;
}

/**
 * Writes `vector`, scaled to unit length, into `target` at `offset`. Embeddings should already be normalized;
 * normalizing again costs one pass and makes every score a true cosine whatever the caller hands in.
 */
export function writeNormalized(target: Float32Array, offset: number, vector: VectorInput, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new RangeError(`Vector has ${vector.length} dimensions; this index holds ${dimensions}-dimensional vectors.`);
  }
  let squares = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = vector[i]!;
    squares += value * value;
  }
  // A NaN or Infinity anywhere makes the sum non-finite, so one check covers every element.
  if (!Number.isFinite(squares)) throw new RangeError("Vector contains a value that is not a finite number.");
  if (squares === 0) throw new RangeError("Vector is all zeros; it has no direction to compare.");
  const scale = 1 / Math.sqrt(squares);
  for (let i = 0; i < dimensions; i++) target[offset + i] = vector[i]! * scale;
}

/**
 * Dot product of `length` floats of `a` from `aStart` and of `b` from `bStart`. Offsets rather than subarray
 * views, because a view is an allocation and this is the innermost loop. Eight products a step into four sums
 * lets V8 keep the additions independent: the fastest of the shapes tried.
 */
export function dotProduct(a: Float32Array, aStart: number, b: Float32Array, bStart: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const unrolledEnd = length - (length % 8);
  let i = 0;
  for (; i < unrolledEnd; i += 8) {
    const x = aStart + i;
    const y = bStart + i;
    s0 += a[x]! * b[y]! + a[x + 4]! * b[y + 4]!;
    s1 += a[x + 1]! * b[y + 1]! + a[x + 5]! * b[y + 5]!;
    s2 += a[x + 2]! * b[y + 2]! + a[x + 6]! * b[y + 6]!;
    s3 += a[x + 3]! * b[y + 3]! + a[x + 7]! * b[y + 7]!;
  }
  for (; i < length; i++) s0 += a[aStart + i]! * b[bStart + i]!;
  return s0 + s1 + s2 + s3;
}

/** A row of a flat vector store and its score; the store maps rows back to ids. */
export type ScoredRow = { row: number; score: number };

/**
 * The k rows of `vectors` (rows `0..rows-1`, each `dimensions` floats) most similar to `query`, best first.
 * `accept` is asked only about rows good enough to enter the top k, so an expensive filter stays cheap.
 * Exported on its own so a benchmark can score a large array in place instead of copying it into an index.
 */
export function scanTopK(
  vectors: Float32Array,
  rows: number,
  dimensions: number,
  query: Float32Array,
  k: number,
  accept?: (row: number) => boolean,
): ScoredRow[] {
  if (k <= 0) return [];
  // A min-heap of the best k so far: its root is the score a row must beat to get in.
  const heapScores = new Float64Array(k);
  const heapRows = new Int32Array(k);
  let size = 0;
  for (let row = 0; row < rows; row++) {
    const score = dotProduct(query, 0, vectors, row * dimensions, dimensions);
    if (size === k && score <= heapScores[0]!) continue;
    if (accept && !accept(row)) continue;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapScores[parent]! <= score) break;
        heapScores[i] = heapScores[parent]!;
        heapRows[i] = heapRows[parent]!;
        i = parent;
      }
      heapScores[i] = score;
      heapRows[i] = row;
    } else {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= k) break;
        const right = left + 1;
        const child = right < k && heapScores[right]! < heapScores[left]! ? right : left;
        if (heapScores[child]! >= score) break;
        heapScores[i] = heapScores[child]!;
        heapRows[i] = heapRows[child]!;
        i = child;
      }
      heapScores[i] = score;
      heapRows[i] = row;
    }
  }
  const found: ScoredRow[] = [];
  for (let i = 0; i < size; i++) found.push({ row: heapRows[i]!, score: heapScores[i]! });
  // Ties broken by row keep results the same from run to run.
  return found.sort((a, b) => b.score - a.score || a.row - b.row);
}

export const EXACT_MAGIC = "PBEX";
const FORMAT_VERSION = 1;

/**
 * Brute-force index. Removal moves the last vector into the freed row, so the scan never pays for removed
 * vectors and there is nothing to compact.
 */
export class ExactIndex implements VectorIndex {
  readonly dimensions: number;
  private vectors: Float32Array;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();
  private readonly query: Float32Array;

  constructor(options: { dimensions: number; capacity?: number }) {
    assertDimensions(options.dimensions);
    this.dimensions = options.dimensions;
    this.vectors = new Float32Array(Math.max(16, options.capacity ?? 0) * options.dimensions);
    this.query = new Float32Array(options.dimensions);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  add(id: string, vector: VectorInput): void {
    const existing = this.rowOf.get(id);
    const row = existing ?? this.ids.length;
    if (existing === undefined) {
      if ((row + 1) * this.dimensions > this.vectors.length) this.vectors = grown(this.vectors, this.vectors.length * 2);
      this.ids.push(id);
      this.rowOf.set(id, row);
    }
    writeNormalized(this.vectors, row * this.dimensions, vector, this.dimensions);
  }

  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    if (row !== last) {
      const lastId = this.ids[last]!;
      this.vectors.copyWithin(row * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.ids[row] = lastId;
      this.rowOf.set(lastId, row);
    }
    this.ids.pop();
    this.rowOf.delete(id);
    return true;
  }

  search(vector: VectorInput, k: number, options: SearchOptions = {}): Neighbour[] {
    writeNormalized(this.query, 0, vector, this.dimensions);
    const filter = options.filter;
    const accept = filter ? (row: number) => filter(this.ids[row]!) : undefined;
    return scanTopK(this.vectors, this.ids.length, this.dimensions, this.query, k, accept).map(({ row, score }) => ({
      id: this.ids[row]!,
      score,
    }));
  }

  /** Live vectors in storage order, for handing over to an HNSW index once the set outgrows a scan. */
  *entries(): Generator<[string, Float32Array]> {
    for (let row = 0; row < this.ids.length; row++) {
      yield [this.ids[row]!, this.vectors.subarray(row * this.dimensions, (row + 1) * this.dimensions)];
    }
  }

  /** Header, then ids as UTF-8 with their byte lengths, then the vectors as little-endian float32. */
  serialize(): Buffer {
    assertLittleEndian();
    const count = this.ids.length;
    const ids = encodeIds(this.ids);
    const vectorsOffset = align4(16 + ids.length);
    const out = Buffer.alloc(vectorsOffset + count * this.dimensions * 4);
    out.set(Buffer.from(EXACT_MAGIC, "latin1"), 0);
    out.writeUInt32LE(FORMAT_VERSION, 4);
    out.writeUInt32LE(this.dimensions, 8);
    out.writeUInt32LE(count, 12);
    out.set(ids, 16);
    copyInto(out, vectorsOffset, this.vectors, count * this.dimensions);
    return out;
  }

  static deserialize(buffer: Buffer): ExactIndex {
    assertLittleEndian();
    if (buffer.length < 16 || buffer.toString("latin1", 0, 4) !== EXACT_MAGIC) {
      throw new Error("Not a serialized exact vector index (wrong magic bytes).");
    }
    const version = buffer.readUInt32LE(4);
    if (version !== FORMAT_VERSION) throw new Error(`Exact vector index format ${version} is not supported (expected ${FORMAT_VERSION}).`);
    const dimensions = buffer.readUInt32LE(8);
    const count = buffer.readUInt32LE(12);
    const reader = new SectionReader(buffer, 16);
    const ids = reader.strings(count);
    const index = new ExactIndex({ dimensions, capacity: count });
    reader.alignTo4();
    reader.into(index.vectors, count * dimensions);
    reader.end();
    index.ids = ids;
    ids.forEach((id, row) => index.rowOf.set(id, row));
    return index;
  }
}

export function assertDimensions(dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`dimensions must be a positive integer, not ${dimensions}.`);
}

/** A copy of `array` with room for `length` elements. */
export function grown<T extends Float32Array | Float64Array | Int32Array | Uint8Array | Uint32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

export function align4(offset: number): number {
  return (offset + 3) & ~3;
}

/**
 * The files are the typed arrays' bytes as they sit in memory, which is little-endian on every platform Node
 * ships for that matters here; refuse rather than write a file another machine would misread.
 */
export function assertLittleEndian(): void {
  if (os.endianness() !== "LE") throw new Error("Vector index serialization needs a little-endian machine.");
}

/**
 * The ids section: each id's UTF-8 byte length, then the ids' bytes. Encoded into a buffer of its own and then
 * copied, because Node 20's `buf.write(string)` silently writes nothing into a Buffer over 2 GB, which is what
 * an index of a million 512-d vectors serializes to.
 */
export function encodeIds(ids: string[]): Buffer {
  const lengths = ids.map((id) => Buffer.byteLength(id, "utf8"));
  const section = Buffer.allocUnsafe(4 * ids.length + lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  for (const length of lengths) offset = section.writeUInt32LE(length, offset);
  for (const id of ids) offset += section.write(id, offset, "utf8");
  return section;
}

/** Copies the first `length` elements of a typed array into `out` at byte `offset`. */
export function copyInto(out: Buffer, offset: number, array: Float32Array | Int32Array | Uint8Array, length: number): void {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, length * array.BYTES_PER_ELEMENT);
  out.set(bytes, offset);
}

/** Reads the sections of a serialized index in order, failing clearly on a short or padded-out file. */
export class SectionReader {
  constructor(
    private readonly buffer: Buffer,
    public offset: number,
  ) {}

  private need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new Error("Serialized vector index is truncated.");
  }

  uint32(): number {
    this.need(4);
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  strings(count: number): string[] {
    const lengths: number[] = [];
    for (let i = 0; i < count; i++) lengths.push(this.uint32());
    const strings: string[] = [];
    for (const length of lengths) {
      this.need(length);
      strings.push(this.buffer.toString("utf8", this.offset, this.offset + length));
      this.offset += length;
    }
    return strings;
  }

  alignTo4(): void {
    this.offset = align4(this.offset);
  }

  /**
   * Copies the next `length` elements into `target` byte for byte: a Buffer read from disk need not start on a
   * 4-byte boundary, so viewing it as a Float32Array directly could throw.
   */
  into(target: Float32Array | Int32Array | Uint8Array, length: number): void {
    const bytes = length * target.BYTES_PER_ELEMENT;
    this.need(bytes);
    new Uint8Array(target.buffer, target.byteOffset, bytes).set(this.buffer.subarray(this.offset, this.offset + bytes));
    this.offset += bytes;
  }

  end(): void {
    if (this.offset !== this.buffer.length) throw new Error("Serialized vector index has unexpected bytes at the end.");
  }
}
