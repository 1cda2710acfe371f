/**
 * The pipeline holds every extractor to faithfulness: whatever an extractor checked itself, an insight
 * stating a number or name not said around its quote is dropped before a reader sees it, and counted.
 */
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import type { Embedder } from "@/lib/insights/embeddings";
import { runInsightPipeline } from "@/lib/insights/pipeline";
import type { ExtractionInput, Extractor, GroundedInsight } from "@/lib/insights/types";
import { corpusFile } from "@/tests/helpers/corpus";

const NAME = "talkpython_554-trustworthy-ai-in-healthcare.vtt";
const segments = parseTranscript(corpusFile(`transcripts/${NAME}`), { url: `https://example.com/${NAME}` }).segments;
const input: ExtractionInput = { segments, episodeTitle: "Trustworthy AI in healthcare", podcastTitle: "Talk Python To Me" };

// Said at 24:40 by Sumit Gundawar.
const TEN_MILLION = "I think it would take about 10 million pounds, like, you know, just to have the infrastructure and the server ready to have.";

function said(headline: string, body: string): GroundedInsight {
  return { headline, body, quote: TEN_MILLION, matchedText: TEN_MILLION, speaker: "Sumit Gundawar", topicLabels: [], qualityScore: 0.7, startSeconds: 1480.88, endSeconds: 1486.98 };
}

const embedder: Embedder = { id: "test-embedder", dimensions: 2, embed: async (texts) => texts.map(() => Float32Array.from([1, 0])) };

function extractorOf(insights: GroundedInsight[], unfaithful = 0): Extractor {
  return {
    id: "test:extractor",
    extract: async () => ({ insights, model: "test:extractor", promptVersion: "test-1", usage: null, dropped: { ungrounded: 1, duplicates: 2, unfaithful } }),
  };
}

describe("the insight pipeline", () => {
  it("drops an insight whose body states a figure nobody said, counts it, and keeps the rest", async () => {
    const faithful = said("One scanning clinic would cost about 10 million pounds", "Sumit Gundawar estimates the infrastructure for one clinic at about 10 million pounds.");
    const invented = said("One scanning clinic would cost $80 million", "Sumit Gundawar estimates the infrastructure for one clinic at $80 million.");
    const result = await runInsightPipeline(input, { extractor: extractorOf([faithful, invented], 3), embedder, topics: [] });
    expect(result.insights.map((insight) => insight.headline)).toEqual([faithful.headline]);
    // The extractor's own count and the pipeline's add up; the other counts pass through.
    expect(result.dropped).toEqual({ ungrounded: 1, duplicates: 2, unfaithful: 4 });
    expect(result.insights[0]!.embedding).toEqual(Float32Array.from([1, 0]));
  });
});
