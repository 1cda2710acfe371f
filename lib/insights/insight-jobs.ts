/**
 * The insight pipeline's jobs. A fetched transcript queues extraction; extraction queues relating.
 * A sweep every few minutes queues whatever a crash between two steps left behind (a transcript with
 * no extraction queued, insights never related, vectors from a previous embedding model), so no
 * episode is ever lost between steps, and the same keys make its work run once.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { configuredExtractor } from "@/lib/insights/configured-extractor";
import { configuredEmbedder } from "@/lib/insights/embeddings";
import { extractEpisodeInsights } from "@/lib/insights/extract-episode";
import { reembedInsights } from "@/lib/insights/reembed";
import { relateEpisodeInsights } from "@/lib/insights/relate/relate-episode";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";

/** Thrown so the job runner retries later (a busy or slow provider); the episode already shows why. */
class RetryLater extends Error {}

export const extractInsightsJob = defineJob({
  id: "extract-insights",
  payload: z.object({ episodeId: z.string().min(1), force: z.boolean().default(false), reason: z.string().default("transcript") }),
  key: ({ episodeId, reason }) => `${episodeId}:${reason}`,
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  // A long transcript through a model is several calls of up to a minute each, with retries.
  expireInSeconds: 30 * 60,
  run: async ({ episodeId, force }) => {
    const outcome = await extractEpisodeInsights(episodeId, { force });
    if (outcome.status === "failed" && outcome.retry) throw new RetryLater(outcome.reason);
    if (outcome.status === "extracted") await queueRelate(episodeId, outcome.extractedAt);
  },
});

export const relateInsightsJob = defineJob({
  id: "relate-insights",
  payload: z.object({ episodeId: z.string().min(1), version: z.string() }),
  key: ({ episodeId, version }) => `${episodeId}:${version}`,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  // The first relate in a new process may load the index from the database (minutes at a million insights).
  expireInSeconds: 60 * 60,
  run: async ({ episodeId }) => {
    await relateEpisodeInsights(episodeId);
  },
});

export const reembedInsightsJob = defineJob({
  id: "reembed-insights",
  payload: z.object({ embedderId: z.string(), reason: z.string() }),
  key: ({ embedderId, reason }) => `${embedderId}:${reason}`,
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  expireInSeconds: 60 * 60,
  run: async () => {
    const episodes = await reembedInsights(configuredEmbedder());
    for (const episode of episodes) await queueRelate(episode.episodeId, episode.version);
  },
});

/** Queues relating an episode's insights as of one extraction (or re-embedding): the same version queues once. */
export async function queueRelate(episodeId: string, version: Date | string): Promise<void> {
  await enqueue(relateInsightsJob, { episodeId, version: typeof version === "string" ? version : version.toISOString() });
}

/** Queues extraction for an episode whose transcript was just stored. */
export async function queueExtraction(episodeId: string): Promise<void> {
  await enqueue(extractInsightsJob, { episodeId, force: false, reason: "transcript" });
}

/**
 * Episodes an older version of the offline extractor read are read again, so a new release's
 * insights replace the old ones everywhere, the demo included, with no operator step. Only when the
 * offline extractor is the configured one: it costs nothing, while redoing a model's work would cost
 * tokens (operators do that with `npm run admin -- reprocess extract`). Keyed by the extractor's
 * version, so each episode is redone once per release. Returns the episodes queued.
 */
export async function queueOutdatedOfflineExtractions(extractorId = configuredExtractor().id, limit = 500): Promise<string[]> {
  if (!extractorId.startsWith("offline:")) return [];
  const outdated = await db.episode.findMany({
    where: { insightModel: { startsWith: "offline:", not: extractorId }, insightStatus: { in: ["done", "skipped"] } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  for (const episode of outdated) await enqueue(extractInsightsJob, { episodeId: episode.id, force: true, reason: extractorId });
  return outdated.map((episode) => episode.id);
}

/** Work older than this with nothing done is presumed orphaned by a crash and queued again. */
const ORPHAN_AFTER_MS = 5 * 60 * 1000;

export const sweepInsightsJob = defineJob({
  id: "sweep-insights",
  payload: z.object({}),
  cron: "*/5 * * * *",
  run: async () => {
    const before = new Date(Date.now() - ORPHAN_AFTER_MS);
    const unextracted = await db.episode.findMany({
      where: { insightStatus: "pending", transcriptStatus: { in: ["fetched", "missing"] }, updatedAt: { lt: before } },
      select: { id: true },
      take: 500,
    });
    for (const episode of unextracted) await queueExtraction(episode.id);
    await queueOutdatedOfflineExtractions();

    const embedder = configuredEmbedder();
    const stale = await db.insight.findFirst({ where: { embeddingModel: { not: embedder.id } }, select: { id: true } });
    // Keyed by the hour: one re-embedding pass at a time, and another an hour later if more remain.
    if (stale) await enqueue(reembedInsightsJob, { embedderId: embedder.id, reason: new Date().toISOString().slice(0, 13) });

    const unrelated = await db.insight.findMany({
      where: { relatedAt: null, embeddingModel: embedder.id, createdAt: { lt: before } },
      select: { episodeId: true, episode: { select: { insightsExtractedAt: true } } },
      distinct: ["episodeId"],
      take: 500,
    });
    for (const row of unrelated) await queueRelate(row.episodeId, row.episode.insightsExtractedAt ?? "sweep");
  },
});
