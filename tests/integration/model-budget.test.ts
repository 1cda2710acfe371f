/**
 * The monthly model budget against a real database: extraction with a configured model (the real
 * `@ai-sdk/openai` client against a local chat-completions server) records what it cost; once this
 * month's spend reaches MODEL_BUDGET_USD_MONTHLY, the next episode is read by the offline extractor,
 * no request reaches the model, and the episode and the admin page's figures say why.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { type ChatCompletionsServer, jsonReply, openAiCompatibleExtractor, startChatCompletionsServer } from "@/tests/helpers/chat-completions-server";
import { corpusFile } from "@/tests/helpers/corpus";
import { TRUSTWORTHY_AI_FILE, USUALLY_RIGHT } from "@/tests/helpers/trustworthy-ai-episode";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-model-budget-"));
process.env.DATA_DIR = dataDir;
// $1 a month, at $1 and $2 per million input and output tokens.
process.env.MODEL_BUDGET_USD_MONTHLY = "1";
process.env.AI_PRICE_INPUT_PER_MTOK = "1";
process.env.AI_PRICE_OUTPUT_PER_MTOK = "2";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { extractEpisodeInsights } = await import("@/lib/insights/extract-episode");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { seedCuratedTopics } = await import("@/lib/topics/topic-store");
const { monthBounds } = await import("@/lib/insights/model-budget");
const { modelSpendOverview } = await import("@/lib/admin/admin-overview");
const { OFFLINE_EXTRACTOR_ID } = await import("@/lib/insights/offline/offline-extractor");
const { getEpisodePage } = await import("@/lib/podcasts/episode-page");

let server: ChatCompletionsServer;
const run = randomUUID().slice(0, 8);
const episodes: string[] = [];
const spendRows: string[] = [];

beforeAll(async () => {
  server = await startChatCompletionsServer();
  await seedCuratedTopics();
  const parsed = parseTranscript(corpusFile(`transcripts/${TRUSTWORTHY_AI_FILE}`), { url: `https://example.com/${TRUSTWORTHY_AI_FILE}` });
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/talk-python`, title: "Talk Python To Me" } });
  for (const n of [1, 2]) {
    const episode = await db.episode.create({
      data: {
        podcastId: podcast.id,
        guid: `${run}-${n}-${TRUSTWORTHY_AI_FILE}`,
        title: "Trustworthy AI in healthcare",
        publishedAt: new Date(Date.UTC(2026, 10, 20)),
        transcriptStatus: "fetched",
        transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
      },
    });
    episodes.push(episode.id);
  }
}, 120_000);

afterAll(async () => {
  // Other files share this database: the spend this file made up must not count against their budgets.
  await db.modelSpend.deleteMany({ where: { OR: [{ id: { in: spendRows } }, { episodeId: { in: episodes } }] } });
  await server.close();
  await closeQueue();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const usuallyRight = {
  headline: "In medicine an AI answer that is usually right is not good enough",
  body: "Sumit Gundawar argues that the danger of AI in healthcare is the rare confident error, not the typical answer. The 1% or 2% of answers a model gets wrong with full confidence reach a real patient.",
  quote: USUALLY_RIGHT,
  speaker: "Sumit Gundawar",
  topics: ["AI safety", "healthcare"],
  quality: 0.85,
};

describe("the monthly model budget", { timeout: 300_000 }, () => {
  it("under budget: the model reads the episode and what it cost is recorded", async () => {
    server.script(jsonReply({ insights: [usuallyRight] }), jsonReply({ insights: [] }));
    const outcome = await extractEpisodeInsights(episodes[0]!, { extractor: openAiCompatibleExtractor(server, { dataDir, sleep: async () => {} }), embedder: offlineEmbedder });
    expect(outcome).toMatchObject({ status: "extracted", insights: 1 });
    expect(await db.episode.findUniqueOrThrow({ where: { id: episodes[0]! } })).toMatchObject({ insightModel: "openai-compatible:test-model", insightFallback: null });
    const spend = await db.modelSpend.findMany({ where: { episodeId: episodes[0]! } });
    // Two parts of 1,200 input and 300 output tokens: 2,400 × $1 + 600 × $2 per million.
    expect(spend).toHaveLength(1);
    expect(spend[0]).toMatchObject({ model: "openai-compatible:test-model", inputTokens: 2400, outputTokens: 600 });
    expect(spend[0]!.costUsd).toBeCloseTo(0.0036, 10);
  });

  it("spent: the offline extractor reads the episode instead, no request reaches the model, and the episode says why", async () => {
    // The rest of the month's spend, as earlier extractions would have recorded it.
    const { start } = monthBounds();
    const earlier = await db.modelSpend.create({ data: { episodeId: `elsewhere-${run}`, model: "openai-compatible:test-model", inputTokens: 500_000, outputTokens: 250_000, costUsd: 1, createdAt: start } });
    spendRows.push(earlier.id);
    const requestsBefore = server.requests.length;

    const outcome = await extractEpisodeInsights(episodes[1]!, { extractor: openAiCompatibleExtractor(server, { dataDir, sleep: async () => {} }), embedder: offlineEmbedder });
    expect(outcome.status).toBe("extracted");
    expect(server.requests.length).toBe(requestsBefore);
    const episode = await db.episode.findUniqueOrThrow({ where: { id: episodes[1]! } });
    expect(episode.insightModel).toBe(OFFLINE_EXTRACTOR_ID);
    const until = monthBounds().end.toISOString().slice(0, 10);
    expect(episode.insightFallback).toBe(`Read by the offline extractor: this month's model budget ($1.00) is spent ($1.00). The model is used again from ${until}.`);
    expect(await db.insight.count({ where: { episodeId: episodes[1]!, model: OFFLINE_EXTRACTOR_ID } })).toBeGreaterThan(0);
    expect(await db.modelSpend.count({ where: { episodeId: episodes[1]! } })).toBe(0);
    // The episode's page tells its readers too.
    expect((await getEpisodePage(episode.podcastId, episode.id, `reader-${run}`))?.episode.insightFallback).toBe(episode.insightFallback);

    const overview = await modelSpendOverview();
    expect(overview).toMatchObject({ budgetUsd: 1, reached: true });
    expect(overview.spent.usd).toBeGreaterThanOrEqual(1.0036 - 1e-9);
    expect(overview.fallbackEpisodes).toBeGreaterThanOrEqual(1);
  });

  it("spend of an earlier month does not count against this one", async () => {
    await db.modelSpend.deleteMany({ where: { id: { in: spendRows } } });
    const lastMonth = new Date(monthBounds().start.getTime() - 1);
    const old = await db.modelSpend.create({ data: { episodeId: `elsewhere-${run}`, model: "openai-compatible:test-model", inputTokens: 1, outputTokens: 1, costUsd: 50, createdAt: lastMonth } });
    spendRows.push(old.id);
    const overview = await modelSpendOverview();
    expect(overview.reached).toBe(false);
  });
});
