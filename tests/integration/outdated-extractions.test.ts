/**
 * Episodes an older offline extractor read are read again by the current one, with no operator
 * step, so a release's better insights reach existing databases (the demo's included); a model's
 * work is never redone on its own, since that would spend tokens.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { corpusFile } from "@/tests/helpers/corpus";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { queueOutdatedOfflineExtractions } = await import("@/lib/insights/sweep-insights");
const { extractInsightsJob } = await import("@/worker/handlers");
const { OFFLINE_EXTRACTOR_ID } = await import("@/lib/insights/offline/offline-extractor");
const { seedCuratedTopics } = await import("@/lib/topics/topic-store");

const run = randomUUID().slice(0, 8);
const ids: Record<"outdated" | "current" | "model" | "pending", string> = { outdated: "", current: "", model: "", pending: "" };

afterAll(async () => {
  await closeQueue();
});

beforeAll(async () => {
  await seedCuratedTopics();
  const parsed = parseTranscript(corpusFile("transcripts/transcriptator_buzzcast.srt"), { url: "https://example.com/buzzcast.srt" });
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/outdated`, title: "Buzzcast" } });
  const made = { outdated: "offline:0-old", current: OFFLINE_EXTRACTOR_ID, model: "openai:gpt-test", pending: null } as const;
  for (const [kind, insightModel] of Object.entries(made) as [keyof typeof ids, string | null][]) {
    const episode = await db.episode.create({
      data: {
        podcastId: podcast.id,
        guid: `${run}-${kind}`,
        title: `Buzzcast ${kind}`,
        transcriptStatus: "fetched",
        insightStatus: insightModel ? "done" : "pending",
        insightModel,
        transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
      },
    });
    ids[kind] = episode.id;
  }
});

describe("outdated offline extractions", () => {
  it("queues the episodes an older offline extractor read, and only those", async () => {
    const queued = await queueOutdatedOfflineExtractions(OFFLINE_EXTRACTOR_ID, 10_000);
    expect(queued).toContain(ids.outdated);
    expect(queued).not.toContain(ids.current);
    expect(queued).not.toContain(ids.model);
    expect(queued).not.toContain(ids.pending);
  });

  it("queues nothing when a model is the configured extractor", async () => {
    expect(await queueOutdatedOfflineExtractions("openai:gpt-test", 10_000)).toEqual([]);
  });

  it("once the queued job has run, the episode carries the current extractor and is not queued again", async () => {
    await extractInsightsJob.run({ episodeId: ids.outdated, force: true, reason: OFFLINE_EXTRACTOR_ID }, { jobId: randomUUID(), retryCount: 0 });
    const episode = await db.episode.findUniqueOrThrow({ where: { id: ids.outdated }, select: { insightModel: true } });
    expect(episode.insightModel).toBe(OFFLINE_EXTRACTOR_ID);
    expect(await queueOutdatedOfflineExtractions(OFFLINE_EXTRACTOR_ID, 10_000)).not.toContain(ids.outdated);
  });
});
