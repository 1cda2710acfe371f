import { beforeAll, describe, expect, it } from "vitest";
import { EXACT_BELOW, ExactIndex, HnswIndex, createVectorIndex, loadVectorIndex, type Neighbour } from "@/lib/insights/vector-index";

const DIMENSIONS = 512;

/**
 * Clustered vectors like insight embeddings: topic centres, each insight its centre moved within a few
 * directions of its own topic plus noise everywhere. Seeded, so every run sees the same vectors.
 */
function clusteredVectors(count: number, seed: number, dimensions = DIMENSIONS): Float32Array[] {
  const random = seededGaussian(seed);
  const topics = 60;
  const subspace = 8;
  const centres = Array.from({ length: topics }, () => Array.from({ length: dimensions }, () => random()));
  const bases = Array.from({ length: topics * subspace }, () => Array.from({ length: dimensions }, () => random() / Math.sqrt(dimensions)));
  const topicRandom = seededGaussian(seed + 1);
  return Array.from({ length: count }, () => {
    const topic = Math.floor(Math.abs(topicRandom() * 1e6)) % topics;
    const vector = new Float32Array(dimensions);
    const centre = centres[topic]!;
    for (let i = 0; i < dimensions; i++) vector[i] = centre[i]! / Math.sqrt(dimensions) + (0.5 * random()) / Math.sqrt(dimensions);
    for (let j = 0; j < subspace; j++) {
      const weight = 0.35 * random();
      const basis = bases[topic * subspace + j]!;
      for (let i = 0; i < dimensions; i++) vector[i]! += weight * basis[i]!;
    }
    return vector;
  });
}

function seededGaussian(seed: number): () => number {
  let state = seed | 0;
  const uniform = () => {
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function recallAt10(found: Neighbour[][], truth: Neighbour[][]): number {
  let hits = 0;
  found.forEach((neighbours, i) => {
    const expected = new Set(truth[i]!.map((neighbour) => neighbour.id));
    hits += neighbours.filter((neighbour) => expected.has(neighbour.id)).length;
  });
  return hits / (10 * found.length);
}

const unit = (...values: number[]) => {
  const vector = new Float32Array(DIMENSIONS);
  values.forEach((value, i) => (vector[i] = value));
  return vector;
};

describe("exact search", () => {
  it("returns the k most similar vectors, most similar first, scored by cosine", () => {
    const index = new ExactIndex({ dimensions: DIMENSIONS });
    index.add("east", unit(1, 0));
    index.add("north-east", unit(1, 1));
    index.add("north", unit(0, 1));
    index.add("west", unit(-1, 0));
    // Not unit length: the index normalizes, so the score is still the cosine.
    const found = index.search(unit(10, 0), 3);
    expect(found.map((neighbour) => neighbour.id)).toEqual(["east", "north-east", "north"]);
    expect(found[0]!.score).toBeCloseTo(1, 6);
    expect(found[1]!.score).toBeCloseTo(Math.SQRT1_2, 6);
    expect(found[2]!.score).toBeCloseTo(0, 6);
    expect(index.search(unit(1, 0), 10)).toHaveLength(4);
  });

  it("applies a filter, forgets removed vectors, and replaces a vector added again under the same id", () => {
    const index = new ExactIndex({ dimensions: DIMENSIONS });
    index.add("a", unit(1, 0));
    index.add("b", unit(1, 0.1));
    index.add("c", unit(0, 1));
    expect(index.search(unit(1, 0), 1, { filter: (id) => id !== "a" })[0]!.id).toBe("b");
    expect(index.remove("a")).toBe(true);
    expect(index.remove("a")).toBe(false);
    expect(index.size).toBe(2);
    expect(index.search(unit(1, 0), 3).map((neighbour) => neighbour.id)).toEqual(["b", "c"]);
    index.add("c", unit(1, 0));
    expect(index.size).toBe(2);
    expect(index.search(unit(1, 0), 1)[0]!.id).toBe("c");
  });

  it("survives a serialize and deserialize round trip", () => {
    const vectors = clusteredVectors(300, 5);
    const index = new ExactIndex({ dimensions: DIMENSIONS });
    vectors.forEach((vector, i) => index.add(`insight-${i}`, vector));
    index.remove("insight-7");
    const reloaded = ExactIndex.deserialize(index.serialize());
    expect(reloaded.size).toBe(299);
    for (const query of vectors.slice(0, 20)) expect(reloaded.search(query, 10)).toEqual(index.search(query, 10));
  });
});

describe("HNSW search on 5,000 clustered insight vectors", { timeout: 120_000 }, () => {
  const vectors = clusteredVectors(5_200, 42);
  const stored = vectors.slice(0, 5_000);
  const queries = vectors.slice(5_000);
  let hnsw: HnswIndex;
  let exact: ExactIndex;

  beforeAll(() => {
    hnsw = new HnswIndex({ dimensions: DIMENSIONS, seed: 7 });
    exact = new ExactIndex({ dimensions: DIMENSIONS });
    stored.forEach((vector, i) => {
      hnsw.add(`insight-${i}`, vector);
      exact.add(`insight-${i}`, vector);
    });
  });

  it("finds at least 95 % of the true 10 nearest neighbours", () => {
    const found = queries.map((query) => hnsw.search(query, 10));
    const truth = queries.map((query) => exact.search(query, 10));
    expect(found.every((neighbours) => neighbours.length === 10)).toBe(true);
    expect(found.every((neighbours) => neighbours.every((n, i) => i === 0 || n.score <= neighbours[i - 1]!.score))).toBe(true);
    expect(recallAt10(found, truth)).toBeGreaterThanOrEqual(0.95);
  });

  it("returns only ids the filter accepts, and still the right ones", () => {
    const evenOnly = (id: string) => Number(id.slice("insight-".length)) % 2 === 0;
    const found = queries.map((query) => hnsw.search(query, 10, { filter: evenOnly }));
    const truth = queries.map((query) => exact.search(query, 10, { filter: evenOnly }));
    expect(found.flat().every((neighbour) => evenOnly(neighbour.id))).toBe(true);
    expect(recallAt10(found, truth)).toBeGreaterThanOrEqual(0.95);
  });

  it("never returns a removed vector, and finds what is left", () => {
    const copy = HnswIndex.deserialize(hnsw.serialize());
    const removed = new Set<string>();
    for (const query of queries.slice(0, 50)) {
      for (const neighbour of copy.search(query, 5)) {
        copy.remove(neighbour.id);
        removed.add(neighbour.id);
      }
    }
    expect(copy.size).toBe(5_000 - removed.size);
    expect(copy.has([...removed][0]!)).toBe(false);
    expect(copy.remove([...removed][0]!)).toBe(false);
    const notRemoved = (id: string) => !removed.has(id);
    const found = queries.map((query) => copy.search(query, 10));
    expect(found.flat().some((neighbour) => removed.has(neighbour.id))).toBe(false);
    expect(recallAt10(found, queries.map((query) => exact.search(query, 10, { filter: notRemoved })))).toBeGreaterThanOrEqual(0.95);
  });

  it("gives identical results after serialize and deserialize, and keeps growing the same way", () => {
    const buffer = hnsw.serialize();
    const reloaded = HnswIndex.deserialize(buffer);
    expect(reloaded.size).toBe(hnsw.size);
    for (const query of queries) expect(reloaded.search(query, 10)).toEqual(hnsw.search(query, 10));
    // The same later additions to the original and to the reloaded copy give the same bytes.
    const original = HnswIndex.deserialize(buffer);
    queries.slice(0, 20).forEach((query, i) => {
      original.add(`new-${i}`, query);
      reloaded.add(`new-${i}`, query);
    });
    expect(reloaded.serialize().equals(original.serialize())).toBe(true);
  });

  it("rejects a buffer that is not an index, or is cut short", () => {
    const buffer = hnsw.serialize();
    expect(() => HnswIndex.deserialize(Buffer.from("not an index at all, just some text padding it out to length"))).toThrow(/magic/);
    expect(() => HnswIndex.deserialize(buffer.subarray(0, buffer.length - 100))).toThrow(/truncated/);
    const damaged = Buffer.from(buffer);
    damaged.writeInt32LE(999_999, 48); // the entry point, after the magic bytes and eleven header fields
    expect(() => HnswIndex.deserialize(damaged)).toThrow(/inconsistent: entry point/);
  });
});

describe("HNSW determinism and input checks", () => {
  const generated = clusteredVectors(850, 9);
  const vectors = generated.slice(0, 800);
  const queries = generated.slice(800);

  function build(seed: number): HnswIndex {
    const index = new HnswIndex({ dimensions: DIMENSIONS, seed });
    vectors.forEach((vector, i) => index.add(`insight-${i}`, vector));
    return index;
  }

  it("builds the same graph from the same seed and the same additions", () => {
    expect(build(3).serialize().equals(build(3).serialize())).toBe(true);
    expect(build(3).serialize().equals(build(4).serialize())).toBe(false);
  });

  it("compacts away removed vectors and still finds the same neighbours", () => {
    const index = build(3);
    const exact = new ExactIndex({ dimensions: DIMENSIONS });
    vectors.forEach((vector, i) => exact.add(`insight-${i}`, vector));
    for (let i = 0; i < 800; i += 3) {
      index.remove(`insight-${i}`);
      exact.remove(`insight-${i}`);
    }
    const compacted = index.compacted();
    expect(compacted.size).toBe(index.size);
    expect(compacted.removedSize).toBe(0);
    expect(index.byteLength).toBeGreaterThan(compacted.byteLength);
    const found = queries.map((query) => compacted.search(query, 10));
    expect(recallAt10(found, queries.map((query) => exact.search(query, 10)))).toBeGreaterThanOrEqual(0.95);
  });

  it("ignores an insight added twice with the same vector, and replaces it when the vector changed", () => {
    const index = build(3);
    const before = index.serialize();
    index.add("insight-0", vectors[0]!);
    expect(index.serialize().equals(before)).toBe(true);
    index.add("insight-0", vectors[1]!);
    expect(index.size).toBe(800);
    expect(index.removedSize).toBe(1);
    expect(index.search(vectors[1]!, 2).map((neighbour) => neighbour.id).sort()).toEqual(["insight-0", "insight-1"]);
  });

  it("says which dimensions it expected when a vector has the wrong number", () => {
    const index = build(3);
    const short = new Float32Array(384).fill(0.1);
    expect(() => index.add("short", short)).toThrow("Vector has 384 dimensions; this index holds 512-dimensional vectors.");
    expect(() => index.search(short, 10)).toThrow(/384 dimensions.*512-dimensional/);
    expect(() => new ExactIndex({ dimensions: DIMENSIONS }).add("short", [1, 2, 3])).toThrow(/3 dimensions/);
    expect(() => index.add("zero", new Float32Array(DIMENSIONS))).toThrow(/all zeros/);
    expect(() => index.add("nan", unit(Number.NaN, 1))).toThrow(/finite/);
    expect(index.has("short") || index.has("zero") || index.has("nan")).toBe(false);
  });
});

describe("createVectorIndex", () => {
  it("scans exactly while small, moves to HNSW past the threshold, and reloads as whichever it was", () => {
    const vectors = clusteredVectors(400, 11);
    const index = createVectorIndex({ dimensions: DIMENSIONS, exactBelow: 300, seed: 1 });
    vectors.slice(0, 299).forEach((vector, i) => index.add(`insight-${i}`, vector));
    expect(index.kind).toBe("exact");
    const whileExact = index.search(vectors[350]!, 10);
    expect(loadVectorIndex(index.serialize()).kind).toBe("exact");

    vectors.slice(299, 350).forEach((vector, i) => index.add(`insight-${299 + i}`, vector));
    expect(index.kind).toBe("hnsw");
    expect(index.size).toBe(350);
    const afterSwitch = index.search(vectors[350]!, 10, { filter: (id) => Number(id.slice("insight-".length)) < 299 });
    expect(recallAt10([afterSwitch], [whileExact])).toBeGreaterThanOrEqual(0.9);

    const reloaded = loadVectorIndex(index.serialize());
    expect(reloaded.kind).toBe("hnsw");
    expect(reloaded.search(vectors[351]!, 10)).toEqual(index.search(vectors[351]!, 10));
  });

  it("starts as HNSW when told a large set is coming", () => {
    expect(createVectorIndex({ dimensions: DIMENSIONS, expectedSize: EXACT_BELOW }).kind).toBe("hnsw");
    expect(createVectorIndex({ dimensions: DIMENSIONS, expectedSize: EXACT_BELOW - 1 }).kind).toBe("exact");
  });
});
