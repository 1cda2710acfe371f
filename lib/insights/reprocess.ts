/**
 * Re-processing for operators (`npm run admin -- reprocess`): extract again, embed again or relate
 * again, for one episode, one podcast or everything. Each step replaces what it made before, so
 * running it twice leaves the same rows as running it once.
 */
import "server-only";
import { db } from "@/lib/db";
import { configuredEmbedder, type Embedder } from "@/lib/insights/embeddings";
import { extractEpisodeInsights } from "@/lib/insights/extract-episode";
import { reembedInsights } from "@/lib/insights/reembed";
import { relateEpisodeInsights, unrelateEpisodes } from "@/lib/insights/relate/relate-episode";
import type { Extractor } from "@/lib/insights/types";

export type ReprocessScope = { episodeId: string } | { podcastId: string } | { all: true };
/** extract: extraction, then embedding and relating of what it made; embed: vectors and topics, then relating; relate: related lists and clusters only. */
export type ReprocessStep = "extract" | "embed" | "relate";

export type ReprocessReport = { episodes: number; extracted: number; failed: { episodeId: string; reason: string }[]; insightsRelated: number };

export async function episodesInScope(scope: ReprocessScope): Promise<string[]> {
  const where = "episodeId" in scope ? { id: scope.episodeId } : "podcastId" in scope ? { podcastId: scope.podcastId } : {};
  const episodes = await db.episode.findMany({ where: { ...where, transcript: { isNot: null } }, select: { id: true }, orderBy: { id: "asc" } });
  return episodes.map((episode) => episode.id);
}

export async function reprocess(
  scope: ReprocessScope,
  step: ReprocessStep,
  { extractor, embedder = configuredEmbedder(), onProgress }: { extractor?: Extractor; embedder?: Embedder; onProgress?: (message: string) => void } = {},
): Promise<ReprocessReport> {
  const episodeIds = await episodesInScope(scope);
  const report: ReprocessReport = { episodes: episodeIds.length, extracted: 0, failed: [], insightsRelated: 0 };
  if (step === "extract") {
    for (const [i, episodeId] of episodeIds.entries()) {
      const outcome = await extractEpisodeInsights(episodeId, { extractor, embedder, force: true });
      if (outcome.status === "extracted") report.extracted++;
      if (outcome.status === "failed") report.failed.push({ episodeId, reason: outcome.reason });
      onProgress?.(`extract ${i + 1}/${episodeIds.length} ${episodeId}: ${outcome.status}`);
    }
  }
  if (step === "embed") {
    await reembedInsights(embedder, { episodeIds });
    onProgress?.(`embedded the insights of ${episodeIds.length} episodes with ${embedder.id}`);
  }
  // Every step ends by relating afresh: new text or new vectors mean new neighbours.
  await unrelateEpisodes(episodeIds);
  for (const [i, episodeId] of episodeIds.entries()) {
    report.insightsRelated += (await relateEpisodeInsights(episodeId, { embedder })).related;
    onProgress?.(`relate ${i + 1}/${episodeIds.length} ${episodeId}`);
  }
  return report;
}
