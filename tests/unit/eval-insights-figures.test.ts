/**
 * `npm run eval:insights -- --provider` without a key: a scripted model (MockLanguageModelV4) behind
 * the real model extractor, through the script's own episode evaluation, so the token, ratio and cost
 * figures it prints are the ones checked here.
 */
import type { LanguageModelV4GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import type { Embedder } from "@/lib/insights/embeddings";
import { chunkTranscript, estimateTokens } from "@/lib/insights/model/chunk-transcript";
import { createModelExtractor } from "@/lib/insights/model/model-extractor";
import { prepareTopics } from "@/lib/topics/prepare-topics";
import { CURATED_TOPICS } from "@/lib/topics/curated-topics";
import { evaluateEpisode, usageFigures } from "@/scripts/eval-insights";
import { corpusFile } from "@/tests/helpers/corpus";

const NAME = "talkpython_554-trustworthy-ai-in-healthcare.vtt";
const transcript = parseTranscript(corpusFile(`transcripts/${NAME}`), { url: `https://example.com/${NAME}` });
// Said at 08:07.5–08:18.3 by Sumit Gundawar.
const USUALLY_RIGHT = "I think in a high stakes environment, what would happen is the answer is not a problem. The answer is usually right. But the keyword here is the usually part.";

const INPUT_PER_CALL = 9_000;
const OUTPUT_PER_CALL = 400;

function reply(insights: unknown[], usage: { input: number | undefined; output: number | undefined }): LanguageModelV4GenerateResult {
  return {
    content: [{ type: "text", text: JSON.stringify({ insights }) }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: {
      inputTokens: { total: usage.input, noCache: usage.input, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: usage.output, text: usage.output, reasoning: undefined },
    },
    warnings: [],
  };
}

const grounded = {
  headline: "High-stakes AI fails in the rare confident error",
  body: "In medicine an assistant that is usually right is not good enough. The rare confidently wrong answer reaches a real patient, so the engineering effort goes into catching it.",
  quote: USUALLY_RIGHT,
  speaker: null,
  topics: ["AI safety", "healthcare"],
  quality: 0.8,
};
const invented = { ...grounded, headline: "Something never said", quote: "Hospitals should replace every doctor with a chatbot by next spring at the latest." };

/** Words hashed into a small vector: deterministic, and no model to load. */
const wordHashEmbedder: Embedder = {
  id: "test:word-hash",
  dimensions: 32,
  async embed(texts) {
    return texts.map((text) => {
      const vector = new Float32Array(32);
      for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
        let hash = 0;
        for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) % 32;
        vector[hash]! += 1;
      }
      const length = Math.hypot(...vector) || 1;
      return vector.map((value) => value / length);
    });
  },
};

async function evaluateWith(usage: { input: number | undefined; output: number | undefined }) {
  const calls: number[] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async () => {
      calls.push(calls.length);
      return reply([grounded, invented], usage);
    },
  });
  const extractor = createModelExtractor({ model, modelId: "mock:insights", sleep: async () => {} });
  const topics = await prepareTopics(
    CURATED_TOPICS.map((topic) => ({ id: topic.slug, name: topic.name, description: topic.description })),
    wordHashEmbedder,
  );
  const row = await evaluateEpisode(NAME, transcript, { extractor, embedder: wordHashEmbedder, topics });
  return { row, calls: calls.length };
}

describe("eval:insights --provider figures", () => {
  it("adds up the model's tokens per episode and relates them to the audio and to the transcript's own size", async () => {
    const { row, calls } = await evaluateWith({ input: INPUT_PER_CALL, output: OUTPUT_PER_CALL });
    // One call per part of the transcript, as the extractor splits it.
    expect(calls).toBe(chunkTranscript(transcript.segments).length);
    expect(calls).toBeGreaterThan(1);

    // The same insight from every part is kept once; the invented quote never is.
    expect(row.count).toBe(1);
    expect(row.grounded).toBe(1);
    expect(row.insights[0]!.startSeconds).toBeCloseTo(487.5, 0);
    expect(row.transcriptTokens).toBe(estimateTokens(transcript.text));
    expect(row.hours).toBeCloseTo(1.01, 2);

    const figures = usageFigures([row], { inputPerMillion: 2, outputPerMillion: 8 })!;
    const input = INPUT_PER_CALL * calls;
    const output = OUTPUT_PER_CALL * calls;
    expect(figures).toMatchObject({ episodes: 1, inputTokens: input, outputTokens: output });
    expect(figures.tokensPerHour).toBeCloseTo((input + output) / row.hours, 6);
    expect(figures.inputPerTranscriptToken).toBeCloseTo(input / estimateTokens(transcript.text), 6);
    expect(figures.costUsd).toBeCloseTo((input * 2 + output * 8) / 1_000_000, 9);

    // Without prices there is no cost to show, but the tokens still count.
    expect(usageFigures([row], null)).toMatchObject({ inputTokens: input, costUsd: null });
  });

  it("totals several episodes by their sums, and leaves out episodes whose usage the model did not report", async () => {
    const { row } = await evaluateWith({ input: INPUT_PER_CALL, output: OUTPUT_PER_CALL });
    const { row: unreported } = await evaluateWith({ input: undefined, output: undefined });
    expect(unreported.usage).toBeNull();
    expect(usageFigures([unreported], null)).toBeNull();

    const short = { hours: 0.5, transcriptTokens: 5_000, usage: { inputTokens: 6_000, outputTokens: 500 } };
    const total = usageFigures([row, unreported, short], null)!;
    expect(total.episodes).toBe(2);
    expect(total.inputTokens).toBe(row.usage!.inputTokens + 6_000);
    expect(total.tokensPerHour).toBeCloseTo((row.usage!.inputTokens + row.usage!.outputTokens + 6_500) / (row.hours + 0.5), 6);
    expect(total.inputPerTranscriptToken).toBeCloseTo((row.usage!.inputTokens + 6_000) / (row.transcriptTokens + 5_000), 6);
  });
});
