/**
 * `npm run eval:insights [-- --show N]`: runs the offline insight extractor over every transcript in
 * tests/corpus/transcripts and prints, per episode and in total, the figures the extractor is held
 * to: insights per hour, share grounded (by lib/insights/grounding.ts, independently of the
 * extractor), words per insight, near-duplicates, share with a topic, and time taken.
 * `--show N` also prints each episode's first N insights, for a human to judge.
 */
import fs from "node:fs";
import path from "node:path";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { groundQuote } from "@/lib/insights/grounding";
import { isNearDuplicate, NEAR_DUPLICATE_DEFINITION } from "@/lib/insights/offline/near-duplicate";
import { createOfflineExtractor, estimateDurationSeconds } from "@/lib/insights/offline/offline-extractor";
import { countWords } from "@/lib/insights/offline/tokens";
import type { GroundedInsight } from "@/lib/insights/types";

const root = path.resolve(import.meta.dirname, "..");
const transcriptsDir = path.join(root, "tests/corpus/transcripts");
// The optional topic step ("with topic" column): used when this file exists, else the column says n/a.
const topicStepFile = path.join(root, "lib/insights/topics/assign-topics.ts");

const TARGETS = { minPerHour: 4, maxPerHour: 12, minWords: 35, maxWords: 90 };

function parseArgs(argv: string[]): { show: number } {
  const at = argv.indexOf("--show");
  if (at === -1) return { show: 0 };
  const value = Number(argv[at + 1] ?? "3");
  return { show: Number.isFinite(value) && value > 0 ? Math.floor(value) : 3 };
}

type EmbedderLike = { embed(texts: string[]): Promise<Float32Array[]> };
type TopicStepModule = {
  assignTopics?: (insight: { embedding: Float32Array; topicLabels: string[]; text: string }, topics: unknown[]) => unknown[];
  prepareTopics?: (topics: { id: string; name: string; description: string }[], embedder: EmbedderLike) => Promise<unknown[]>;
};
/** Counts, of some insights, those the topic step gives at least one topic. */
type TopicStep = (insights: GroundedInsight[]) => Promise<number>;

/**
 * The hook for the optional topic step: each insight (headline and body, with its labels) is matched
 * against the curated topics with the offline embedder, as the pipeline would. Imported by computed
 * path so that this script runs, and says "n/a", before the step exists.
 */
async function loadTopicStep(): Promise<TopicStep | string> {
  if (!fs.existsSync(topicStepFile)) return "n/a (no topic step yet)";
  try {
    const step = (await import(topicStepFile)) as TopicStepModule;
    const { offlineEmbedder } = (await import(path.join(root, "lib/insights/embeddings.ts"))) as { offlineEmbedder?: EmbedderLike };
    const { CURATED_TOPICS } = (await import(path.join(root, "lib/topics/curated-topics.ts"))) as {
      CURATED_TOPICS?: { slug: string; name: string; description: string }[];
    };
    const { assignTopics, prepareTopics } = step;
    if (!assignTopics || !prepareTopics || !offlineEmbedder || !CURATED_TOPICS) return "n/a (topic step has no assignTopics/prepareTopics)";
    const topics = await prepareTopics(
      CURATED_TOPICS.map((topic) => ({ id: topic.slug, name: topic.name, description: topic.description })),
      offlineEmbedder,
    );
    return async (insights) => {
      if (insights.length === 0) return 0;
      const texts = insights.map((insight) => `${insight.headline}. ${insight.body}`);
      const vectors = await offlineEmbedder.embed(texts);
      return insights.filter((insight, index) => assignTopics({ embedding: vectors[index]!, topicLabels: insight.topicLabels, text: texts[index]! }, topics).length > 0)
        .length;
    };
  } catch (error) {
    return `n/a (topic step failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}

const percent = (part: number, whole: number) => (whole === 0 ? "-" : `${Math.round((100 * part) / whole)}%`);
const pad = (value: string, width: number) => value.padStart(width);

type Row = {
  name: string;
  hours: number;
  estimated: boolean;
  count: number;
  grounded: number;
  words: number[];
  pairs: number;
  duplicates: number;
  withTopic: number | null;
  ms: number;
};

async function main(): Promise<void> {
  const { show } = parseArgs(process.argv.slice(2));
  const extractor = createOfflineExtractor();
  const topicStep = await loadTopicStep();
  const files = fs
    .readdirSync(transcriptsDir)
    .filter((name) => !name.endsWith(".expected.json") && !name.endsWith(".summary.md"))
    .sort();

  const rows: Row[] = [];
  const shown: string[] = [];
  for (const name of files) {
    const transcript = parseTranscript(fs.readFileSync(path.join(transcriptsDir, name)), { url: `https://example.com/${name}` });
    const started = performance.now();
    // The corpus has no titles; the file's slug stands in for the episode title, and the show's name
    // is left out, so housekeeping is found without the help a real feed's title would give.
    const episodeTitle = name.replace(/\.\w+$/, "").replace(/^[a-z]+_(?:[a-z]+_)?\d*-?/, "").replace(/[-_]/g, " ");
    const result = await extractor.extract({ segments: transcript.segments, episodeTitle, podcastTitle: "" });
    const ms = performance.now() - started;
    const insights = result.insights;
    const duration = estimateDurationSeconds(transcript.segments);

    let pairs = 0;
    let duplicates = 0;
    for (let i = 0; i < insights.length; i++) {
      for (let j = i + 1; j < insights.length; j++) {
        pairs++;
        if (isNearDuplicate(insights[i]!.body, insights[j]!.body)) duplicates++;
      }
    }
    rows.push({
      name,
      hours: duration.seconds / 3600,
      estimated: duration.estimated,
      count: insights.length,
      grounded: insights.filter((insight) => groundQuote(insight.quote, transcript.segments) !== null).length,
      words: insights.map((insight) => countWords(insight.body)),
      pairs,
      duplicates,
      withTopic: typeof topicStep === "string" ? null : await topicStep(insights),
      ms,
    });

    if (show > 0) {
      shown.push(`\n## ${name}  (${insights.length} insights)`);
      for (const insight of insights.slice(0, show)) {
        const when = transcript.timed ? `${clock(insight.startSeconds)}-${clock(insight.endSeconds)}` : "untimed";
        shown.push(
          `\n### ${insight.headline}\n[${when}] ${insight.speaker ?? "(no speaker)"} · q=${insight.qualityScore.toFixed(2)} · ${insight.topicLabels.join(", ")}\n${insight.body}`,
        );
      }
    }
  }

  const header = `${"episode".padEnd(62)} ${pad("hours", 7)} ${pad("ins", 4)} ${pad("/hour", 6)} ${pad("grounded", 8)} ${pad("words", 6)} ${pad("min-max", 8)} ${pad("near-dup", 8)} ${pad("with topic", 10)} ${pad("ms", 6)}`;
  const lines = [header, "-".repeat(header.length)];
  const topicCell = (row: { withTopic: number | null; count: number }) =>
    typeof topicStep === "string" ? "n/a" : row.withTopic === null ? "-" : percent(row.withTopic, row.count);
  for (const row of rows) {
    const mean = row.words.length ? Math.round(row.words.reduce((a, b) => a + b, 0) / row.words.length) : 0;
    const range = row.words.length ? `${Math.min(...row.words)}-${Math.max(...row.words)}` : "-";
    lines.push(
      `${row.name.slice(0, 62).padEnd(62)} ${pad(`${row.hours.toFixed(2)}${row.estimated ? "*" : ""}`, 7)} ${pad(String(row.count), 4)} ${pad(row.hours > 0 ? (row.count / row.hours).toFixed(1) : "-", 6)} ${pad(percent(row.grounded, row.count), 8)} ${pad(mean ? String(mean) : "-", 6)} ${pad(range, 8)} ${pad(row.pairs ? `${row.duplicates}/${row.pairs}` : "-", 8)} ${pad(topicCell(row), 10)} ${pad(row.ms.toFixed(0), 6)}`,
    );
  }

  const hours = rows.reduce((sum, row) => sum + row.hours, 0);
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  const grounded = rows.reduce((sum, row) => sum + row.grounded, 0);
  const words = rows.flatMap((row) => row.words);
  const pairs = rows.reduce((sum, row) => sum + row.pairs, 0);
  const duplicates = rows.reduce((sum, row) => sum + row.duplicates, 0);
  const ms = rows.reduce((sum, row) => sum + row.ms, 0);
  const withTopic = rows.reduce((sum, row) => sum + (row.withTopic ?? 0), 0);
  const meanWords = words.length ? words.reduce((a, b) => a + b, 0) / words.length : 0;
  const perHour = hours > 0 ? count / hours : 0;
  lines.push("-".repeat(header.length));
  lines.push(
    `${"TOTAL".padEnd(62)} ${pad(hours.toFixed(2), 7)} ${pad(String(count), 4)} ${pad(perHour.toFixed(1), 6)} ${pad(percent(grounded, count), 8)} ${pad(meanWords.toFixed(0), 6)} ${pad(words.length ? `${Math.min(...words)}-${Math.max(...words)}` : "-", 8)} ${pad(`${duplicates}/${pairs}`, 8)} ${pad(typeof topicStep === "string" ? "n/a" : percent(withTopic, count), 10)} ${pad(ms.toFixed(0), 6)}`,
  );

  const outOfRange = words.filter((value) => value < TARGETS.minWords || value > TARGETS.maxWords).length;
  const verdict = (met: boolean) => (met ? "met" : "NOT MET");
  const targets = [
    `grounded            target 100%           actual ${percent(grounded, count)}   ${verdict(grounded === count)}`,
    `insights per hour   target ${TARGETS.minPerHour}-${TARGETS.maxPerHour}            actual ${perHour.toFixed(1)}   ${verdict(perHour >= TARGETS.minPerHour && perHour <= TARGETS.maxPerHour)}`,
    `words per insight   target ${TARGETS.minWords}-${TARGETS.maxWords} each       actual mean ${meanWords.toFixed(0)}, ${outOfRange} outside   ${verdict(outOfRange === 0)}`,
    `near-duplicates     target 0 per episode  actual ${duplicates}   ${verdict(duplicates === 0)}`,
  ];

  console.log(lines.join("\n"));
  console.log(`\n* untimed transcript: hours estimated from its words at 150 words a minute; its insights carry time 0.`);
  const short = rows.filter((row) => row.count === 1 && row.count / row.hours > TARGETS.maxPerHour).map((row) => row.name);
  if (short.length) console.log(`Episodes under five minutes get at most one insight, above ${TARGETS.maxPerHour}/hour by arithmetic: ${short.join(", ")}.`);
  console.log(`${NEAR_DUPLICATE_DEFINITION}.`);
  console.log(`with topic: ${typeof topicStep === "string" ? topicStep : "share of insights the topic step (lib/insights/topics/assign-topics.ts) gave at least one topic"}`);
  console.log(`\nTargets (totals):\n  ${targets.join("\n  ")}`);
  if (shown.length) console.log(shown.join("\n"));
}

await main();
