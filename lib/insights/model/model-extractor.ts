/**
 * Extracts an episode's insights with a language model, reading the transcript once, in parts. Each
 * insight it proposes must be grounded (found word for word, which supplies its times, speaker and
 * quote) and faithful (no number or name not said around its quote). An unfaithful insight is dropped,
 * not asked for again: that costs as much as its whole part. A model that keeps failing ends in an
 * ExtractionError whose message tells the reader what went wrong.
 */
import "server-only";
import { APICallError, generateText, type LanguageModel, NoObjectGeneratedError, NoOutputGeneratedError, Output, RetryError } from "ai";
import { SafeError } from "@/lib/errors";
import { createFaithfulnessCheck, type FaithfulnessCheck } from "@/lib/insights/faithfulness";
import { createGrounder, type Grounder } from "@/lib/insights/grounding";
import { chunkTranscript, DEFAULT_CHUNK_TOKENS, type TranscriptChunk } from "@/lib/insights/model/chunk-transcript";
import { mergeDuplicateInsights, type PlacedInsight } from "@/lib/insights/model/merge-insights";
import { type ModelAnswer, modelAnswerSchema, PROMPT_VERSION, renderUserPrompt, SYSTEM_PROMPT } from "@/lib/insights/model/prompt";
import type { ExtractionInput, ExtractionResult, Extractor } from "@/lib/insights/types";

export type ExtractionFailure = "format" | "rate_limit" | "timeout" | "provider";

/**
 * The model could not produce this episode's insights; the message is meant for the reader. A provider
 * that is busy or slow may do better later; a refusal or malformed answers will not.
 */
export class ExtractionError extends SafeError {
  constructor(
    message: string,
    readonly failure: ExtractionFailure,
    options: { cause?: unknown } = {},
  ) {
    super(message, "extraction_failed", { cause: options.cause, retryable: failure === "rate_limit" || failure === "timeout" });
    this.name = "ExtractionError";
  }
}

export type ModelExtractorOptions = {
  model: LanguageModel;
  /** Stored with each insight, e.g. "openai:gpt-4.1-mini". */
  modelId: string;
  /** Further tries after the first, per transcript part. */
  maxRetries?: number;
  /** Per try. */
  timeoutMs?: number;
  /** Waits between tries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** First wait between tries, doubled after each. */
  backoffMs?: number;
  chunkTokens?: number;
};

const MAX_TOPICS = 4;
// A provider asking us to wait longer than this is better retried by the job, later.
const MAX_WAIT_MS = 60_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Usage = { inputTokens: number; outputTokens: number; reported: boolean };

export function createModelExtractor({
  model,
  modelId,
  maxRetries = 2,
  timeoutMs = 60_000,
  sleep = realSleep,
  backoffMs = 2_000,
  chunkTokens = DEFAULT_CHUNK_TOKENS,
}: ModelExtractorOptions): Extractor {
  async function askModel(input: ExtractionInput, chunk: TranscriptChunk, usage: Usage): Promise<ModelAnswer> {
    const prompt = renderUserPrompt({ podcastTitle: input.podcastTitle, episodeTitle: input.episodeTitle, chunk });
    const tries = maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const result = await generateText({
          model,
          instructions: SYSTEM_PROMPT,
          prompt,
          output: Output.object({ schema: modelAnswerSchema, name: "podcast_insights" }),
          // Retries are ours: one policy for every failure, with a wait that tests can observe.
          maxRetries: 0,
          abortSignal: signal,
        });
        addUsage(usage, result.totalUsage);
        return result.output;
      } catch (error) {
        if (NoObjectGeneratedError.isInstance(error)) addUsage(usage, error.usage);
        const failure = classify(error, signal);
        const where = chunk.count > 1 ? ` (part ${chunk.index + 1} of ${chunk.count})` : "";
        const prefix = `Could not extract insights from "${input.episodeTitle}"${where}:`;
        if (failure.kind === "unknown") throw error;
        if (failure.kind === "refused") {
          throw new ExtractionError(`${prefix} the model provider refused the request (${failure.status ?? "no status"})${failure.hint}.`, "provider", { cause: error });
        }
        if (attempt >= tries) throw new ExtractionError(`${prefix} ${describe(failure, tries, timeoutMs)}.`, failure.kind, { cause: error });
        const backoff = backoffMs * 2 ** (attempt - 1);
        await sleep(Math.min(MAX_WAIT_MS, Math.max(backoff, failure.kind === "rate_limit" ? (failure.retryAfterMs ?? 0) : 0)));
      }
    }
  }

  return {
    id: modelId,
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      const usage: Usage = { inputTokens: 0, outputTokens: 0, reported: false };
      const chunks = chunkTranscript(input.segments, { maxTokens: chunkTokens });
      const ground = createGrounder(input.segments);
      const faithful = createFaithfulnessCheck(input);
      const speakers = new Set(input.segments.map((segment) => segment.speaker).filter((speaker) => speaker !== null));

      const placed: PlacedInsight[] = [];
      let ungrounded = 0;
      let unfaithful = 0;
      // One part at a time: parallel calls would only meet the provider's rate limit sooner.
      for (const chunk of chunks) {
        const answer = await askModel(input, chunk, usage);
        for (const candidate of answer.insights) {
          const insight = groundCandidate(candidate, chunk, ground, speakers);
          if (!insight) ungrounded++;
          // Checked before merging, so that a faithful telling of a point outranks an unfaithful one.
          else if (!isFaithful(insight, faithful)) unfaithful++;
          else placed.push(insight);
        }
      }

      const merged = mergeDuplicateInsights(placed);
      return {
        insights: merged.insights,
        model: modelId,
        promptVersion: PROMPT_VERSION,
        usage: usage.reported ? { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } : null,
        dropped: { ungrounded, duplicates: merged.duplicates, unfaithful },
      };
    },
  };
}

type ModelInsight = ModelAnswer["insights"][number];

/**
 * The candidate as stored, or null when it cannot be shown: its quote is not in the transcript, or it
 * lacks a headline or body. Times, speaker and quoted words are the transcript's, never the model's.
 */
type GroundedCandidate = PlacedInsight & { firstSegment: number; lastSegment: number };

function isFaithful({ insight, firstSegment, lastSegment }: GroundedCandidate, check: FaithfulnessCheck): boolean {
  return check(insight, { firstSegment, lastSegment }).faithful;
}

function groundCandidate(candidate: ModelInsight, chunk: TranscriptChunk, ground: Grounder, speakers: Set<string | null>): GroundedCandidate | null {
  const headline = candidate.headline.trim();
  const body = candidate.body.trim();
  if (!headline || !body) return null;
  const quote = stripLineMarkers(candidate.quote, speakers).replace(/\s+/g, " ").trim();
  const match = ground(quote, { prefer: { fromSegment: chunk.fromSegment, toSegment: chunk.toSegment } });
  if (!match) return null;
  const topicLabels = [...new Set(candidate.topics.map((topic) => topic.trim()).filter(Boolean))].slice(0, MAX_TOPICS);
  return {
    insight: {
      headline,
      body,
      quote,
      speaker: match.speaker,
      topicLabels,
      qualityScore: candidate.quality,
      startSeconds: match.startSeconds,
      endSeconds: match.endSeconds,
      matchedText: match.matchedText,
    },
    tokenStart: match.tokenStart,
    tokenEnd: match.tokenEnd,
    firstSegment: match.firstSegment,
    lastSegment: match.lastSegment,
  };
}

/**
 * A quote running over two lines may carry the "[mm:ss] Speaker:" we put at the start of a line; those
 * words were never said. A label is only taken off when it names a speaker of this transcript, so that
 * a spoken "Here's the thing: ..." stays.
 */
export function stripLineMarkers(quote: string, speakers: Set<string | null>): string {
  return quote.replace(/\[\d{1,2}(?::\d{2}){1,2}\]\s*(?:([^:\n]{1,80}):\s)?/g, (marker, label: string | undefined) =>
    label === undefined || speakers.has(label.trim()) ? " " : marker.replace(/^\[[^\]]*\]\s*/, " "),
  );
}

function addUsage(usage: Usage, reported: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined): void {
  if (!reported || (reported.inputTokens === undefined && reported.outputTokens === undefined)) return;
  usage.inputTokens += reported.inputTokens ?? 0;
  usage.outputTokens += reported.outputTokens ?? 0;
  usage.reported = true;
}

type Failure =
  | { kind: "format" }
  | { kind: "timeout" }
  | { kind: "rate_limit"; retryAfterMs: number | null }
  | { kind: "provider"; status: number | undefined }
  | { kind: "refused"; status: number | undefined; hint: string }
  | { kind: "unknown" };

function classify(error: unknown, signal: AbortSignal): Failure {
  // Nothing else aborts this signal, whatever the SDK wrapped the abort in.
  if (signal.aborted) return { kind: "timeout" };
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (NoObjectGeneratedError.isInstance(cause) || NoOutputGeneratedError.isInstance(cause)) return { kind: "format" };
  if (APICallError.isInstance(cause)) {
    // A 200 whose body is no chat completion (a proxy's HTML page, a server speaking another dialect).
    if (cause.statusCode !== undefined && cause.statusCode >= 200 && cause.statusCode < 300) return { kind: "format" };
    if (cause.statusCode === 429) return { kind: "rate_limit", retryAfterMs: retryAfterMs(cause.responseHeaders) };
    if (cause.isRetryable) return { kind: "provider", status: cause.statusCode };
    const hint =
      cause.statusCode === 401 || cause.statusCode === 403 ? ": check the API key setting" : cause.statusCode === 404 ? ": check the AI_MODEL setting" : "";
    return { kind: "refused", status: cause.statusCode, hint };
  }
  return { kind: "unknown" };
}

function describe(failure: Exclude<Failure, { kind: "refused" } | { kind: "unknown" }>, tries: number, timeoutMs: number): string {
  switch (failure.kind) {
    case "format":
      return `the model's answer did not fit the expected format after ${tries} tries`;
    case "rate_limit":
      return `the model provider rate-limited us (429) after ${tries} tries`;
    case "timeout":
      return `the model did not answer within ${formatDuration(timeoutMs)} (${tries} tries)`;
    case "provider":
      return `the model provider failed (${failure.status ?? "no answer"}) after ${tries} tries`;
  }
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`;
}

function retryAfterMs(headers: Record<string, string> | undefined): number | null {
  const milliseconds = Number(headers?.["retry-after-ms"]);
  if (Number.isFinite(milliseconds) && milliseconds > 0) return milliseconds;
  const seconds = Number(headers?.["retry-after"]);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  return null;
}
