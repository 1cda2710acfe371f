/**
 * Work the insight pipeline redoes on its own. A sweep every few minutes queues whatever a crash
 * between two steps left behind (a transcript with no extraction queued, insights never related,
 * vectors from a previous embedding model), so no episode is ever lost between steps, and the same
 * keys make its work run once. And a new release of the offline extractor reads its episodes again.
 */
import "server-only";
import { db } from "@/lib/db";
import { configuredExtractor } from "@/lib/insights/configured-extractor";
import { configuredEmbedder } from "@/lib/insights/embeddings";
import { extractInsightsJob, reembedInsightsJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";
import { afterInsights, afterTranscript } from "@/lib/pipeline/next-stage";

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

/** The sweep-insights job. */
export async function sweepInsights(): Promise<void> {
  const before = new Date(Date.now() - ORPHAN_AFTER_MS);
  const unextracted = await db.episode.findMany({
    where: { insightStatus: "pending", transcriptStatus: { in: ["fetched", "missing"] }, updatedAt: { lt: before } },
    select: { id: true },
    take: 500,
  });
  for (const episode of unextracted) await afterTranscript(episode.id);
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
  for (const row of unrelated) await afterInsights(row.episodeId, row.episode.insightsExtractedAt ?? "sweep");
}
