/**
 * `npm run bench:cluster`: what relating a new insight costs once the index holds 100,000 and then 1,000,000
 * insights. For each size it generates synthetic insight embeddings, builds the HNSW index, and then for held-out
 * queries times "search the top 10 and add it" (what the worker does when an insight is stored), scores recall@10
 * against an exact scan, and reads memory. Then the same with pgvector in an embedded database (PGlite), the path
 * relating takes where the database has pgvector, and prints the two side by side. Each size and path runs in its
 * own child process so its memory figures are its own. Prints figures; nothing here passes or fails.
 *
 *   npm run bench:cluster -- --sizes 100000,1000000 --queries 1000
 *   (and --m, --ef-construction, --ef-upper, --ef-search to try other index settings than its defaults)
 */
import { fork } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { DATABASE_EF_SEARCH } from "@/lib/insights/relate/vector-store";
import { dotProduct, scanTopK } from "@/lib/insights/vector-index/exact";
import { HnswIndex, type HnswOptions } from "@/lib/insights/vector-index/hnsw";
import { printLoad } from "./load";

const DIMENSIONS = 512;
const K = 10;
const SEED = 20_240_601;

/**
 * The synthetic corpus. Sentence embeddings are not uniform on the sphere: they bunch by subject at several
 * scales, and near neighbours differ along few directions (low intrinsic dimension). So: broad themes
 * (politics, AI, health...), a few thousand topics drawn around them, popular topics far more common than the
 * rest, and each insight its topic's centre moved within a small subspace of its own topic plus some noise in
 * every direction. The constants were chosen so the similarities printed below land where Universal Sentence
 * Encoder scores of podcast insights do: unrelated pairs near 0.1, same-topic pairs near 0.5, nearest
 * neighbours 0.7 to 0.9. Uniform random vectors would make every point about equally far from every other,
 * which no real corpus looks like and which no index can search well.
 */
const THEMES = 64;
const TOPICS = 3000;
/** Sentence encoders put every sentence in one broad cone; this shared direction is why unrelated pairs score above 0. */
const COMMON_WEIGHT = 0.55;
const THEME_WEIGHT = 0.6;
const SUBSPACE = 8;
const SUBSPACE_SPREAD = 0.31;
const NOISE = 0.5;

type IndexSettings = Pick<HnswOptions, "m" | "efConstruction" | "efUpper" | "efSearch">;
type Settings = { index: IndexSettings; queries: number; exactQueries: number | null };

type SizeResult = {
  size: number;
  generateSeconds: number;
  buildSeconds: number;
  relateMs: { p50: number; p95: number; mean: number; searchMean: number; addMean: number };
  recall: number;
  recallQueries: number;
  scanMs: number;
  efSweep: { ef: number; recall: number; searchMs: number }[];
  similarity: { randomPair: number; sameTopic: number; top1: number; top10: number };
  memory: { rssBefore: number; rssAfter: number; heapUsed: number; arrayBuffers: number; indexBytes: number; capacityVectors: number };
  serialized: { bytes: number; serializeMs: number; deserializeMs: number; sameResults: boolean };
};

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,1000000" },
    queries: { type: "string", default: "1000" },
    m: { type: "string" },
    "ef-construction": { type: "string" },
    "ef-upper": { type: "string" },
    "ef-search": { type: "string" },
    // How many queries get an exact scan for recall; by default all at 100,000 and 200 at a million.
    "exact-queries": { type: "string" },
    child: { type: "string" },
    "pgvector-child": { type: "string" },
  },
});

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));
const settings: Settings = {
  index: {
    m: optionalNumber(flags.m),
    efConstruction: optionalNumber(flags["ef-construction"]),
    efUpper: optionalNumber(flags["ef-upper"]),
    efSearch: optionalNumber(flags["ef-search"]),
  },
  queries: Number(flags.queries),
  exactQueries: flags["exact-queries"] === undefined ? null : Number(flags["exact-queries"]),
};

async function main(): Promise<void> {
  const sizes = flags.sizes.split(",").map((size) => Number(size.replaceAll("_", "")));
  const used = new HnswIndex({ dimensions: DIMENSIONS, ...settings.index });
  console.log(
    `Insight neighbour search: ${DIMENSIONS}-d vectors, ${TOPICS} topics in ${THEMES} themes; HNSW m=${used.m}, ` +
      `efConstruction=${used.efConstruction}, efUpper=${used.efUpper}, efSearch=${used.efSearch}; ${settings.queries} held-out queries; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
  );
  const results: SizeResult[] = [];
  const inDatabase: PgvectorResult[] = [];
  for (const size of sizes) {
    console.log(`\n== ${size.toLocaleString("en-US")} vectors, in-process HNSW`);
    results.push(await runChild<SizeResult>(size, "--child"));
    console.log(`\n== ${size.toLocaleString("en-US")} vectors, pgvector HNSW in PGlite`);
    inDatabase.push(await runChild<PgvectorResult>(size, "--pgvector-child"));
  }
  report(results);
  reportSideBySide(results, inDatabase);
}

/** Runs one size in a fresh process: the same script, the same tsx loader and heap flags, and `flag`. */
function runChild<T>(size: number, flag: "--child" | "--pgvector-child"): Promise<T> {
  const childFlags = new Set(["--child", "--pgvector-child"]);
  const args = process.argv.slice(2).filter((arg, i, all) => !childFlags.has(arg) && !childFlags.has(all[i - 1]!));
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, [...args, flag, String(size)], { stdio: "inherit" });
    let result: T | undefined;
    child.on("message", (message) => (result = message as T));
    child.on("error", reject);
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`Benchmark for ${size} exited with code ${code}.`))));
  });
}

/** The base vectors then the held-out queries, in one array, so an exact scan of "everything indexed so far" is a scan of its first rows. */
function generate(size: number, queryCount: number): { vectors: Float32Array; topicOf: Int32Array; seconds: number } {
  const started = performance.now();
  const corpus = new Corpus(SEED);
  const vectors = new Float32Array((size + queryCount) * DIMENSIONS);
  const topicOf = new Int32Array(size + queryCount);
  const baseStream = corpus.stream(1);
  for (let row = 0; row < size; row++) topicOf[row] = baseStream.next(vectors, row * DIMENSIONS);
  // The queries come from their own stream, so every size is asked the same questions.
  const queryStream = corpus.stream(2);
  for (let row = size; row < size + queryCount; row++) topicOf[row] = queryStream.next(vectors, row * DIMENSIONS);
  const seconds = (performance.now() - started) / 1000;
  console.log(`generated ${size.toLocaleString("en-US")} + ${queryCount} vectors in ${seconds.toFixed(1)} s`);
  return { vectors, topicOf, seconds };
}

/** Exact answers over the base vectors for a sample of the queries, and what one such scan costs. */
function exactAnswers(vectors: Float32Array, size: number, settings: Settings) {
  const queryCount = settings.queries;
  const exactQueries = Math.min(queryCount, settings.exactQueries ?? Math.max(100, Math.round(2e8 / size)));
  const exactEvery = queryCount / exactQueries;
  const exactRows = Array.from({ length: exactQueries }, (_, i) => Math.floor(i * exactEvery));
  const baseTruth = new Map<number, { row: number; score: number }[]>();
  let scanMs = 0;
  for (const q of exactRows) {
    const query = vectors.subarray((size + q) * DIMENSIONS, (size + q + 1) * DIMENSIONS);
    const t = performance.now();
    baseTruth.set(q, scanTopK(vectors, size, DIMENSIONS, query, K));
    scanMs += performance.now() - t;
  }
  scanMs /= exactQueries;
  console.log(`exact scan of ${exactQueries} queries: ${scanMs.toFixed(1)} ms each`);
  return { exactQueries, exactRows, baseTruth, scanMs };
}

type RelateTimes = { p50: number; p95: number; mean: number; searchMean: number; addMean: number };

/**
 * The worker's step for each held-out query, timed: search the top 10, then add the new insight. Recall is
 * scored on the sampled queries, against the base truth merged with the queries added before.
 */
async function timeRelating(
  vectors: Float32Array,
  size: number,
  queryCount: number,
  exactRows: number[],
  baseTruth: Map<number, { row: number; score: number }[]>,
  step: { search: (q: number, query: Float32Array) => string[] | Promise<string[]>; add: (q: number, query: Float32Array) => void | Promise<void> },
): Promise<{ relateMs: RelateTimes; recall: number }> {
  const relate: number[] = [];
  let searchTotal = 0;
  let addTotal = 0;
  let hits = 0;
  const sampled = new Set(exactRows);
  for (let q = 0; q < queryCount; q++) {
    const query = vectors.subarray((size + q) * DIMENSIONS, (size + q + 1) * DIMENSIONS);
    const t0 = performance.now();
    const found = await step.search(q, query);
    const t1 = performance.now();
    await step.add(q, query);
    const t2 = performance.now();
    relate.push(t2 - t0);
    searchTotal += t1 - t0;
    addTotal += t2 - t1;
    if (sampled.has(q)) hits += overlap(found.map((id) => rowOfId(id, size)), truthAfterAdds(vectors, size, q, baseTruth));
  }
  relate.sort((a, b) => a - b);
  const relateMs = {
    p50: percentile(relate, 0.5),
    p95: percentile(relate, 0.95),
    mean: relate.reduce((sum, ms) => sum + ms, 0) / relate.length,
    searchMean: searchTotal / queryCount,
    addMean: addTotal / queryCount,
  };
  const recall = hits / (K * exactRows.length);
  console.log(`relate: p50 ${relateMs.p50.toFixed(2)} ms, p95 ${relateMs.p95.toFixed(2)} ms; recall@10 ${recall.toFixed(3)}`);
  return { relateMs, recall };
}

/** The true top 10 for query q once the queries before it were added: the base truth merged with those. */
function truthAfterAdds(vectors: Float32Array, size: number, q: number, baseTruth: Map<number, { row: number; score: number }[]>) {
  const query = vectors.subarray((size + q) * DIMENSIONS, (size + q + 1) * DIMENSIONS);
  const added = scanTopK(vectors.subarray(size * DIMENSIONS), q, DIMENSIONS, query, K).map(({ row: r, score }) => ({ row: size + r, score }));
  return [...baseTruth.get(q)!, ...added].sort((a, b) => b.score - a.score).slice(0, K);
}

async function runSize(size: number, settings: Settings): Promise<SizeResult> {
  const queryCount = settings.queries;
  const rssBeforeData = process.memoryUsage().rss;
  const { vectors, topicOf, seconds: generateSeconds } = generate(size, queryCount);

  const rssBefore = process.memoryUsage().rss;
  const index = new HnswIndex({ dimensions: DIMENSIONS, ...settings.index, seed: SEED });
  const started = performance.now();
  const progressEvery = Math.max(1, Math.round(size / 10));
  for (let row = 0; row < size; row++) {
    index.add(`v${row}`, vectors.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS));
    if ((row + 1) % progressEvery === 0 && row + 1 < size) {
      const seconds = (performance.now() - started) / 1000;
      console.log(`  built ${(row + 1).toLocaleString("en-US")} in ${seconds.toFixed(0)} s (${Math.round((row + 1) / seconds).toLocaleString("en-US")}/s)`);
    }
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const afterBuild = process.memoryUsage();
  console.log(`built in ${buildSeconds.toFixed(1)} s (${Math.round(size / buildSeconds).toLocaleString("en-US")} vectors/s)`);

  // The cost of an exact scan is what the index saves.
  const { exactQueries, exactRows, baseTruth, scanMs } = exactAnswers(vectors, size, settings);

  const similarity = measureSimilarity(vectors, size, topicOf, baseTruth);

  // Search only, against the base vectors: how recall and time move with efSearch.
  const efSweep = [16, 32, 64, 128, 256, 512].map((ef) => {
    let hits = 0;
    let ms = 0;
    for (const q of exactRows) {
      const query = vectors.subarray((size + q) * DIMENSIONS, (size + q + 1) * DIMENSIONS);
      const t = performance.now();
      const found = index.search(query, K, { ef });
      ms += performance.now() - t;
      hits += overlap(found.map((neighbour) => rowOfId(neighbour.id, size)), baseTruth.get(q)!);
    }
    return { ef, recall: hits / (K * exactQueries), searchMs: ms / exactQueries };
  });

  const { relateMs, recall } = await timeRelating(vectors, size, queryCount, exactRows, baseTruth, {
    search: (_q, query) => index.search(query, K).map((neighbour) => neighbour.id),
    add: (q, query) => index.add(`q${q}`, query),
  });

  let t = performance.now();
  const buffer = index.serialize();
  const serializeMs = performance.now() - t;
  t = performance.now();
  const reloaded = HnswIndex.deserialize(buffer);
  const deserializeMs = performance.now() - t;
  const sameResults = exactRows.slice(0, 20).every((q) => {
    const query = vectors.subarray((size + q) * DIMENSIONS, (size + q + 1) * DIMENSIONS);
    return JSON.stringify(index.search(query, K)) === JSON.stringify(reloaded.search(query, K));
  });

  return {
    size,
    generateSeconds,
    buildSeconds,
    relateMs,
    recall,
    recallQueries: exactQueries,
    scanMs,
    efSweep,
    similarity,
    memory: {
      rssBefore: rssBefore - rssBeforeData,
      rssAfter: afterBuild.rss - rssBefore,
      heapUsed: afterBuild.heapUsed,
      arrayBuffers: afterBuild.arrayBuffers,
      indexBytes: index.byteLength,
      capacityVectors: index.byteLength / size,
    },
    serialized: { bytes: buffer.length, serializeMs, deserializeMs, sameResults },
  };
}

/** The seeded generator of synthetic insight embeddings described at the top. */
class Corpus {
  private readonly topicCentres = new Float32Array(TOPICS * DIMENSIONS);
  private readonly topicBases = new Float32Array(TOPICS * SUBSPACE * DIMENSIONS);
  /** Cumulative topic weights: popularity falls off as 1/(rank + 30), so a few topics are common, most rare. */
  private readonly cumulative = new Float64Array(TOPICS);

  constructor(private readonly seed: number) {
    const random = new Gaussian(seed);
    const common = new Float32Array(DIMENSIONS);
    for (let i = 0; i < DIMENSIONS; i++) common[i] = random.next();
    normalize(common, 0);
    const themes = new Float32Array(THEMES * DIMENSIONS);
    for (let i = 0; i < themes.length; i++) themes[i] = random.next();
    for (let theme = 0; theme < THEMES; theme++) normalize(themes, theme * DIMENSIONS);
    for (let topic = 0; topic < TOPICS; topic++) {
      const theme = topic % THEMES;
      const at = topic * DIMENSIONS;
      for (let i = 0; i < DIMENSIONS; i++) {
        this.topicCentres[at + i] =
          COMMON_WEIGHT * common[i]! + THEME_WEIGHT * themes[theme * DIMENSIONS + i]! + random.next() / Math.sqrt(DIMENSIONS);
      }
      normalize(this.topicCentres, at);
    }
    for (let i = 0; i < this.topicBases.length; i++) this.topicBases[i] = random.next() / Math.sqrt(DIMENSIONS);
    let total = 0;
    for (let topic = 0; topic < TOPICS; topic++) this.cumulative[topic] = total += 1 / (topic + 30);
    for (let topic = 0; topic < TOPICS; topic++) this.cumulative[topic] = this.cumulative[topic]! / total;
  }

  stream(stream: number): { next: (target: Float32Array, at: number) => number } {
    const random = new Gaussian(this.seed * 31 + stream);
    const weights = new Float64Array(SUBSPACE);
    return {
      next: (target, at) => {
        const topic = this.pickTopic(random.uniform());
        const centre = topic * DIMENSIONS;
        for (let j = 0; j < SUBSPACE; j++) weights[j] = random.next() * SUBSPACE_SPREAD;
        const noise = NOISE / Math.sqrt(DIMENSIONS);
        for (let i = 0; i < DIMENSIONS; i++) target[at + i] = this.topicCentres[centre + i]! + random.next() * noise;
        for (let j = 0; j < SUBSPACE; j++) {
          const basis = (topic * SUBSPACE + j) * DIMENSIONS;
          const weight = weights[j]!;
          for (let i = 0; i < DIMENSIONS; i++) target[at + i]! += weight * this.topicBases[basis + i]!;
        }
        normalize(target, at);
        return topic;
      },
    };
  }

  private pickTopic(uniform: number): number {
    let low = 0;
    let high = TOPICS - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! < uniform) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** mulberry32 for uniforms, Box-Muller for normals (keeping the second of each pair). */
class Gaussian {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  next(): number {
    if (this.spare !== null) {
      const spare = this.spare;
      this.spare = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

function normalize(vectors: Float32Array, at: number): void {
  let squares = 0;
  for (let i = 0; i < DIMENSIONS; i++) squares += vectors[at + i]! ** 2;
  const scale = 1 / Math.sqrt(squares);
  for (let i = 0; i < DIMENSIONS; i++) vectors[at + i]! *= scale;
}

/** Mean cosine of random pairs and of same-topic pairs, and of the exact top 1 and top 10 of the queries. */
function measureSimilarity(
  vectors: Float32Array,
  size: number,
  topicOf: Int32Array,
  truth: Map<number, { row: number; score: number }[]>,
): SizeResult["similarity"] {
  const random = new Gaussian(SEED + 7);
  const pick = () => Math.floor(random.uniform() * size);
  let randomPair = 0;
  const pairs = 20_000;
  for (let i = 0; i < pairs; i++) randomPair += dotProduct(vectors, pick() * DIMENSIONS, vectors, pick() * DIMENSIONS, DIMENSIONS);
  // Same-topic pairs: walk the rows and pair each with the previous row seen from its topic.
  const lastOfTopic = new Map<number, number>();
  let sameTopic = 0;
  let samePairs = 0;
  for (let row = 0; row < size && samePairs < pairs; row++) {
    const previous = lastOfTopic.get(topicOf[row]!);
    if (previous !== undefined) {
      sameTopic += dotProduct(vectors, row * DIMENSIONS, vectors, previous * DIMENSIONS, DIMENSIONS);
      samePairs++;
    }
    lastOfTopic.set(topicOf[row]!, row);
  }
  const answers = [...truth.values()];
  const top1 = answers.reduce((sum, found) => sum + (found[0]?.score ?? 0), 0) / answers.length;
  const top10 = answers.reduce((sum, found) => sum + (found.at(-1)?.score ?? 0), 0) / answers.length;
  return { randomPair: randomPair / pairs, sameTopic: sameTopic / Math.max(1, samePairs), top1, top10 };
}

function rowOfId(id: string, size: number): number {
  return id.startsWith("q") ? size + Number(id.slice(1)) : Number(id.slice(1));
}

function overlap(found: number[], truth: { row: number }[]): number {
  const expected = new Set(truth.map(({ row }) => row));
  return found.filter((row) => expected.has(row)).length;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

function report(results: SizeResult[]): void {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const fixed = (digits: number) => (value: number) => value.toFixed(digits);
  const int = (value: number) => Math.round(value).toLocaleString("en-US");
  const lines: [string, (result: SizeResult) => string][] = [
    ["build time", (r) => `${r.buildSeconds.toFixed(1)} s`],
    ["build rate (vectors/s)", (r) => int(r.size / r.buildSeconds)],
    ["relate one insight p50 (ms)", (r) => fixed(2)(r.relateMs.p50)],
    ["relate one insight p95 (ms)", (r) => fixed(2)(r.relateMs.p95)],
    ["relate one insight mean (ms)", (r) => fixed(2)(r.relateMs.mean)],
    ["  of which search top 10 (ms)", (r) => fixed(2)(r.relateMs.searchMean)],
    ["  of which add (ms)", (r) => fixed(2)(r.relateMs.addMean)],
    ["recall@10 vs exact", (r) => `${r.recall.toFixed(3)} (${r.recallQueries} q)`],
    ["exact full scan, one query (ms)", (r) => fixed(1)(r.scanMs)],
    ["RSS of the data (MB)", (r) => mb(r.memory.rssBefore)],
    ["RSS added by the index", (r) => mb(r.memory.rssAfter)],
    ["RSS added per vector (bytes)", (r) => int(r.memory.rssAfter / r.size)],
    ["index arrays (allocated)", (r) => mb(r.memory.indexBytes)],
    ["index arrays per vector (bytes)", (r) => int(r.memory.capacityVectors)],
    ["JS heap used", (r) => mb(r.memory.heapUsed)],
    ["array buffers (data + index)", (r) => mb(r.memory.arrayBuffers)],
    ["serialized size", (r) => mb(r.serialized.bytes)],
    ["serialize / deserialize (ms)", (r) => `${int(r.serialized.serializeMs)} / ${int(r.serialized.deserializeMs)}`],
    ["reloaded index, same results", (r) => (r.serialized.sameResults ? "yes" : "NO")],
    ["cosine: random pair", (r) => fixed(3)(r.similarity.randomPair)],
    ["cosine: same-topic pair", (r) => fixed(3)(r.similarity.sameTopic)],
    ["cosine: exact 1st / 10th neighbour", (r) => `${fixed(3)(r.similarity.top1)} / ${fixed(3)(r.similarity.top10)}`],
  ];
  const width = 36;
  const column = 22;
  console.log("");
  console.log("".padEnd(width) + results.map((r) => r.size.toLocaleString("en-US").padStart(column)).join(""));
  for (const [label, value] of lines) console.log(label.padEnd(width) + results.map((r) => value(r).padStart(column)).join(""));
  console.log("\nsearch only, by efSearch: recall@10 / mean ms");
  for (const [i, { ef }] of (results[0]?.efSweep ?? []).entries()) {
    console.log(
      `  ef ${String(ef).padEnd(width - 5)}` +
        results.map((r) => `${r.efSweep[i]!.recall.toFixed(3)} / ${r.efSweep[i]!.searchMs.toFixed(2)}`.padStart(column)).join(""),
    );
  }
}

type PgvectorResult = {
  size: number;
  loadSeconds: number;
  buildSeconds: number;
  relateMs: RelateTimes;
  recall: number;
  recallQueries: number;
  memory: { workerHeap: number; databaseRss: number; indexBytes: number; tableBytes: number };
};

/**
 * The pgvector path on an embedded database: the insights table's vector column and index as
 * lib/insights/relate/vector-store.ts makes them, loaded with the same vectors, then for each held-out query
 * the worker's step: the filtered nearest-neighbour query, then storing the new insight. Here the database
 * runs inside this process, so its RSS is the database's; a worker holds nothing but its connection.
 */
async function runPgvectorSize(size: number, settings: Settings): Promise<PgvectorResult> {
  const queryCount = settings.queries;
  const { vectors } = generate(size, queryCount);
  const { exactQueries, exactRows, baseTruth } = exactAnswers(vectors, size, settings);
  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  const rssBefore = process.memoryUsage().rss;
  const db = await PGlite.create({ extensions: { vector } });
  await db.exec(`
    CREATE EXTENSION vector;
    CREATE TABLE insights (
      id text PRIMARY KEY, episode_id text NOT NULL, embedding double precision[] NOT NULL, embedding_model text,
      created_at timestamptz NOT NULL DEFAULT now(), related_at timestamptz DEFAULT now());
    ALTER TABLE insights ADD COLUMN embedding_vector vector
      GENERATED ALWAYS AS (CASE WHEN cardinality(embedding) > 0 THEN embedding::vector END) STORED;`);
  const row = (id: string, at: number) => {
    const values = Array.from(vectors.subarray(at * DIMENSIONS, (at + 1) * DIMENSIONS), (value) => value.toPrecision(9));
    return `('${id}', 'e${id}', '{${values.join(",")}}', 'bench')`;
  };
  let started = performance.now();
  const batch = 500;
  for (let from = 0; from < size; from += batch) {
    const rows = Array.from({ length: Math.min(batch, size - from) }, (_, i) => row(`v${from + i}`, from + i));
    await db.exec(`INSERT INTO insights (id, episode_id, embedding, embedding_model) VALUES ${rows.join(",")}`);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(`loaded ${size.toLocaleString("en-US")} rows in ${loadSeconds.toFixed(1)} s`);
  started = performance.now();
  // Room for the whole graph while building: past maintenance_work_mem pgvector builds far more slowly.
  await db.exec(`SET maintenance_work_mem = '1GB'`);
  await db.exec(
    `CREATE INDEX insights_embedding_hnsw_${DIMENSIONS} ON insights USING hnsw ((embedding_vector::vector(${DIMENSIONS})) vector_cosine_ops) WHERE vector_dims(embedding_vector) = ${DIMENSIONS}`,
  );
  const buildSeconds = (performance.now() - started) / 1000;
  console.log(`built in ${buildSeconds.toFixed(1)} s (${Math.round(size / buildSeconds).toLocaleString("en-US")} vectors/s)`);
  await db.exec(`SET hnsw.iterative_scan = strict_order; SET hnsw.ef_search = ${DATABASE_EF_SEARCH}`);

  const since = new Date(Date.now() - 180 * 86_400_000).toISOString();
  const nearest = `
    SELECT id, 1 - (embedding_vector <=> $1::vector) AS score FROM insights
    WHERE vector_dims(embedding_vector) = ${DIMENSIONS} AND embedding_model = 'bench' AND created_at >= $2
      AND (related_at IS NOT NULL OR episode_id = $3) AND id <> $3
    ORDER BY embedding_vector::vector(${DIMENSIONS}) <=> $1::vector(${DIMENSIONS}) LIMIT ${K}`;
  const plan = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN ${nearest}`, [`[${Array.from(vectors.subarray(0, DIMENSIONS)).join(",")}]`, since, "x"]);
  console.log(`plan: ${plan.rows.map((r) => r["QUERY PLAN"].trim().replace(/'\[[^\]]*\]'/g, "'[…]'")).join(" | ")}`);
  const { relateMs, recall } = await timeRelating(vectors, size, queryCount, exactRows, baseTruth, {
    search: async (q, query) => (await db.query<{ id: string }>(nearest, [`[${Array.from(query).join(",")}]`, since, `q${q}`])).rows.map(({ id }) => id),
    add: async (q) => void (await db.exec(`INSERT INTO insights (id, episode_id, embedding, embedding_model) VALUES ${row(`q${q}`, size + q)}`)),
  });
  const sizes = await db.query<{ index: number; table: number }>(
    `SELECT pg_relation_size('insights_embedding_hnsw_${DIMENSIONS}')::float8 AS index, pg_total_relation_size('insights')::float8 AS table`,
  );
  const databaseRss = process.memoryUsage().rss - rssBefore;
  await db.close();
  return {
    size,
    loadSeconds,
    buildSeconds,
    relateMs,
    recall,
    recallQueries: exactQueries,
    memory: { workerHeap: 0, databaseRss, indexBytes: sizes.rows[0]!.index, tableBytes: sizes.rows[0]!.table },
  };
}

function reportSideBySide(inProcess: SizeResult[], inDatabase: PgvectorResult[]): void {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const ms = (value: number) => value.toFixed(2);
  const rows: [string, (r: SizeResult) => string, (r: PgvectorResult) => string][] = [
    ["relate one insight mean (ms)", (r) => ms(r.relateMs.mean), (r) => ms(r.relateMs.mean)],
    ["relate one insight p50 / p95 (ms)", (r) => `${ms(r.relateMs.p50)} / ${ms(r.relateMs.p95)}`, (r) => `${ms(r.relateMs.p50)} / ${ms(r.relateMs.p95)}`],
    ["  search top 10 / add (ms)", (r) => `${ms(r.relateMs.searchMean)} / ${ms(r.relateMs.addMean)}`, (r) => `${ms(r.relateMs.searchMean)} / ${ms(r.relateMs.addMean)}`],
    ["recall@10 vs exact", (r) => `${r.recall.toFixed(3)} (${r.recallQueries} q)`, (r) => `${r.recall.toFixed(3)} (${r.recallQueries} q)`],
    ["memory per worker", (r) => `${mb(r.memory.rssAfter)} RSS`, () => "0 (no index)"],
    ["memory in the database (shared)", () => "-", (r) => `index ${mb(r.memory.indexBytes)}, RSS ${mb(r.memory.databaseRss)}`],
    ["build from scratch (s)", (r) => r.buildSeconds.toFixed(1), (r) => `${r.buildSeconds.toFixed(1)} (+ load ${r.loadSeconds.toFixed(1)})`],
  ];
  const width = 36;
  const column = 34;
  console.log("\nside by side: in-process HNSW (each worker) | pgvector HNSW in the database (PGlite)");
  for (const [i, result] of inProcess.entries()) {
    const other = inDatabase[i]!;
    console.log(`\n${result.size.toLocaleString("en-US").padEnd(width)}${"in-process".padStart(column)}${"pgvector".padStart(column)}`);
    for (const [label, left, right] of rows) console.log(label.padEnd(width) + left(result).padStart(column) + right(other).padStart(column));
  }
}

// Last, because the classes above are not initialized until their declarations have run.
if (flags.child !== undefined) {
  process.send?.(await runSize(Number(flags.child), settings));
} else if (flags["pgvector-child"] !== undefined) {
  process.send?.(await runPgvectorSize(Number(flags["pgvector-child"]), settings));
} else {
  printLoad("at start");
  await main();
  printLoad("at the end");
}
