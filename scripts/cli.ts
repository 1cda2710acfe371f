/**
 * `npm run cli -- parse-feed <file-or-url>` and `npm run cli -- parse-transcript <file-or-url>`:
 * the ingestion parsers on anyone's input, printing the normalized result as JSON; parse-feed also notes
 * on stderr the Podcasting 2.0 tags it skipped (the JSON's ignoredTags).
 *
 * `npm run cli -- extract <transcript-file-or-url> [--title "Episode"] [--podcast "Show"]`: one
 * transcript through the insight pipeline as the settings configure it (the model when AI_PROVIDER is
 * set, else the offline extractor; grounding, embedding, curated topics), with no database, printing
 * the insights as JSON. `durationSeconds` is how long the run took. The titles are only context for
 * the extractor; the title defaults to the file's name.
 *
 * Bad input gets a one-line error and exit code 1; a wrong command gets the usage and exit code 2.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { EnvError, getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { configuredExtractor } from "@/lib/insights/configured-extractor";
import { extractionCostUsd, pricesFromEnv } from "@/lib/insights/cost";
import { configuredEmbedder } from "@/lib/insights/embeddings";
import { runInsightPipeline } from "@/lib/insights/pipeline";
import { plainLines, setLogDestination } from "@/lib/log";
import { prepareTopics } from "@/lib/topics/prepare-topics";
import { safeFetch } from "@/lib/net/safe-fetch";
import { curatedTopicTexts } from "@/lib/topics/curated-topics";

// stdout carries the JSON; what the pipeline logs (a refused address, say) is a note on stderr.
setLogDestination(plainLines(2));

const USAGE = `usage:
  npm run cli -- parse-feed <file-or-url>
  npm run cli -- parse-transcript <file-or-url>
  npm run cli -- extract <transcript-file-or-url> [--title "Episode title"] [--podcast "Show"]`;

type Input = { body: Buffer; contentType: string | null; url: string | null };

async function read(source: string): Promise<Input> {
  if (/^https?:\/\//i.test(source)) {
    const response = await safeFetch(source);
    return { body: response.body, contentType: response.contentType, url: response.url };
  }
  try {
    return { body: await fs.readFile(source), contentType: null, url: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SafeError(code === "ENOENT" ? `no such file: ${source}` : code === "EISDIR" ? `${source} is a folder, not a file` : `cannot read ${source} (${code})`);
  }
}

/** "talkpython_554-trustworthy-ai.vtt" from a path or a URL: the episode title when none is given. */
function fileName(source: string): string {
  const pathname = /^https?:\/\//i.test(source) ? new URL(source).pathname : source;
  return decodeURIComponent(path.basename(pathname)) || source;
}

async function extract(source: string, input: Input, context: { title?: string; podcast?: string }) {
  const transcript = parseTranscript(input.body, { contentType: input.contentType, url: input.url ?? source });
  const started = performance.now();
  const extractor = configuredExtractor();
  const embedder = configuredEmbedder();
  const topics = await prepareTopics(
    curatedTopicTexts(),
    embedder,
  );
  const result = await runInsightPipeline(
    { segments: transcript.segments, episodeTitle: context.title ?? fileName(source), podcastTitle: context.podcast ?? "" },
    { extractor, embedder, topics },
  );
  const names = new Map(topics.map((topic) => [topic.id, topic.name]));
  return {
    source,
    model: result.model,
    promptVersion: result.promptVersion,
    embeddingModel: result.embeddingModel,
    usage: result.usage,
    costUsd: extractionCostUsd(result.usage, pricesFromEnv(getEnv())),
    dropped: result.dropped,
    durationSeconds: Math.round(performance.now() - started) / 1000,
    insights: result.insights.map((insight) => ({
      headline: insight.headline,
      body: insight.body,
      quote: insight.quote,
      startSeconds: insight.startSeconds,
      endSeconds: insight.endSeconds,
      speaker: insight.speaker,
      qualityScore: insight.qualityScore,
      topicLabels: insight.topicLabels,
      topics: insight.topics.map((topic) => ({ slug: topic.topicId, name: names.get(topic.topicId) ?? topic.topicId, score: Math.round(topic.score * 1000) / 1000 })),
    })),
  };
}

function parseCommandLine(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { title: { type: "string" }, podcast: { type: "string" } },
    });
    const [command, source, ...rest] = positionals;
    const hasContext = values.title !== undefined || values.podcast !== undefined;
    if (!source || rest.length > 0) return null;
    if (command === "extract") return { command, source, context: values };
    if ((command === "parse-feed" || command === "parse-transcript") && !hasContext) return { command, source };
    return null;
  } catch {
    // An unknown flag or a flag without its value.
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed) {
    console.error(USAGE);
    return 2;
  }
  const { command, source } = parsed;
  try {
    const input = await read(source);
    const result =
      command === "parse-feed"
        ? parseFeed(input.body, { baseUrl: input.url ?? undefined, contentType: input.contentType })
        : command === "parse-transcript"
          ? parseTranscript(input.body, { contentType: input.contentType, url: input.url ?? source })
          : await extract(source, input, parsed.context ?? {});
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    // The JSON lists them too; the note is for a reader who would not scroll for it.
    if ("ignoredTags" in result && result.ignoredTags.length) {
      const skipped = result.ignoredTags.map(({ tag, count }) => `${tag} (${count})`).join(", ");
      console.error(`note: skipped Podcasting 2.0 tags Podbrief does not read: ${skipped}`);
    }
    return 0;
  } catch (error) {
    // A bad setting (AI_PROVIDER without its key, say) is the user's to fix, as bad input is.
    if (error instanceof EnvError) {
      console.error(`error: ${error.problems.length === 1 ? "a setting is" : "some settings are"} wrong: ${error.problems.join("; ")} (see .env.example)`);
      return 1;
    }
    if (!(error instanceof SafeError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
