/**
 * `npm run eval:insights [-- --show N] [-- --provider]`: runs the insight pipeline (extraction,
 * grounding, embedding, topics: lib/insights/pipeline.ts) over every transcript in
 * tests/corpus/transcripts and prints, per episode and in total, the figures the extractor is held
 * to: insights per hour, share grounded (by lib/insights/grounding.ts, independently of the
 * extractor), words per insight, near-duplicates, share with a topic, and time taken.
 *
 * By default the offline extractor and embedder do the work, whatever the settings say, so the
 * figures can be compared from run to run. `--provider` runs the extractor and embedder the settings
 * configure (a language model is required) and adds what it consumed: input and output tokens, tokens
 * per hour of audio, input tokens per token of the transcript itself (the chunking aims below 1.3:
 * the model should read each word about once), and the cost when AI_PRICE_*_PER_MTOK are set.
 * `--show N` also prints each episode's first N insights, for a human to judge.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvError, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import type { ParsedTranscript } from "@/lib/ingest/types";
import { configuredExtractor } from "@/lib/insights/configured-extractor";
import { extractionCostUsd, formatUsd, pricesFromEnv, type TokenPrices } from "@/lib/insights/cost";
import { configuredEmbedder, offlineEmbedder } from "@/lib/insights/embeddings";
import { groundQuote } from "@/lib/insights/grounding";
import { estimateTokens } from "@/lib/insights/model/chunk-transcript";
import { isNearDuplicate, NEAR_DUPLICATE_DEFINITION } from "@/lib/insights/offline/near-duplicate";
import { createOfflineExtractor, estimateDurationSeconds, OFFLINE_EXTRACTOR_ID } from "@/lib/insights/offline/offline-extractor";
import { countWords } from "@/lib/insights/offline/tokens";
import { runInsightPipeline, type PipelineInsight, type PipelineParts } from "@/lib/insights/pipeline";
import { prepareTopics } from "@/lib/insights/topics/assign-topics";
import type { ExtractionUsage } from "@/lib/insights/types";
import { CURATED_TOPICS } from "@/lib/topics/curated-topics";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const transcriptsDir = path.join(root, "tests/corpus/transcripts");

const TARGETS = { minPerHour: 4, maxPerHour: 12, minWords: 35, maxWords: 90, maxInputPerTranscriptToken: 1.3 };

const NO_MODEL_MESSAGE =
  "--provider needs a language model: set AI_PROVIDER (openai, anthropic or openai-compatible) and its key " +
  "(OPENAI_API_KEY or ANTHROPIC_API_KEY, or AI_API_KEY; openai-compatible also needs AI_BASE_URL and AI_MODEL). " +
  "Set AI_PRICE_INPUT_PER_MTOK and AI_PRICE_OUTPUT_PER_MTOK to see the cost. See .env.example.";

function parseArgs(argv: string[]): { show: number; provider: boolean } {
  const provider = argv.includes("--provider");
  const at = argv.indexOf("--show");
  if (at === -1) return { show: 0, provider };
  const value = Number(argv[at + 1] ?? "3");
  return { show: Number.isFinite(value) && value > 0 ? Math.floor(value) : 3, provider };
}

/** One episode's figures, from what the pipeline made of it. */
export type EpisodeRow = {
  name: string;
  hours: number;
  /** Hours estimated from the words (untimed transcript). */
  estimated: boolean;
  count: number;
  grounded: number;
  words: number[];
  pairs: number;
  duplicates: number;
  withTopic: number;
  ms: number;
  /** Tokens the extractor reports it used; null for the offline extractor or a model that does not say. */
  usage: ExtractionUsage | null;
  /** The transcript's own size in tokens (estimateTokens of its text): what a model would read once. */
  transcriptTokens: number;
  insights: PipelineInsight[];
};

/** Runs one transcript through the pipeline and measures the result. */
export async function evaluateEpisode(name: string, transcript: ParsedTranscript, parts: PipelineParts): Promise<EpisodeRow> {
  // The corpus has no titles; the file's slug stands in for the episode title, and the show's name
  // is left out, so housekeeping is found without the help a real feed's title would give.
  const episodeTitle = name.replace(/\.\w+$/, "").replace(/^[a-z]+_(?:[a-z]+_)?\d*-?/, "").replace(/[-_]/g, " ");
  const started = performance.now();
  const result = await runInsightPipeline({ segments: transcript.segments, episodeTitle, podcastTitle: "" }, parts);
  const ms = performance.now() - started;
  const { insights } = result;
  const duration = estimateDurationSeconds(transcript.segments);

  let pairs = 0;
  let duplicates = 0;
  for (let i = 0; i < insights.length; i++) {
    for (let j = i + 1; j < insights.length; j++) {
      pairs++;
      if (isNearDuplicate(insights[i]!.body, insights[j]!.body)) duplicates++;
    }
  }
  return {
    name,
    hours: duration.seconds / 3600,
    estimated: duration.estimated,
    count: insights.length,
    grounded: insights.filter((insight) => groundQuote(insight.quote, transcript.segments) !== null).length,
    words: insights.map((insight) => countWords(insight.body)),
    pairs,
    duplicates,
    withTopic: insights.filter((insight) => insight.topics.length > 0).length,
    ms,
    usage: result.usage,
    transcriptTokens: estimateTokens(transcript.text),
    insights,
  };
}

export type UsageFigures = {
  /** Episodes whose usage is known; the figures cover only these. */
  episodes: number;
  inputTokens: number;
  outputTokens: number;
  /** Input and output tokens per hour of audio. */
  tokensPerHour: number | null;
  /** Input tokens ÷ the transcript's own tokens: how many times the model read each word, prompts included. */
  inputPerTranscriptToken: number | null;
  costUsd: number | null;
};

/** What the model consumed over some episodes (one, or all for the total); null when no episode reported usage. */
export function usageFigures(rows: readonly Pick<EpisodeRow, "hours" | "usage" | "transcriptTokens">[], prices: TokenPrices | null): UsageFigures | null {
  const known = rows.filter((row) => row.usage !== null);
  if (known.length === 0) return null;
  const sum = (value: (row: (typeof known)[number]) => number) => known.reduce((total, row) => total + value(row), 0);
  const usage = { inputTokens: sum((row) => row.usage!.inputTokens), outputTokens: sum((row) => row.usage!.outputTokens) };
  const hours = sum((row) => row.hours);
  const transcriptTokens = sum((row) => row.transcriptTokens);
  return {
    episodes: known.length,
    ...usage,
    tokensPerHour: hours > 0 ? (usage.inputTokens + usage.outputTokens) / hours : null,
    inputPerTranscriptToken: transcriptTokens > 0 ? usage.inputTokens / transcriptTokens : null,
    costUsd: extractionCostUsd(usage, prices),
  };
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
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

function usageCells(figures: UsageFigures | null): string {
  if (!figures) return ` ${pad("-", 9)} ${pad("-", 8)} ${pad("-", 9)} ${pad("-", 7)} ${pad("-", 8)}`;
  return ` ${pad(String(figures.inputTokens), 9)} ${pad(String(figures.outputTokens), 8)} ${pad(figures.tokensPerHour === null ? "-" : figures.tokensPerHour.toFixed(0), 9)} ${pad(figures.inputPerTranscriptToken === null ? "-" : figures.inputPerTranscriptToken.toFixed(2), 7)} ${pad(figures.costUsd === null ? "-" : formatUsd(figures.costUsd), 8)}`;
}

/** The extractor and embedder to measure: offline, or (with --provider) the configured ones. */
function chooseParts(provider: boolean): Omit<PipelineParts, "topics"> {
  if (!provider) return { extractor: createOfflineExtractor(), embedder: offlineEmbedder };
  const extractor = configuredExtractor();
  if (extractor.id === OFFLINE_EXTRACTOR_ID) throw new SafeError(NO_MODEL_MESSAGE);
  return { extractor, embedder: configuredEmbedder() };
}

async function main(): Promise<void> {
  const { show, provider } = parseArgs(process.argv.slice(2));
  const { extractor, embedder } = chooseParts(provider);
  const prices = provider ? pricesFromEnv(getEnv()) : null;
  const topics = await prepareTopics(
    CURATED_TOPICS.map((topic) => ({ id: topic.slug, name: topic.name, description: topic.description })),
    embedder,
  );
  const files = fs
    .readdirSync(transcriptsDir)
    .filter((name) => !name.endsWith(".expected.json") && !name.endsWith(".summary.md"))
    .sort();

  const rows: EpisodeRow[] = [];
  const shown: string[] = [];
  for (const name of files) {
    const transcript = parseTranscript(fs.readFileSync(path.join(transcriptsDir, name)), { url: `https://example.com/${name}` });
    const row = await evaluateEpisode(name, transcript, { extractor, embedder, topics });
    rows.push(row);

    if (show > 0) {
      shown.push(`\n## ${name}  (${row.count} insights)`);
      for (const insight of row.insights.slice(0, show)) {
        const when = transcript.timed ? `${clock(insight.startSeconds)}-${clock(insight.endSeconds)}` : "untimed";
        const topicIds = insight.topics.map((topic) => topic.topicId).join(", ") || "no topic";
        shown.push(
          `\n### ${insight.headline}\n[${when}] ${insight.speaker ?? "(no speaker)"} · q=${insight.qualityScore.toFixed(2)} · ${insight.topicLabels.join(", ")} → ${topicIds}\n${insight.body}`,
        );
      }
    }
  }

  const usageHeader = provider ? ` ${pad("in tok", 9)} ${pad("out tok", 8)} ${pad("tok/hour", 9)} ${pad("in/trx", 7)} ${pad("cost", 8)}` : "";
  const header = `${"episode".padEnd(62)} ${pad("hours", 7)} ${pad("ins", 4)} ${pad("/hour", 6)} ${pad("grounded", 8)} ${pad("words", 6)} ${pad("min-max", 8)} ${pad("near-dup", 8)} ${pad("with topic", 10)} ${pad("ms", 6)}${usageHeader}`;
  const lines = [header, "-".repeat(header.length)];
  for (const row of rows) {
    const meanWords = Math.round(mean(row.words));
    const range = row.words.length ? `${Math.min(...row.words)}-${Math.max(...row.words)}` : "-";
    lines.push(
      `${row.name.slice(0, 62).padEnd(62)} ${pad(`${row.hours.toFixed(2)}${row.estimated ? "*" : ""}`, 7)} ${pad(String(row.count), 4)} ${pad(row.hours > 0 ? (row.count / row.hours).toFixed(1) : "-", 6)} ${pad(percent(row.grounded, row.count), 8)} ${pad(meanWords ? String(meanWords) : "-", 6)} ${pad(range, 8)} ${pad(row.pairs ? `${row.duplicates}/${row.pairs}` : "-", 8)} ${pad(percent(row.withTopic, row.count), 10)} ${pad(row.ms.toFixed(0), 6)}${provider ? usageCells(usageFigures([row], prices)) : ""}`,
    );
  }

  const total = (value: (row: EpisodeRow) => number) => rows.reduce((sum, row) => sum + value(row), 0);
  const hours = total((row) => row.hours);
  const count = total((row) => row.count);
  const grounded = total((row) => row.grounded);
  const words = rows.flatMap((row) => row.words);
  const pairs = total((row) => row.pairs);
  const duplicates = total((row) => row.duplicates);
  const meanWords = mean(words);
  const perHour = hours > 0 ? count / hours : 0;
  const totalUsage = usageFigures(rows, prices);
  lines.push("-".repeat(header.length));
  lines.push(
    `${"TOTAL".padEnd(62)} ${pad(hours.toFixed(2), 7)} ${pad(String(count), 4)} ${pad(perHour.toFixed(1), 6)} ${pad(percent(grounded, count), 8)} ${pad(meanWords.toFixed(0), 6)} ${pad(words.length ? `${Math.min(...words)}-${Math.max(...words)}` : "-", 8)} ${pad(`${duplicates}/${pairs}`, 8)} ${pad(percent(total((row) => row.withTopic), count), 10)} ${pad(total((row) => row.ms).toFixed(0), 6)}${provider ? usageCells(totalUsage) : ""}`,
  );

  const outOfRange = words.filter((value) => value < TARGETS.minWords || value > TARGETS.maxWords).length;
  const verdict = (met: boolean) => (met ? "met" : "NOT MET");
  const targets = [
    `grounded            target 100%           actual ${percent(grounded, count)}   ${verdict(grounded === count)}`,
    `insights per hour   target ${TARGETS.minPerHour}-${TARGETS.maxPerHour}            actual ${perHour.toFixed(1)}   ${verdict(perHour >= TARGETS.minPerHour && perHour <= TARGETS.maxPerHour)}`,
    `words per insight   target ${TARGETS.minWords}-${TARGETS.maxWords} each       actual mean ${meanWords.toFixed(0)}, ${outOfRange} outside   ${verdict(outOfRange === 0)}`,
    `near-duplicates     target 0 per episode  actual ${duplicates}   ${verdict(duplicates === 0)}`,
  ];
  const ratio = totalUsage?.inputPerTranscriptToken;
  if (provider) {
    targets.push(
      `input ÷ transcript  target < ${TARGETS.maxInputPerTranscriptToken}             actual ${ratio == null ? "unknown (the model reported no usage)" : `${ratio.toFixed(2)}   ${verdict(ratio < TARGETS.maxInputPerTranscriptToken)}`}`,
    );
  }

  console.log(`extractor ${extractor.id}, embedder ${embedder.id}\n`);
  console.log(lines.join("\n"));
  console.log(`\n* untimed transcript: hours estimated from its words at 150 words a minute; its insights carry time 0.`);
  const short = rows.filter((row) => row.count === 1 && row.count / row.hours > TARGETS.maxPerHour).map((row) => row.name);
  if (short.length) console.log(`Episodes under five minutes get at most one insight, above ${TARGETS.maxPerHour}/hour by arithmetic: ${short.join(", ")}.`);
  console.log(`${NEAR_DUPLICATE_DEFINITION}.`);
  console.log(`with topic: share of insights given at least one curated topic (lib/insights/topics/assign-topics.ts). ms: the whole pipeline per episode.`);
  if (provider) {
    console.log(
      `tok/hour: input and output tokens per hour of audio. in/trx: input tokens ÷ the transcript's own tokens (its text at 4 characters a token).` +
        (prices ? "" : " cost: set AI_PRICE_INPUT_PER_MTOK and AI_PRICE_OUTPUT_PER_MTOK to see it."),
    );
    if (totalUsage && totalUsage.episodes < rows.length) console.log(`Usage covers the ${totalUsage.episodes} of ${rows.length} episodes the model reported it for.`);
  }
  console.log(`\nTargets (totals):\n  ${targets.join("\n  ")}`);
  if (shown.length) console.log(shown.join("\n"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    await main();
  } catch (error) {
    if (error instanceof EnvError || error instanceof SafeError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
