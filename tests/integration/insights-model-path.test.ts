/**
 * The model path end to end against a real database: a real corpus transcript, the real
 * `@ai-sdk/openai` client chosen by AI_PROVIDER=openai-compatible, a local chat-completions server,
 * and what the episode and its insights look like afterwards when the model answers well, invents a
 * figure, rate-limits, or answers with something that is not insights.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { type ChatCompletionsServer, jsonReply, openAiCompatibleExtractor, startChatCompletionsServer } from "@/tests/helpers/chat-completions-server";
import { corpusFile } from "@/tests/helpers/corpus";
import { TEN_MILLION, TRUSTWORTHY_AI_FILE, USUALLY_RIGHT } from "@/tests/helpers/trustworthy-ai-episode";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-model-path-"));
process.env.DATA_DIR = dataDir;

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { extractEpisodeInsights } = await import("@/lib/insights/extract-episode");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { seedCuratedTopics } = await import("@/lib/topics/topic-store");

const usuallyRight = {
  headline: "In medicine an AI answer that is usually right is not good enough",
  body: "Sumit Gundawar argues that the danger of AI in healthcare is the rare confident error, not the typical answer. The 1% or 2% of answers a model gets wrong with full confidence reach a real patient.",
  quote: USUALLY_RIGHT,
  speaker: "Sumit Gundawar",
  topics: ["AI safety", "healthcare"],
  quality: 0.85,
};
const invented = {
  headline: "One scanning clinic would cost $80 million to equip",
  body: "Sumit Gundawar estimates that a single scanning clinic would need $80 million of infrastructure and servers.",
  quote: TEN_MILLION,
  speaker: "Sumit Gundawar",
  topics: ["healthcare infrastructure"],
  quality: 0.9,
};

let server: ChatCompletionsServer;
let episodeId: string;

beforeAll(async () => {
  server = await startChatCompletionsServer();
  await seedCuratedTopics();
  const parsed = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` });
  const run = randomUUID().slice(0, 8);
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/talk-python`, title: "Talk Python To Me" } });
  const episode = await db.episode.create({
    data: {
      podcastId: podcast.id,
      guid: `${run}-${TRUSTWORTHY_AI_FILE}`,
      title: "Trustworthy AI in healthcare",
      publishedAt: new Date(Date.UTC(2026, 10, 20)),
      transcriptStatus: "fetched",
      transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
    },
  });
  episodeId = episode.id;
}, 120_000);

afterAll(async () => {
  await server.close();
  await closeQueue();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The extractor AI_PROVIDER=openai-compatible configures; its waits between tries are skipped. */
function modelExtractor() {
  return openAiCompatibleExtractor(server, { dataDir, sleep: async () => {} });
}

describe("extracting an episode with a model behind a chat-completions server", { timeout: 300_000 }, () => {
  it("stores the faithful insights with the transcript's times, the model and prompt version, and counts the one that invented a figure", async () => {
    // The app's default part size reads this hour-long episode in two parts: both quotes are in the first.
    server.script(jsonReply({ insights: [invented, usuallyRight] }), jsonReply({ insights: [] }));
    const outcome = await extractEpisodeInsights(episodeId, { extractor: modelExtractor(), embedder: offlineEmbedder });
    expect(outcome).toMatchObject({ status: "extracted", insights: 1, ungrounded: 0 });

    const episode = await db.episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(episode).toMatchObject({
      insightStatus: "done",
      insightError: null,
      insightModel: "openai-compatible:test-model",
      insightPromptVersion: "model-2",
      insightInputTokens: 2400,
      insightOutputTokens: 600,
      insightsUngrounded: 0,
      insightsUnfaithful: 1,
    });
    const insights = await db.insight.findMany({ where: { episodeId } });
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      headline: usuallyRight.headline,
      body: usuallyRight.body,
      quote: USUALLY_RIGHT,
      speaker: "Sumit Gundawar",
      startSeconds: 487.5,
      endSeconds: 498.3,
      model: "openai-compatible:test-model",
      promptVersion: "model-2",
      inputTokens: 2400,
      outputTokens: 600,
      embeddingModel: "use-lite-512",
    });
    expect(insights.some((insight) => insight.body.includes("$80 million"))).toBe(false);
  });

  it("fails with a retry when the provider keeps rate-limiting, and keeps the insights the episode had", async () => {
    server.script({ status: 429, message: "Rate limit reached for requests" });
    const outcome = await extractEpisodeInsights(episodeId, { extractor: modelExtractor(), embedder: offlineEmbedder, force: true });
    expect(outcome).toEqual({ status: "failed", retry: true, reason: 'Could not extract insights from "Trustworthy AI in healthcare" (part 1 of 2): the model provider rate-limited us (429) after 3 tries.' });
    const episode = await db.episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(episode).toMatchObject({ insightStatus: "failed", insightError: outcome.status === "failed" ? outcome.reason : null, insightsUnfaithful: 1 });
    expect(await db.insight.count({ where: { episodeId } })).toBe(1);
  });

  it("fails without a retry when the answers are not the insights asked for, and keeps the insights the episode had", async () => {
    server.script({ content: "Sure! Here are the key insights: AI in healthcare is risky." });
    const outcome = await extractEpisodeInsights(episodeId, { extractor: modelExtractor(), embedder: offlineEmbedder, force: true });
    expect(outcome).toMatchObject({ status: "failed", retry: false });
    expect(await db.insight.count({ where: { episodeId } })).toBe(1);
  });
});
