/**
 * The insight pipeline end to end against a real database, on real transcripts from the corpus:
 * offline extraction, grounding, the offline embedding model, topic assignment against the curated
 * topics, related insights and clusters, re-processing, and what a failing model leaves behind.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LanguageModelV4GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { corpusFile } from "@/tests/helpers/corpus";

// The worker's neighbour-index snapshots go to DATA_DIR: a folder of this test's own.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-insights-"));
process.env.DATA_DIR = dataDir;

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { extractEpisodeInsights, insightId } = await import("@/lib/insights/extract-episode");
const { relateEpisodeInsights } = await import("@/lib/insights/relate/relate-episode");
const { resetNeighbourIndex, saveNeighbourIndex } = await import("@/lib/insights/relate/neighbour-index");
const { unrelateEpisodes, warmNeighbourIndex } = await import("@/lib/insights/relate/relate-episode");
const { neighbourSearchFor, pinNeighbourSearch } = await import("@/lib/insights/relate/neighbour-search");
const { RELATED_LIMIT, thresholdsFor } = await import("@/lib/insights/relate/choose");
const { reprocess } = await import("@/lib/insights/reprocess");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { createOfflineExtractor, OFFLINE_EXTRACTOR_ID, OFFLINE_PROMPT_VERSION } = await import("@/lib/insights/offline/offline-extractor");
const { createModelExtractor } = await import("@/lib/insights/model/model-extractor");
const { seedCuratedTopics } = await import("@/lib/topics/topic-store");
const { groundQuote } = await import("@/lib/insights/grounding");
const { extractInsightsJob } = await import("@/worker/handlers");

afterAll(async () => {
  await closeQueue();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const run = randomUUID().slice(0, 8);
const extractor = createOfflineExtractor();
const embedder = offlineEmbedder;

/** Real episodes of four shows, two of them on related subjects (AI), read from the corpus. */
const EPISODES = [
  { show: "Practical AI", file: "changelog_practical-ai-273.md", title: "Practical AI 273" },
  { show: "Practical AI", file: "changelog_practical-ai-276.md", title: "Practical AI 276" },
  { show: "Talk Python To Me", file: "talkpython_554-trustworthy-ai-in-healthcare.vtt", title: "Trustworthy AI in healthcare" },
  { show: "Talk Python To Me", file: "talkpython_517-agentic-ai.txt", title: "Agentic AI" },
  { show: "Brain Science", file: "changelog_brain-science-33.md", title: "Brain Science 33" },
  { show: "Stephan Livera Podcast", file: "btctranscripts_slp277-alejandro-de-la-torre.md", title: "SLP277" },
];

type Stored = { id: string; podcastId: string; file: string; text: string; segments: ReturnType<typeof parseTranscript>["segments"] };

async function storeEpisode(podcastId: string, file: string, title: string, publishedAt: Date): Promise<Stored> {
  const parsed = parseTranscript(corpusFile(`transcripts/${file}`), { url: `https://example.com/${file}` });
  const episode = await db.episode.create({
    data: {
      podcastId,
      guid: `${run}-${file}`,
      title,
      publishedAt,
      transcriptStatus: "fetched",
      transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
    },
  });
  return { id: episode.id, podcastId, file, text: parsed.text, segments: parsed.segments };
}

const episodes: Stored[] = [];
const podcastIds = new Map<string, string>();

beforeAll(async () => {
  await seedCuratedTopics();
  for (const [i, entry] of EPISODES.entries()) {
    let podcastId = podcastIds.get(entry.show);
    if (!podcastId) {
      podcastId = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/${entry.show}`, title: entry.show } })).id;
      podcastIds.set(entry.show, podcastId);
    }
    episodes.push(await storeEpisode(podcastId, entry.file, entry.title, new Date(Date.UTC(2026, 10, 1 + i))));
  }
}, 120_000);

async function insightsOf(episodeId: string) {
  return db.insight.findMany({ where: { episodeId }, include: { topics: { include: { topic: true } } }, orderBy: { startSeconds: "asc" } });
}

describe("extracting an episode's insights", { timeout: 300_000 }, () => {
  it("stores grounded insights with their model, vectors and topics for every episode", async () => {
    for (const episode of episodes) {
      const outcome = await extractEpisodeInsights(episode.id, { extractor, embedder });
      expect(outcome).toMatchObject({ status: "extracted", ungrounded: 0 });

      const stored = await db.episode.findUniqueOrThrow({ where: { id: episode.id } });
      expect(stored).toMatchObject({ insightStatus: "done", insightError: null, insightModel: OFFLINE_EXTRACTOR_ID, insightPromptVersion: OFFLINE_PROMPT_VERSION });
      const insights = await insightsOf(episode.id);
      expect(insights.length).toBeGreaterThanOrEqual(2);
      for (const insight of insights) {
        // Grounded: found in the transcript by the independent matcher, with times from the transcript.
        const found = groundQuote(insight.quote, episode.segments);
        expect(found, insight.quote).not.toBeNull();
        // Markdown transcripts are timed only here and there; between marks, times are estimated from the words. Fully timed ones use the cues..
        if (timed(episode)) {
          // A quote may start mid-cue: its time is then interpolated within the cues it matched.
          expect(insight.startSeconds).toBeGreaterThanOrEqual(found!.startSeconds - 0.01);
          expect(insight.startSeconds).toBeLessThanOrEqual(found!.endSeconds);
        }
        expect(insight.endSeconds).toBeGreaterThanOrEqual(insight.startSeconds);
        expect(insight.embedding).toHaveLength(512);
        expect(insight.embeddingModel).toBe("use-lite-512");
        expect(insight.publishedAt).toEqual(stored.publishedAt);
        expect(insight.headline.length).toBeGreaterThan(10);
        for (const link of insight.topics) {
          expect(link.topic.kind).toBe("curated");
          expect(link.publishedAt).toEqual(stored.publishedAt);
        }
      }
    }
    const all = await db.insight.findMany({ where: { episodeId: { in: episodes.map((e) => e.id) } }, select: { _count: { select: { topics: true } } } });
    const withTopic = all.filter((insight) => insight._count.topics > 0).length;
    // 33 of these 37 have a topic. Of the 4 without, 3 are chit-chat the extractor should not pick
    // ("Ben is a fellow engineering manager out there", "The first one will be in San Francisco", "the
    // signaling started exactly the same day"), left open in issue 14; a broken assignment falls far lower.
    expect(withTopic / all.length).toBeGreaterThanOrEqual(0.85);
  });

  it("files insights under the topics they are about", async () => {
    const healthcare = episodes.find((e) => e.file.includes("healthcare"))!;
    const bitcoin = episodes.find((e) => e.file.startsWith("btctranscripts"))!;
    const slugs = async (episodeId: string) => new Set((await insightsOf(episodeId)).flatMap((insight) => insight.topics.map((link) => link.topic.slug)));
    expect(await slugs(healthcare.id)).toContain("artificial-intelligence");
    expect(await slugs(bitcoin.id)).toContain("crypto-bitcoin");
  });

  it("relates insights across shows and clusters the same point made twice", async () => {
    // The same interview published by a second show (syndication happens): its insights make the same points.
    const syndicator = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/syndicated`, title: "Syndicated AI" } });
    const original = episodes.find((e) => e.file.includes("healthcare"))!;
    const copy = await storeEpisode(syndicator.id, original.file, "Trustworthy AI in healthcare (rebroadcast)", new Date(Date.UTC(2026, 10, 20)));
    await extractEpisodeInsights(copy.id, { extractor, embedder });
    episodes.push(copy);

    for (const episode of episodes) await relateEpisodeInsights(episode.id, { embedder });
    const ids = episodes.map((e) => e.id);
    const insights = await db.insight.findMany({
      where: { episodeId: { in: ids } },
      include: { related: { include: { relatedInsight: { select: { episodeId: true, episode: { select: { podcastId: true } } } } } }, topics: true },
    });
    const { related: threshold } = thresholdsFor(embedder.id);
    expect(insights.every((insight) => insight.relatedAt !== null)).toBe(true);

    let acrossShows = 0;
    for (const insight of insights) {
      expect(insight.related.length).toBeLessThanOrEqual(RELATED_LIMIT);
      for (const relation of insight.related) {
        expect(relation.relatedInsightId).not.toBe(insight.id);
        expect(relation.score).toBeGreaterThanOrEqual(threshold - 1e-9);
        if (relation.relatedInsight.episode.podcastId !== podcastOf(insight.episodeId)) acrossShows++;
      }
      // Other episodes come first: once a same-episode entry appears, none from other episodes follow.
      const order = [...insight.related].sort((a, b) => b.score - a.score);
      const sameEpisode = order.filter((r) => r.relatedInsight.episodeId === insight.episodeId);
      const otherEpisodes = order.filter((r) => r.relatedInsight.episodeId !== insight.episodeId);
      if (sameEpisode.length && otherEpisodes.length < insight.related.length - sameEpisode.length) throw new Error("ordering");
      // The feed's copy of the cluster matches the insight's.
      for (const link of insight.topics) expect(link.clusterId).toBe(insight.clusterId);
    }
    expect(acrossShows).toBeGreaterThan(0);

    // Each rebroadcast insight sits in one cluster with its original.
    const originals = new Map(insights.filter((i) => i.episodeId === original.id).map((i) => [i.quote, i]));
    const copies = insights.filter((i) => i.episodeId === copy.id);
    expect(copies.length).toBeGreaterThan(0);
    for (const twin of copies) {
      expect(twin.clusterId).not.toBeNull();
      expect(originals.get(twin.quote)?.clusterId).toBe(twin.clusterId);
    }

    // Clusters: at least two members from at least two episodes, their size and title up to date.
    const clusterIds = [...new Set(insights.flatMap((i) => (i.clusterId ? [i.clusterId] : [])))];
    for (const cluster of await db.cluster.findMany({ where: { id: { in: clusterIds } }, include: { insights: true } })) {
      expect(cluster.size).toBe(cluster.insights.length);
      expect(cluster.size).toBeGreaterThanOrEqual(2);
      expect(new Set(cluster.insights.map((member) => member.episodeId)).size).toBeGreaterThanOrEqual(2);
      const best = [...cluster.insights].sort((a, b) => b.qualityScore - a.qualityScore || (a.id < b.id ? -1 : 1))[0]!;
      expect(cluster.representativeInsightId).toBe(best.id);
      expect(cluster.label).toBe(best.headline);
    }
  });

  it("finds neighbours with pgvector on the embedded database, and in each worker on a server without it", async () => {
    expect(await neighbourSearchFor(embedder)).toBe(inject("databaseKind") === "embedded" ? "database" : "in-process");
  });

  it.runIf(inject("databaseKind") === "embedded")("relates and clusters the same with pgvector as with the in-process index", async () => {
    const ids = episodes.map((e) => e.id);
    const relateAll = async (kind: "database" | "in-process") => {
      pinNeighbourSearch(kind);
      resetNeighbourIndex();
      await unrelateEpisodes(ids);
      for (const id of ids) await relateEpisodeInsights(id, { embedder });
      const insights = await db.insight.findMany({
        where: { episodeId: { in: ids } },
        select: { id: true, clusterId: true, related: { select: { relatedInsightId: true, score: true }, orderBy: { relatedInsightId: "asc" } } },
        orderBy: { id: "asc" },
      });
      // Cluster ids are new on every run: compare who is clustered with whom.
      const membersOf = new Map<string, string[]>();
      for (const insight of insights) if (insight.clusterId) membersOf.set(insight.clusterId, [...(membersOf.get(insight.clusterId) ?? []), insight.id]);
      return insights.map((insight) => ({
        id: insight.id,
        clusteredWith: insight.clusterId ? membersOf.get(insight.clusterId)! : [],
        related: insight.related.map((r) => r.relatedInsightId),
        scores: insight.related.map((r) => r.score),
      }));
    };
    try {
      const inProcess = await relateAll("in-process");
      expect(inProcess.some((insight) => insight.clusteredWith.length > 0)).toBe(true);
      const inDatabase = await relateAll("database");
      const withoutScores = (rows: typeof inProcess) => rows.map(({ id, clusteredWith, related }) => ({ id, clusteredWith, related }));
      expect(withoutScores(inDatabase)).toEqual(withoutScores(inProcess));
      // pgvector sums in single precision: the same similarities to a few parts in a million.
      const drift = inDatabase.flatMap((insight, i) => insight.scores.map((score, j) => Math.abs(score - inProcess[i]!.scores[j]!)));
      expect(Math.max(0, ...drift)).toBeLessThan(1e-5);
    } finally {
      pinNeighbourSearch(undefined);
    }
  });

  it("relates the same way in a process that starts with an empty index", async () => {
    // This is about the in-process index, which the embedded database would not use.
    pinNeighbourSearch("in-process");
    onTestFinished(() => pinNeighbourSearch(undefined));
    const probe = episodes[0]!;
    const relations = () => db.insightRelation.findMany({ where: { insight: { episodeId: probe.id } }, orderBy: [{ insightId: "asc" }, { relatedInsightId: "asc" }] });
    const relateAgain = async (freshProcess: boolean) => {
      await db.insight.updateMany({ where: { episodeId: probe.id }, data: { relatedAt: null } });
      if (freshProcess) resetNeighbourIndex();
      await relateEpisodeInsights(probe.id, { embedder });
      return (await relations()).map((r) => [r.insightId, r.relatedInsightId, r.score.toFixed(5)]);
    };
    const warm = await relateAgain(false);
    expect(warm.length).toBeGreaterThan(0);
    expect(await relateAgain(true)).toEqual(warm);

    // A restarted worker starts from its snapshot and catches up on what was related since.
    const indexed = await warmNeighbourIndex(embedder);
    expect(saveNeighbourIndex()).toBe(true);
    resetNeighbourIndex();
    expect(await warmNeighbourIndex(embedder)).toBe(indexed);
    expect(await relateAgain(false)).toEqual(warm);

    // A damaged snapshot is ignored: the index is rebuilt from the database, with the same answers.
    for (const file of fs.readdirSync(path.join(dataDir, "neighbour-index"))) {
      if (file.endsWith(".idx")) fs.writeFileSync(path.join(dataDir, "neighbour-index", file), "damaged");
    }
    resetNeighbourIndex();
    expect(await warmNeighbourIndex(embedder)).toBe(indexed);
    expect(await relateAgain(false)).toEqual(warm);
  });

  it("re-processes idempotently: a second run leaves the same insights, relations and clusters, and a saved insight survives", async () => {
    const podcastId = episodes[0]!.podcastId;
    const snapshot = async () => {
      const insights = await db.insight.findMany({
        where: { episode: { podcastId } },
        select: { id: true, headline: true, clusterId: true, related: { select: { relatedInsightId: true } }, topics: { select: { topicId: true } } },
        orderBy: { id: "asc" },
      });
      return insights.map((i) => ({
        id: i.id,
        headline: i.headline,
        clustered: i.clusterId !== null,
        related: i.related.map((r) => r.relatedInsightId).sort(),
        topics: i.topics.map((t) => t.topicId).sort(),
      }));
    };
    const reader = await db.user.create({ data: { email: `reader-${run}@example.com` } });
    const saved = (await snapshot())[0]!;
    await db.savedInsight.create({ data: { userId: reader.id, insightId: saved.id } });

    for (const step of ["extract", "embed", "relate"] as const) {
      const once = await reprocess({ podcastId }, step, { extractor, embedder });
      expect(once).toMatchObject({ episodes: 2, failed: [] });
      const afterOnce = await snapshot();
      await reprocess({ podcastId }, step, { extractor, embedder });
      expect(await snapshot(), step).toEqual(afterOnce);
      expect(afterOnce.map((i) => i.id)).toContain(saved.id);
    }
    expect(await db.savedInsight.count({ where: { userId: reader.id, insightId: saved.id } })).toBe(1);
    // Ids are derived from the episode and the quoted moment, so a second extraction finds the same rows.
    const first = (await insightsOf(episodes[0]!.id))[0]!;
    expect(insightId(episodes[0]!.id, first)).toBe(first.id);
  });
});

function timed(episode: Stored): boolean {
  return episode.segments.every((segment) => segment.end > 0);
}

function podcastOf(episodeId: string): string {
  return episodes.find((e) => e.id === episodeId)!.podcastId;
}

describe("when extraction fails", { timeout: 120_000 }, () => {
  function modelAnswering(text: string): MockLanguageModelV4 {
    const result: LanguageModelV4GenerateResult = {
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 10, text: 10, reasoning: undefined },
      },
      warnings: [],
    };
    return new MockLanguageModelV4({ doGenerate: async () => result });
  }

  it("records a clear error on the episode and keeps the insights it had", async () => {
    const episode = episodes[1]!;
    const had = await db.insight.count({ where: { episodeId: episode.id } });
    expect(had).toBeGreaterThan(0);
    const broken = createModelExtractor({ model: modelAnswering("this is not JSON"), modelId: "mock:broken", maxRetries: 1, sleep: async () => {} });

    const outcome = await extractEpisodeInsights(episode.id, { extractor: broken, embedder, force: true });
    expect(outcome).toMatchObject({ status: "failed", retry: false });
    const stored = await db.episode.findUniqueOrThrow({ where: { id: episode.id } });
    expect(stored.insightStatus).toBe("failed");
    expect(stored.insightError).toMatch(/^Could not extract insights from "Practical AI 276": .*(schema|JSON|format)/i);
    expect(await db.insight.count({ where: { episodeId: episode.id } })).toBe(had);

    // A later run that works puts the episode right.
    expect(await extractEpisodeInsights(episode.id, { extractor, embedder, force: true })).toMatchObject({ status: "extracted" });
    expect(await db.episode.findUniqueOrThrow({ where: { id: episode.id } })).toMatchObject({ insightStatus: "done", insightError: null });
  });

  it("says why an episode without a transcript has no insights", async () => {
    const podcastId = episodes[0]!.podcastId;
    const episode = await db.episode.create({
      data: {
        podcastId,
        guid: `${run}-notes`,
        title: "Notes only",
        transcriptStatus: "missing",
        transcript: { create: { sourceFormat: "show_notes", text: "Links and sponsors.", segments: [{ start: 0, end: 0, speaker: null, text: "Links and sponsors." }], isShowNotesFallback: true } },
      },
    });
    expect(await extractEpisodeInsights(episode.id, { extractor, embedder })).toMatchObject({ status: "skipped" });
    expect(await db.episode.findUniqueOrThrow({ where: { id: episode.id } })).toMatchObject({ insightStatus: "skipped", insightError: expect.stringMatching(/No transcript/) });
  });

  it("the extraction job queues relating once the insights are stored", async () => {
    const episode = await storeEpisode(episodes[0]!.podcastId, "changelog_practical-ai-86.md", "Practical AI 86", new Date(Date.UTC(2026, 10, 25)));
    await extractInsightsJob.run({ episodeId: episode.id, force: false, reason: "transcript" }, { jobId: "test", retryCount: 0 });
    const stored = await db.episode.findUniqueOrThrow({ where: { id: episode.id } });
    expect(stored.insightStatus).toBe("done");
    const queued = await db.$queryRaw<{ name: string }[]>`SELECT name FROM pgboss.job WHERE name = 'relate-insights' AND singleton_key = ${`${episode.id}:${stored.insightsExtractedAt!.toISOString()}`}`;
    expect(queued).toHaveLength(1);
  });
});
