/**
 * `npm run eval:topics`: how well topic assignment and insight similarity do on the labelled set in
 * tests/fixtures/topic-labels.json, with the offline embedder. Prints precision and recall of the
 * curated topics (overall and per topic, with and without the extractor's labels), how readers'
 * own phrase topics fare, and how many same-point / different-point pairs a similarity threshold
 * separates. Run it after changing a topic description, a weight or a threshold.
 *
 * Precision is measured on the topics assigned, which are the topics stored and shown on the
 * insight's card (no parent topic is added behind them): strict counts only a labelled insight's
 * expected topics as right, lenient also its acceptable ones. Recall is the share of expected topics
 * assigned.
 *
 * tests/unit/assign-topics.test.ts runs the same evaluation and holds it to a floor.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { countShared, isSamePoint, termsOf, thresholdsFor } from "@/lib/insights/relate/choose";
import { cosine, offlineEmbedder, OFFLINE_SAME_POINT_SIMILARITY, type Embedder } from "@/lib/insights/embeddings";
import {
  CONTEXT_WEIGHT,
  DEFAULT_ASSIGN_OPTIONS,
  EPISODE_WEIGHT,
  FOREIGN_PENALTY,
  scoreEpisodeTopics,
  selectTopics,
  type AssignableTopic,
  type AssignTopicsOptions,
  type InsightForTopics,
  type PriorWeights,
  type TopicScore,
} from "@/lib/insights/topics/assign-topics";
import { prepareTopics } from "@/lib/topics/prepare-topics";
import { CURATED_TOPICS, curatedTopicTexts, topicFromPhrase } from "@/lib/topics/curated-topics";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURE_PATH = path.join(root, "tests/fixtures/topic-labels.json");

const slug = z.enum(CURATED_TOPICS.map((topic) => topic.slug) as [string, ...string[]]);
const labelledInsight = z.object({
  id: z.string(),
  source: z.string(),
  text: z.string().min(1),
  labels: z.array(z.string()),
  topics: z.array(slug).max(3),
  alsoOk: z.array(slug),
});
const episodeContext = z.object({ podcastTitle: z.string(), episodeTitle: z.string(), episodeNotes: z.string().optional() });
const fixtureSchema = z.object({
  /** Show and episode title of each transcript an insight comes from. */
  sources: z.record(z.string(), episodeContext).default({}),
  insights: z.array(labelledInsight).min(1),
  holdout: z.array(labelledInsight).default([]),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), related: z.boolean() })),
  custom: z.array(z.object({ phrase: z.string(), insights: z.array(z.string()) })),
});
type LabelledInsight = z.infer<typeof labelledInsight>;
export type TopicFixture = z.infer<typeof fixtureSchema>;

export function loadTopicFixture(file = FIXTURE_PATH): TopicFixture {
  return fixtureSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export type Counts = { assigned: number; correct: number; acceptable: number; expected: number; found: number };
export type Quality = Counts & {
  /** Share of assigned topics that are expected ones. */
  precision: number;
  /** Share of assigned topics that are expected or acceptable ones. */
  lenientPrecision: number;
  /** Share of expected topics assigned. */
  recall: number;
};

export type TopicEvaluation = {
  embedderId: string;
  options: AssignTopicsOptions;
  overall: Quality;
  withoutLabels: Quality;
  /** Each insight alone: no title, show or notes, no other insights of its episode. */
  withoutContext: Quality;
  /** Strict precision and recall as the hierarchy's two settings vary (see selectTopics). */
  hierarchySweep: { childMargin: number; familyGap: number; quality: Quality }[];
  /** Strict precision and recall as the episode prior's two weights vary. */
  priorSweep: { episode: number; context: number; quality: Quality }[];
  holdout: Quality | null;
  perTopic: (Quality & { slug: string })[];
  topicsPerInsight: Record<number, number>;
  mistakes: { id: string; wrong: string[]; missed: string[] }[];
  sweep: { minScore: number; maxGapToBest: number; quality: Quality }[];
  phrases: { phrase: string; caught: string[]; missed: string[]; falseMatches: string[] }[];
  pairs: PairEvaluation;
};

export type PairEvaluation = {
  count: number;
  threshold: number;
  correctAtThreshold: number;
  best: { threshold: number; correct: number };
  /** Right under the rule relating applies: similarity and shared uncommon words (lib/insights/relate/choose.ts). */
  correctByClusterRule: number;
  sameCaught: number;
  differentMerged: number;
  related: number[];
  unrelated: number[];
};

function quality(counts: Counts): Quality {
  return {
    ...counts,
    precision: counts.assigned === 0 ? 1 : counts.correct / counts.assigned,
    lenientPrecision: counts.assigned === 0 ? 1 : counts.acceptable / counts.assigned,
    recall: counts.expected === 0 ? 1 : counts.found / counts.expected,
  };
}

function count(cases: { chosen: string[]; item: LabelledInsight }[], only?: string): Counts {
  const counts: Counts = { assigned: 0, correct: 0, acceptable: 0, expected: 0, found: 0 };
  for (const { chosen, item } of cases) {
    const picked = only ? chosen.filter((s) => s === only) : chosen;
    const expected = only ? item.topics.filter((s) => s === only) : item.topics;
    counts.assigned += picked.length;
    counts.correct += picked.filter((s) => item.topics.includes(s)).length;
    counts.acceptable += picked.filter((s) => item.topics.includes(s) || item.alsoOk.includes(s)).length;
    counts.expected += expected.length;
    counts.found += expected.filter((s) => picked.includes(s)).length;
  }
  return counts;
}

type Embedded = { item: LabelledInsight; embedding: Float32Array }[];

async function embedAll(items: LabelledInsight[], embedder: Embedder): Promise<Embedded> {
  const embeddings = await embedder.embed(items.map((item) => item.text));
  return items.map((item, i) => ({ item, embedding: embeddings[i]! }));
}

type ScoreSettings = { withLabels?: boolean; withContext?: boolean; weights?: PriorWeights };

/**
 * Scores the labelled insights as the pipeline would: the insights of one source together, as one
 * episode, with its show and title as context. `only` restricts the result to some of them (the
 * holdout, scored beside the rest of its episode).
 */
function scoreAll(embedded: Embedded, topics: readonly AssignableTopic[], fixture: TopicFixture, settings: ScoreSettings = {}, only?: Set<LabelledInsight>) {
  const { withLabels = true, withContext = true, weights = { episode: EPISODE_WEIGHT, context: CONTEXT_WEIGHT, foreign: FOREIGN_PENALTY } } = settings;
  const bySource = new Map<string, Embedded>();
  for (const entry of embedded) {
    const key = withContext ? entry.item.source : entry.item.id;
    bySource.set(key, [...(bySource.get(key) ?? []), entry]);
  }
  const scored: { item: LabelledInsight; scores: TopicScore[] }[] = [];
  for (const episode of bySource.values()) {
    const context = withContext ? fixture.sources[episode[0]!.item.source] : undefined;
    const insights: InsightForTopics[] = episode.map(({ item, embedding }) => ({ embedding, topicLabels: withLabels ? item.labels : [], text: item.text, context }));
    const scores = scoreEpisodeTopics(insights, topics, withContext ? weights : { episode: 0, context: 0, foreign: 0 });
    episode.forEach(({ item }, i) => scored.push({ item, scores: scores[i]! }));
  }
  const order = new Map(embedded.map(({ item }, i) => [item, i]));
  return scored.filter(({ item }) => !only || only.has(item)).sort((a, b) => order.get(a.item)! - order.get(b.item)!);
}

function prepareCurated(embedder: Embedder) {
  return prepareTopics(curatedTopicTexts(), embedder);
}

function choose(scored: { item: LabelledInsight; scores: TopicScore[] }[], options: Partial<AssignTopicsOptions> = {}) {
  return scored.map(({ item, scores }) => ({ item, chosen: selectTopics(scores, options).map((a) => a.topicId) }));
}

export async function evaluateTopics(embedder: Embedder = offlineEmbedder, fixture = loadTopicFixture()): Promise<TopicEvaluation> {
  const topics = await prepareCurated(embedder);
  const insights = await embedAll(fixture.insights, embedder);
  const scored = scoreAll(insights, topics, fixture);
  const cases = choose(scored);

  const perTopic = CURATED_TOPICS.map((topic) => ({ slug: topic.slug, ...quality(count(cases, topic.slug)) }));
  const topicsPerInsight: Record<number, number> = {};
  for (const { chosen } of cases) topicsPerInsight[chosen.length] = (topicsPerInsight[chosen.length] ?? 0) + 1;
  const mistakes = cases
    .map(({ item, chosen }) => ({
      id: item.id,
      wrong: chosen.filter((s) => !item.topics.includes(s) && !item.alsoOk.includes(s)),
      missed: item.topics.filter((s) => !chosen.includes(s)),
    }))
    .filter((m) => m.wrong.length > 0 || m.missed.length > 0);

  const sweep: TopicEvaluation["sweep"] = [];
  for (const minScore of [0.25, DEFAULT_ASSIGN_OPTIONS.minScore, 0.45, 0.55, 0.65]) {
    for (const gap of [0.1, 0.17, DEFAULT_ASSIGN_OPTIONS.maxGapToBest, 0.3]) {
      sweep.push({ minScore, maxGapToBest: gap, quality: quality(count(choose(scored, { minScore, maxGapToBest: gap }))) });
    }
  }

  const hierarchySweep: TopicEvaluation["hierarchySweep"] = [];
  for (const childMargin of [-Infinity, 0, 0.1, DEFAULT_ASSIGN_OPTIONS.childMargin, 0.3]) {
    for (const familyGap of [0, 0.05, DEFAULT_ASSIGN_OPTIONS.familyGap, Infinity]) {
      hierarchySweep.push({ childMargin, familyGap, quality: quality(count(choose(scored, { childMargin, familyGap }))) });
    }
  }

  const withoutLabels = quality(count(choose(scoreAll(insights, topics, fixture, { withLabels: false }))));
  const withoutContext = quality(count(choose(scoreAll(insights, topics, fixture, { withContext: false }))));
  const priorSweep: TopicEvaluation["priorSweep"] = [];
  for (const episode of [0, 0.25, EPISODE_WEIGHT, 0.75, 1]) {
    for (const context of [0, 0.1, CONTEXT_WEIGHT, 0.4]) {
      priorSweep.push({ episode, context, quality: quality(count(choose(scoreAll(insights, topics, fixture, { weights: { episode, context, foreign: FOREIGN_PENALTY } })))) });
    }
  }
  const held = await embedAll(fixture.holdout, embedder);
  const holdout = fixture.holdout.length > 0 ? quality(count(choose(scoreAll([...insights, ...held], topics, fixture, {}, new Set(fixture.holdout))))) : null;

  return {
    embedderId: embedder.id,
    options: DEFAULT_ASSIGN_OPTIONS,
    overall: quality(count(cases)),
    withoutLabels,
    withoutContext,
    hierarchySweep,
    priorSweep,
    holdout,
    perTopic,
    topicsPerInsight,
    mistakes,
    sweep,
    phrases: await evaluatePhrases(fixture, insights, topics, embedder),
    pairs: await evaluatePairs(fixture, embedder),
  };
}

/** Readers' phrases join the curated topics, as they would in the app; each should catch its insights and no others. */
async function evaluatePhrases(fixture: TopicFixture, insights: Embedded, curated: readonly AssignableTopic[], embedder: Embedder) {
  const phraseTopics = await prepareTopics(
    fixture.custom.map(({ phrase }) => ({ ...topicFromPhrase(phrase), id: `phrase:${phrase}` })),
    embedder,
  );
  const chosen = choose(scoreAll(insights, [...curated, ...phraseTopics], fixture)).map(({ item, chosen }) => ({ id: item.id, topics: chosen }));
  return fixture.custom.map(({ phrase, insights }) => {
    const matched = chosen.filter((c) => c.topics.includes(`phrase:${phrase}`)).map((c) => c.id);
    return {
      phrase,
      caught: insights.filter((id) => matched.includes(id)),
      missed: insights.filter((id) => !matched.includes(id)),
      falseMatches: matched.filter((id) => !insights.includes(id)),
    };
  });
}

async function evaluatePairs(fixture: TopicFixture, embedder: Embedder): Promise<PairEvaluation> {
  const a = await embedder.embed(fixture.pairs.map((pair) => pair.a));
  const b = await embedder.embed(fixture.pairs.map((pair) => pair.b));
  const thresholds = thresholdsFor(embedder.id);
  const scored = fixture.pairs.map((pair, i) => {
    const similarity = cosine(a[i]!, b[i]!);
    return { related: pair.related, similarity, clustered: isSamePoint(similarity, countShared(termsOf(pair.a), termsOf(pair.b)), thresholds) };
  });
  const correctAt = (threshold: number) => scored.filter((s) => s.similarity >= threshold === s.related).length;

  // Every midpoint between neighbouring similarities is a distinct candidate; the lowest best one wins.
  const sorted = scored.map((s) => s.similarity).sort((x, y) => x - y);
  const candidates = [0, ...sorted.slice(1).map((value, i) => (value + sorted[i]!) / 2), 1];
  let best = { threshold: 0, correct: -1 };
  for (const threshold of candidates) {
    const correct = correctAt(threshold);
    if (correct > best.correct) best = { threshold: round(threshold), correct };
  }
  return {
    count: scored.length,
    threshold: OFFLINE_SAME_POINT_SIMILARITY,
    correctAtThreshold: correctAt(OFFLINE_SAME_POINT_SIMILARITY),
    best,
    correctByClusterRule: scored.filter((s) => s.clustered === s.related).length,
    sameCaught: scored.filter((s) => s.clustered && s.related).length,
    differentMerged: scored.filter((s) => s.clustered && !s.related).length,
    related: scored.filter((s) => s.related).map((s) => round(s.similarity)),
    unrelated: scored.filter((s) => !s.related).map((s) => round(s.similarity)),
  };
}

function round(value: number, digits = 3): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);

function describe(q: Quality): string {
  return `precision ${percent(q.precision)} (lenient ${percent(q.lenientPrecision)})  recall ${percent(q.recall)}  [${q.assigned} assigned, ${q.correct} expected + ${q.acceptable - q.correct} acceptable; ${q.found}/${q.expected} expected found]`;
}

function print(result: TopicEvaluation, fixture: TopicFixture): void {
  const { options } = result;
  console.log(`Topic assignment, ${fixture.insights.length} labelled insights, embedder ${result.embedderId}`);
  console.log(
    `options: minScore ${options.minScore}, maxGapToBest ${options.maxGapToBest}, childMargin ${options.childMargin}, familyGap ${options.familyGap}, maxTopics ${options.maxTopics}, phraseMinScore ${options.phraseMinScore}`,
  );
  console.log("precision is on the topics assigned, which are the ones a card shows; strict counts expected topics only");
  console.log("");
  console.log(`micro, with labels     ${describe(result.overall)}`);
  console.log(`micro, without labels  ${describe(result.withoutLabels)}`);
  console.log(`micro, each insight alone, no title or show  ${describe(result.withoutContext)}`);
  if (result.holdout) console.log(`holdout (${fixture.holdout.length}, not tuned on) ${describe(result.holdout)}`);
  console.log(`topics per insight: ${Object.entries(result.topicsPerInsight).map(([n, c]) => `${n}: ${c}`).join(", ")}`);
  console.log("");
  console.log("per topic                   assigned  precision  lenient  expected  recall");
  for (const t of result.perTopic) {
    if (t.assigned === 0 && t.expected === 0) continue;
    console.log(
      `${t.slug.padEnd(26)} ${String(t.assigned).padStart(9)} ${t.assigned ? percent(t.precision).padStart(10) : "         -"} ${t.assigned ? percent(t.lenientPrecision).padStart(8) : "       -"} ${String(t.expected).padStart(9)} ${t.expected ? percent(t.recall).padStart(7) : "      -"}`,
    );
  }
  const unused = result.perTopic.filter((t) => t.assigned === 0 && t.expected === 0).map((t) => t.slug);
  if (unused.length > 0) console.log(`(no labelled insight and never assigned: ${unused.join(", ")})`);
  console.log("");
  console.log("mistakes (wrong = neither expected nor acceptable):");
  for (const m of result.mistakes) console.log(`  ${m.id.padEnd(26)} ${m.wrong.length ? `wrong ${m.wrong.join(", ")}` : ""}${m.wrong.length && m.missed.length ? "; " : ""}${m.missed.length ? `missed ${m.missed.join(", ")}` : ""}`);
  console.log("");
  console.log("hierarchy (strict precision / recall), rows: childMargin (-Infinity: no hierarchy); columns: familyGap (Infinity: families ignored)");
  const familyGaps = [...new Set(result.hierarchySweep.map((s) => s.familyGap))];
  console.log(`  childMargin \\ familyGap ${familyGaps.map((g) => String(g).padStart(15)).join("")}`);
  for (const childMargin of [...new Set(result.hierarchySweep.map((s) => s.childMargin))]) {
    const row = familyGaps.map((familyGap) => {
      const q = result.hierarchySweep.find((s) => s.childMargin === childMargin && s.familyGap === familyGap)!.quality;
      return `${percent(q.precision)} /${percent(q.recall)}`.padStart(15);
    });
    console.log(`  ${String(childMargin).padEnd(23)} ${row.join("")}`);
  }
  console.log("");
  console.log(`episode prior (strict precision / recall), rows: weight of the episode's other insights; columns: weight of its title and show`);
  const contexts = [...new Set(result.priorSweep.map((s) => s.context))];
  console.log(`  episode \\ context ${contexts.map((c) => String(c).padStart(15)).join("")}`);
  for (const episode of [...new Set(result.priorSweep.map((s) => s.episode))]) {
    const row = contexts.map((context) => {
      const q = result.priorSweep.find((s) => s.episode === episode && s.context === context)!.quality;
      return `${percent(q.precision)} /${percent(q.recall)}`.padStart(15);
    });
    console.log(`  ${String(episode).padEnd(18)} ${row.join("")}`);
  }
  console.log("");
  console.log("sensitivity (strict precision / recall):");
  const gaps = [...new Set(result.sweep.map((s) => s.maxGapToBest))];
  console.log(`  minScore \\ maxGapToBest ${gaps.map((g) => String(g).padStart(15)).join("")}`);
  for (const minScore of [...new Set(result.sweep.map((s) => s.minScore))]) {
    const row = gaps.map((gap) => {
      const q = result.sweep.find((s) => s.minScore === minScore && s.maxGapToBest === gap)!.quality;
      return `${percent(q.precision)} /${percent(q.recall)}`.padStart(15);
    });
    console.log(`  ${String(minScore).padEnd(23)} ${row.join("")}`);
  }
  console.log("");
  console.log("readers' phrase topics (alongside the curated ones):");
  for (const p of result.phrases) {
    console.log(`  "${p.phrase}": caught ${p.caught.length}/${p.caught.length + p.missed.length}${p.missed.length ? ` (missed ${p.missed.join(", ")})` : ""}; false matches ${p.falseMatches.length ? p.falseMatches.join(", ") : "none"}`);
  }
  console.log("");
  const { pairs } = result;
  console.log(`same point / different point, ${pairs.count} pairs of insights:`);
  console.log(`  at the chosen threshold ${pairs.threshold} alone: ${pairs.correctAtThreshold}/${pairs.count} right`);
  console.log(
    `  the clustering rule (similarity and shared uncommon words): ${pairs.correctByClusterRule}/${pairs.count} right; same point caught ${pairs.sameCaught}/${pairs.related.length}, different points merged ${pairs.differentMerged}/${pairs.unrelated.length}`,
  );
  console.log(`  best threshold ${pairs.best.threshold}: ${pairs.best.correct}/${pairs.count} right`);
  console.log(`  same point:      ${[...pairs.related].sort((x, y) => x - y).join(" ")}`);
  console.log(`  different point: ${[...pairs.unrelated].sort((x, y) => x - y).join(" ")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const fixture = loadTopicFixture();
  evaluateTopics(offlineEmbedder, fixture).then(
    (result) => print(result, fixture),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
