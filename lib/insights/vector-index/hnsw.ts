/**
 * HNSW (Malkov & Yashunin, 2016): a layered proximity graph searched best-first from the top down, so a
 * search costs about log(n) hops, not a scan. One departure from the paper, `efUpper`, is explained where
 * declared. Memory is flat (vectors, bottom-layer links and upper-layer lists each in one typed array), as
 * a million 512-d vectors are 2 GB of floats alone and per-node objects would give the GC that much to
 * walk. One seeded generator: the same seed and calls build the same graph, byte for byte.
 */
import {
  SectionReader,
  align4,
  assertDimensions,
  assertLittleEndian,
  copyInto,
  dotProduct,
  encodeIds,
  grown,
  writeNormalized,
  type Neighbour,
  type SearchOptions,
  type VectorIndex,
  type VectorInput,
} from "./exact";

export type HnswOptions = {
  dimensions: number;
  /** Most links per node on the upper layers; the bottom layer allows twice as many. */
  m?: number;
  /** Candidates kept on the bottom layer while linking a new vector. More: a better graph, slower adds. */
  efConstruction?: number;
  /** Candidates kept on every layer while searching (at least k). More: better recall, slower searches. */
  efSearch?: number;
  /**
   * Candidates kept on the layers above the bottom one while linking a new vector, where the walk decides which
   * part of the graph to link it into. The paper keeps one. Insights fall into thousands of topics about equally
   * far from one another, and with one the walk often stops in the wrong topic; a graph linked that way cannot
   * be searched well at any efSearch.
   */
  efUpper?: number;
  seed?: number;
  /** Room for this many vectors before the arrays first have to grow. */
  capacity?: number;
};

/**
 * A filter that refuses most vectors makes a search walk further before it has k it may return (in the worst
 * case the whole graph); to keep a time window, remove what falls out of it rather than filtering it out.
 */
export type HnswSearchOptions = SearchOptions & {
  /** Overrides `efSearch` for this one search. */
  ef?: number;
};

/** Far above any layer a real index reaches (about log(n)/log(m), so 5 for a million vectors at m = 16). */
const MAX_LEVEL = 31;
/**
 * Below the customary 100: with `efUpper` choosing the region, fewer bottom-layer candidates keep recall
 * (`npm run bench:cluster` prints it) and make the build, which is all dot products, much faster.
 */
const DEFAULT_EF_CONSTRUCTION = 32;
const DEFAULT_EF_UPPER = 16;
const MAGIC = "PBHN";
const FORMAT_VERSION = 1;
const HEADER_BYTES = 56;

export class HnswIndex implements VectorIndex {
  readonly dimensions: number;
  readonly m: number;
  /** The bottom layer holds every node and does most of the work, so it gets twice the links (as in the paper). */
  readonly maxLinks0: number;
  readonly efConstruction: number;
  efSearch: number;
  readonly efUpper: number;
  readonly seed: number;

  private rngState: number;
  private readonly levelMultiplier: number;
  private capacity: number;
  private count = 0;
  private removedCount = 0;
  private entryPoint = -1;
  private maxLevel = -1;

  private vectors: Float32Array;
  private levels: Uint8Array;
  private removed: Uint8Array;
  /** Per node: [link count, link 1 .. link maxLinks0]. */
  private links0: Int32Array;
  private readonly stride0: number;
  /** Per node above layer 0: where its lists start in `upperLinks`, else -1. */
  private upperOffset: Int32Array;
  /** Per layer 1..level of such a node: [link count, link 1 .. link m]. */
  private upperLinks: Int32Array;
  private upperUsed = 0;
  private readonly strideUpper: number;

  private ids: string[] = [];
  private nodeOf = new Map<string, number>();

  // Scratch reused across calls: a search allocates nothing proportional to the index.
  private visited: Uint32Array;
  private visitMark = 0;
  private readonly candidates = new ScoreHeap();
  /** Keyed by minus the score, so its top is the worst result kept, the one to drop first. */
  private readonly results = new ScoreHeap();
  private layerNodes = new Int32Array(0);
  private layerScores = new Float64Array(0);
  private readonly chosen: Int32Array;
  private readonly pruneNodes: Int32Array;
  private readonly pruneScores: Float64Array;
  private readonly pruneKept: Int32Array;
  private readonly query: Float32Array;
  private readonly entry = new Int32Array(1);

  constructor(options: HnswOptions) {
    assertDimensions(options.dimensions);
    const m = options.m ?? 16;
    if (!Number.isInteger(m) || m < 2 || m > 256) throw new RangeError(`m must be an integer from 2 to 256, not ${m}.`);
    this.dimensions = options.dimensions;
    this.m = m;
    this.maxLinks0 = 2 * m;
    this.efConstruction = Math.max(positiveInteger("efConstruction", options.efConstruction ?? DEFAULT_EF_CONSTRUCTION), m);
    this.efSearch = positiveInteger("efSearch", options.efSearch ?? 64);
    this.efUpper = positiveInteger("efUpper", options.efUpper ?? DEFAULT_EF_UPPER);
    this.seed = (options.seed ?? 1) >>> 0;
    this.rngState = this.seed;
    this.levelMultiplier = 1 / Math.log(m);
    this.stride0 = this.maxLinks0 + 1;
    this.strideUpper = m + 1;

    this.capacity = Math.max(16, options.capacity ?? 0);
    this.vectors = new Float32Array(this.capacity * this.dimensions);
    this.levels = new Uint8Array(this.capacity);
    this.removed = new Uint8Array(this.capacity);
    this.links0 = new Int32Array(this.capacity * this.stride0);
    this.upperOffset = new Int32Array(this.capacity).fill(-1);
    this.upperLinks = new Int32Array(Math.max(64, Math.ceil(this.capacity / m) * this.strideUpper * 2));
    this.visited = new Uint32Array(this.capacity);

    this.chosen = new Int32Array(this.maxLinks0 + 1);
    this.pruneNodes = new Int32Array(this.maxLinks0 + 1);
    this.pruneScores = new Float64Array(this.maxLinks0 + 1);
    this.pruneKept = new Int32Array(this.maxLinks0 + 1);
    this.query = new Float32Array(this.dimensions);
  }

  get size(): number {
    return this.count - this.removedCount;
  }

  /** Removed vectors still in the graph: they keep it navigable until `compacted()` rebuilds without them. */
  get removedSize(): number {
    return this.removedCount;
  }

  /** Bytes held by the index's arrays (its allocated capacity, not only what is in use). */
  get byteLength(): number {
    return (
      this.vectors.byteLength +
      this.levels.byteLength +
      this.removed.byteLength +
      this.links0.byteLength +
      this.upperOffset.byteLength +
      this.upperLinks.byteLength +
      this.visited.byteLength
    );
  }

  has(id: string): boolean {
    return this.nodeOf.has(id);
  }

  /**
   * Adds a vector. Adding an id again with the same vector does nothing, so a job that runs twice leaves the
   * index as it was; with a different vector the old one is removed and the new one linked in.
   */
  add(id: string, vector: VectorInput): void {
    writeNormalized(this.query, 0, vector, this.dimensions);
    const existing = this.nodeOf.get(id);
    if (existing !== undefined) {
      if (this.storedEquals(existing, this.query)) return;
      this.remove(id);
    }
    if (this.count === this.capacity) this.grow();
    const node = this.count++;
    this.vectors.set(this.query, node * this.dimensions);
    this.ids.push(id);
    this.nodeOf.set(id, node);
    this.link(node);
  }

  remove(id: string): boolean {
    const node = this.nodeOf.get(id);
    if (node === undefined) return false;
    this.nodeOf.delete(id);
    this.removed[node] = 1;
    this.removedCount++;
    return true;
  }

  search(vector: VectorInput, k: number, options: HnswSearchOptions = {}): Neighbour[] {
    writeNormalized(this.query, 0, vector, this.dimensions);
    if (k <= 0 || this.size === 0) return [];
    const ef = Math.max(options.ef ?? this.efSearch, k);
    const [entries, entryCount] = this.descend(this.query, 0, 0, Math.max(ef, this.efUpper));
    const removed = this.removed;
    const filter = options.filter;
    const ids = this.ids;
    const accept = filter
      ? (node: number) => removed[node] === 0 && filter(ids[node]!)
      : this.removedCount > 0
        ? (node: number) => removed[node] === 0
        : null;
    const found = this.searchLayer(this.query, 0, entries, entryCount, ef, 0, accept);
    const neighbours: Neighbour[] = [];
    for (let i = 0; i < Math.min(found, k); i++) neighbours.push({ id: ids[this.layerNodes[i]!]!, score: this.layerScores[i]! });
    return neighbours;
  }

  /**
   * A new index holding only the vectors not removed, linked afresh in the order they were added. It costs a
   * full build, so it is worth doing when removed vectors are a sizeable part of the graph, not after each one.
   */
  compacted(): HnswIndex {
    const fresh = new HnswIndex({
      dimensions: this.dimensions,
      m: this.m,
      efConstruction: this.efConstruction,
      efSearch: this.efSearch,
      efUpper: this.efUpper,
      seed: this.seed,
      capacity: this.size,
    });
    for (let node = 0; node < this.count; node++) {
      if (this.removed[node] === 0) {
        fresh.add(this.ids[node]!, this.vectors.subarray(node * this.dimensions, (node + 1) * this.dimensions));
      }
    }
    return fresh;
  }

  /**
   * A header, then the ids, then each array as its little-endian bytes: reloading is a handful of copies,
   * not a rebuild. The generator's state is kept too, so additions after a reload stay deterministic.
   */
  serialize(): Buffer {
    assertLittleEndian();
    const count = this.count;
    const ids = encodeIds(this.ids);
    const idsEnd = HEADER_BYTES + ids.length;
    const levelsAt = align4(idsEnd);
    const removedAt = levelsAt + count;
    const upperOffsetAt = align4(removedAt + count);
    const vectorsAt = upperOffsetAt + 4 * count;
    const links0At = vectorsAt + 4 * count * this.dimensions;
    const upperAt = links0At + 4 * count * this.stride0;
    const out = Buffer.allocUnsafe(upperAt + 4 * this.upperUsed);
    // allocUnsafe leaves old memory in the alignment gaps; zero them so equal indexes give equal bytes.
    out.fill(0, idsEnd, levelsAt);
    out.fill(0, removedAt + count, upperOffsetAt);

    out.set(Buffer.from(MAGIC, "latin1"), 0);
    let offset = 4;
    for (const value of [
      FORMAT_VERSION,
      this.dimensions,
      this.m,
      this.efConstruction,
      this.efSearch,
      this.efUpper,
      this.seed,
      this.rngState >>> 0,
      count,
      this.removedCount,
      this.upperUsed,
    ]) {
      offset = out.writeUInt32LE(value, offset);
    }
    offset = out.writeInt32LE(this.entryPoint, offset);
    offset = out.writeInt32LE(this.maxLevel, offset);
    out.set(ids, offset);

    copyInto(out, levelsAt, this.levels, count);
    copyInto(out, removedAt, this.removed, count);
    copyInto(out, upperOffsetAt, this.upperOffset, count);
    copyInto(out, vectorsAt, this.vectors, count * this.dimensions);
    copyInto(out, links0At, this.links0, count * this.stride0);
    copyInto(out, upperAt, this.upperLinks, this.upperUsed);
    return out;
  }

  static deserialize(buffer: Buffer): HnswIndex {
    assertLittleEndian();
    if (buffer.length < HEADER_BYTES || buffer.toString("latin1", 0, 4) !== MAGIC) {
      throw new Error("Not a serialized HNSW index (wrong magic bytes).");
    }
    const reader = new SectionReader(buffer, 4);
    const version = reader.uint32();
    if (version !== FORMAT_VERSION) throw new Error(`HNSW index format ${version} is not supported (expected ${FORMAT_VERSION}).`);
    const dimensions = reader.uint32();
    const m = reader.uint32();
    const efConstruction = reader.uint32();
    const efSearch = reader.uint32();
    const efUpper = reader.uint32();
    const seed = reader.uint32();
    const rngState = reader.uint32();
    const count = reader.uint32();
    const removedCount = reader.uint32();
    const upperUsed = reader.uint32();
    const entryPoint = reader.int32();
    const maxLevel = reader.int32();

    const index = new HnswIndex({ dimensions, m, efConstruction, efSearch, efUpper, seed, capacity: count });
    index.rngState = rngState | 0;
    index.count = count;
    index.removedCount = removedCount;
    index.entryPoint = entryPoint;
    index.maxLevel = maxLevel;
    index.ids = reader.strings(count);
    reader.alignTo4();
    reader.into(index.levels, count);
    reader.into(index.removed, count);
    reader.alignTo4();
    reader.into(index.upperOffset, count);
    reader.into(index.vectors, count * dimensions);
    reader.into(index.links0, count * index.stride0);
    if (upperUsed > index.upperLinks.length) index.upperLinks = new Int32Array(upperUsed);
    reader.into(index.upperLinks, upperUsed);
    index.upperUsed = upperUsed;
    reader.end();
    index.assertConsistent();
    for (let node = 0; node < count; node++) {
      if (index.removed[node] === 0) index.nodeOf.set(index.ids[node]!, node);
    }
    return index;
  }

  /**
   * A damaged file whose links point past the end would make searches read outside the arrays and return
   * nonsense rather than fail, so the links are checked once on loading (a fraction of the time it takes).
   */
  private assertConsistent(): void {
    const fail = (what: string) => {
      throw new Error(`Serialized HNSW index is inconsistent: ${what}.`);
    };
    const count = this.count;
    if (count > 0 && (this.entryPoint < 0 || this.entryPoint >= count || this.maxLevel !== this.levels[this.entryPoint])) fail("entry point");
    if (this.removedCount > count) fail("removed count");
    for (let node = 0; node < count; node++) {
      const level = this.levels[node]!;
      if (level > this.maxLevel) fail(`node ${node} above the top layer`);
      const upperAt = this.upperOffset[node]!;
      if (level > 0 ? upperAt < 0 || upperAt + level * this.strideUpper > this.upperUsed : upperAt !== -1) fail(`node ${node} upper links`);
      for (let l = 0; l <= level; l++) {
        const [list, start] = this.linksAt(node, l);
        const links = list[start]!;
        if (links < 0 || links > (l === 0 ? this.maxLinks0 : this.m)) fail(`node ${node} link count`);
        for (let i = 1; i <= links; i++) {
          const neighbour = list[start + i]!;
          if (neighbour < 0 || neighbour >= count) fail(`node ${node} links outside the index`);
        }
      }
    }
  }

  // --- building the graph -------------------------------------------------------------------------------

  /** Links a node whose vector is already stored (Algorithm 1 of the paper). */
  private link(node: number): void {
    const level = this.randomLevel();
    this.levels[node] = level;
    this.links0[node * this.stride0] = 0;
    if (level > 0) {
      const needed = level * this.strideUpper;
      if (this.upperUsed + needed > this.upperLinks.length) {
        this.upperLinks = grown(this.upperLinks, Math.max(this.upperLinks.length * 2, this.upperUsed + needed));
      }
      this.upperOffset[node] = this.upperUsed;
      this.upperLinks.fill(0, this.upperUsed, this.upperUsed + needed);
      this.upperUsed += needed;
    } else {
      this.upperOffset[node] = -1;
    }

    if (this.entryPoint < 0) {
      this.entryPoint = node;
      this.maxLevel = level;
      return;
    }

    const vectors = this.vectors;
    const at = node * this.dimensions;
    let [entries, entryCount] = this.descend(vectors, at, level, this.efUpper);
    for (let l = Math.min(level, this.maxLevel); l >= 0; l--) {
      const found = this.searchLayer(vectors, at, entries, entryCount, this.efConstruction, l, null);
      const chosen = this.selectNeighbours(this.layerNodes, this.layerScores, found, this.m, this.chosen);
      const [list, start] = this.linksAt(node, l);
      for (let i = 0; i < chosen; i++) list[start + 1 + i] = this.chosen[i]!;
      list[start] = chosen;
      for (let i = 0; i < chosen; i++) this.addLink(this.chosen[i]!, node, l);
      entries = this.layerNodes;
      entryCount = found;
    }

    if (level > this.maxLevel) {
      this.maxLevel = level;
      this.entryPoint = node;
    }
  }

  /** Links `from` to `to` on a layer; a full list is re-chosen with the heuristic among its links and `to`. */
  private addLink(from: number, to: number, level: number): void {
    const [list, start] = this.linksAt(from, level);
    const limit = level === 0 ? this.maxLinks0 : this.m;
    const count = list[start]!;
    if (count < limit) {
      list[start + 1 + count] = to;
      list[start] = count + 1;
      return;
    }
    const vectors = this.vectors;
    const dimensions = this.dimensions;
    const at = from * dimensions;
    const nodes = this.pruneNodes;
    const scores = this.pruneScores;
    // Insertion sort, best first: at most 2m + 1 entries, and mostly in order already.
    for (let i = 0; i <= count; i++) {
      const candidate = i < count ? list[start + 1 + i]! : to;
      const score = dotProduct(vectors, at, vectors, candidate * dimensions, dimensions);
      let j = i;
      while (j > 0 && scores[j - 1]! < score) {
        scores[j] = scores[j - 1]!;
        nodes[j] = nodes[j - 1]!;
        j--;
      }
      scores[j] = score;
      nodes[j] = candidate;
    }
    const kept = this.selectNeighbours(nodes, scores, count + 1, limit, this.pruneKept);
    for (let i = 0; i < kept; i++) list[start + 1 + i] = this.pruneKept[i]!;
    list[start] = kept;
  }

  /**
   * The paper's neighbour heuristic (Algorithm 4): take candidates best first, but skip one that is closer to an
   * already chosen neighbour than to the node itself. On clustered data, which insights are, plain "closest m"
   * links all point into the node's own cluster and leave the graph badly connected between clusters.
   * `nodes`/`scores` must be sorted best first.
   */
  private selectNeighbours(nodes: Int32Array, scores: Float64Array, count: number, limit: number, out: Int32Array): number {
    const vectors = this.vectors;
    const dimensions = this.dimensions;
    let chosen = 0;
    for (let i = 0; i < count && chosen < limit; i++) {
      const candidate = nodes[i]!;
      const score = scores[i]!;
      const at = candidate * dimensions;
      let diverse = true;
      for (let j = 0; j < chosen; j++) {
        if (dotProduct(vectors, at, vectors, out[j]! * dimensions, dimensions) > score) {
          diverse = false;
          break;
        }
      }
      if (diverse) out[chosen++] = candidate;
    }
    return chosen;
  }

  private randomLevel(): number {
    const uniform = 1 - this.nextRandom();
    return Math.min(Math.floor(-Math.log(uniform) * this.levelMultiplier), MAX_LEVEL);
  }

  /** mulberry32: tiny, fast and good enough to draw layers; its one word of state goes into the file. */
  private nextRandom(): number {
    let t = (this.rngState = (this.rngState + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // --- searching ------------------------------------------------------------------------------------------

  /**
   * Walks down from the top layer to just above `level`, keeping `ef` candidates on each layer; each layer's
   * candidates are the next one's starting points, and the last ones are returned.
   */
  private descend(query: Float32Array, at: number, level: number, ef: number): [Int32Array, number] {
    this.entry[0] = this.entryPoint;
    let entries = this.entry;
    let entryCount = 1;
    for (let l = this.maxLevel; l > level; l--) {
      entryCount = this.searchLayer(query, at, entries, entryCount, ef, l, null);
      entries = this.layerNodes;
    }
    return [entries, entryCount];
  }

  /**
   * Best-first search of one layer keeping the `ef` best (Algorithm 2). Nodes that `accept` refuses (removed,
   * filtered out) are still walked through, as bridges, but never returned. Leaves the results best first in
   * `layerNodes`/`layerScores` and returns how many there are. `entries` may be `layerNodes` itself: it is
   * read before the results are written.
   */
  private searchLayer(
    query: Float32Array,
    at: number,
    entries: Int32Array,
    entryCount: number,
    ef: number,
    level: number,
    accept: ((node: number) => boolean) | null,
  ): number {
    const vectors = this.vectors;
    const dimensions = this.dimensions;
    const visited = this.visited;
    const mark = this.nextVisitMark();
    const candidates = this.candidates;
    const results = this.results;
    candidates.clear();
    results.clear();

    for (let i = 0; i < entryCount; i++) {
      const node = entries[i]!;
      if (visited[node] === mark) continue;
      visited[node] = mark;
      const score = dotProduct(query, at, vectors, node * dimensions, dimensions);
      candidates.push(score, node);
      if (accept === null || accept(node)) {
        results.push(-score, node);
        if (results.size > ef) results.pop();
      }
    }

    const links0 = this.links0;
    const stride0 = this.stride0;
    while (candidates.size > 0) {
      const closest = candidates.topKey();
      if (results.size >= ef && closest < -results.topKey()) break;
      const node = candidates.pop();
      let list: Int32Array;
      let start: number;
      if (level === 0) {
        list = links0;
        start = node * stride0;
      } else {
        [list, start] = this.linksAt(node, level);
      }
      const count = list[start]!;
      for (let i = 1; i <= count; i++) {
        const neighbour = list[start + i]!;
        if (visited[neighbour] === mark) continue;
        visited[neighbour] = mark;
        const score = dotProduct(query, at, vectors, neighbour * dimensions, dimensions);
        if (results.size < ef || score > -results.topKey()) {
          candidates.push(score, neighbour);
          if (accept === null || accept(neighbour)) {
            results.push(-score, neighbour);
            if (results.size > ef) results.pop();
          }
        }
      }
    }

    const found = results.size;
    if (this.layerNodes.length < found) {
      this.layerNodes = new Int32Array(Math.max(found, 2 * this.layerNodes.length));
      this.layerScores = new Float64Array(this.layerNodes.length);
    }
    // The heap gives the worst first, so fill from the back.
    for (let i = found - 1; i >= 0; i--) {
      this.layerScores[i] = -results.topKey();
      this.layerNodes[i] = results.pop();
    }
    return found;
  }

  // --- storage --------------------------------------------------------------------------------------------

  private linksAt(node: number, level: number): [Int32Array, number] {
    if (level === 0) return [this.links0, node * this.stride0];
    return [this.upperLinks, this.upperOffset[node]! + (level - 1) * this.strideUpper];
  }

  private storedEquals(node: number, vector: Float32Array): boolean {
    const at = node * this.dimensions;
    for (let i = 0; i < this.dimensions; i++) if (this.vectors[at + i] !== vector[i]) return false;
    return true;
  }

  /** Doubling keeps the copying to about one extra copy of everything over the index's life. */
  private grow(): void {
    this.capacity *= 2;
    this.vectors = grown(this.vectors, this.capacity * this.dimensions);
    this.levels = grown(this.levels, this.capacity);
    this.removed = grown(this.removed, this.capacity);
    this.links0 = grown(this.links0, this.capacity * this.stride0);
    const upperOffset = new Int32Array(this.capacity).fill(-1);
    upperOffset.set(this.upperOffset);
    this.upperOffset = upperOffset;
    this.visited = grown(this.visited, this.capacity);
  }

  private nextVisitMark(): number {
    if (this.visitMark === 0xffffffff) {
      this.visited.fill(0);
      this.visitMark = 0;
    }
    return ++this.visitMark;
  }
}

/** A binary max-heap of (score, node) pairs in typed arrays, so pushing and popping allocate nothing. */
class ScoreHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      this.keys = grown(this.keys, this.keys.length * 2);
      this.values = grown(this.values, this.values.length * 2);
    }
    const keys = this.keys;
    const values = this.values;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! >= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the top pair and returns its value. */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const size = --this.size;
    if (size === 0) return top;
    const key = keys[size]!;
    const value = values[size]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && keys[right]! > keys[left]! ? right : left;
      if (keys[child]! <= key) break;
      keys[i] = keys[child]!;
      values[i] = values[child]!;
      i = child;
    }
    keys[i] = key;
    values[i] = value;
    return top;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}.`);
  return value;
}
