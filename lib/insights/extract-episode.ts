/**
 * An episode's insights in the database: its transcript through the pipeline (extraction, grounding,
 * embeddings, topics), stored in one transaction, then relating queued. Insight ids are derived from
 * the episode and the quoted moment, so extracting again updates the same rows instead of adding
 * copies, and a reader's saved insight survives re-extraction even when the new run drops it.
 */
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { configuredExtractor } from "@/lib/insights/configured-extractor";
import { configuredEmbedder, type Embedder } from "@/lib/insights/embeddings";
import { extractorWithinBudget, recordModelSpend } from "@/lib/insights/model-budget";
import type { Prisma } from "@/lib/generated/prisma/client";
import { refreshClusters } from "@/lib/insights/relate/relate-episode";
import { runInsightPipeline, type PipelineInsight } from "@/lib/insights/pipeline";
import type { Extractor } from "@/lib/insights/types";
import { countModelUsage } from "@/lib/metrics/model-usage";
import { metrics } from "@/lib/metrics/registry";
import { topicsForMatching } from "@/lib/topics/topic-store";

const segmentsSchema = z.array(
  z.object({ start: z.number(), end: z.number(), speaker: z.string().nullable(), text: z.string() }),
);

export type ExtractOutcome =
  | { status: "extracted"; insights: number; ungrounded: number; extractedAt: Date }
  | { status: "already_done" }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string; retry: boolean };

export type ExtractOptions = {
  extractor?: Extractor;
  embedder?: Embedder;
  /** Extract again even when the episode's insights came from this extractor and prompt already. */
  force?: boolean;
};

/** Stable across runs: the same episode, moment and words are the same insight. */
export function insightId(episodeId: string, insight: Pick<PipelineInsight, "startSeconds" | "quote">): string {
  const digest = createHash("sha256").update(`${episodeId}\u0000${insight.startSeconds.toFixed(2)}\u0000${insight.quote}`).digest("base64url");
  return `ins_${digest.slice(0, 22)}`;
}

export async function extractEpisodeInsights(episodeId: string, options: ExtractOptions = {}): Promise<ExtractOutcome> {
  // A model whose monthly budget is spent gives way to the offline extractor (lib/insights/model-budget.ts).
  const { extractor, fallbackReason } = await extractorWithinBudget(options.extractor ?? configuredExtractor());
  const embedder = options.embedder ?? configuredEmbedder();
  const episode = await db.episode.findUnique({
    where: { id: episodeId },
    select: {
      title: true,
      showNotesHtml: true,
      publishedAt: true,
      createdAt: true,
      insightStatus: true,
      insightModel: true,
      insightPromptVersion: true,
      podcast: { select: { title: true } },
      transcript: { select: { segments: true, isShowNotesFallback: true } },
    },
  });
  if (!episode) return { status: "skipped", reason: "The episode no longer exists." };
  if (!episode.transcript || episode.transcript.isShowNotesFallback) {
    const reason = "No transcript: insights are drawn only from what was said, and show notes are not that.";
    await db.episode.update({ where: { id: episodeId }, data: { insightStatus: "skipped", insightError: reason } });
    return { status: "skipped", reason };
  }
  if (!options.force && episode.insightStatus === "done" && episode.insightModel === extractor.id) return { status: "already_done" };

  const segments = segmentsSchema.safeParse(episode.transcript.segments);
  if (!segments.success) {
    const reason = "The stored transcript could not be read; fetch it again.";
    await db.episode.update({ where: { id: episodeId }, data: { insightStatus: "failed", insightError: reason } });
    return { status: "failed", reason, retry: false };
  }

  let result;
  try {
    const topics = await topicsForMatching(embedder);
    result = await runInsightPipeline(
      {
        segments: segments.data,
        episodeTitle: episode.title,
        podcastTitle: episode.podcast.title,
        episodeNotes: episode.showNotesHtml ? htmlToText(episode.showNotesHtml) : undefined,
      },
      { extractor, embedder, topics },
    );
  } catch (error) {
    if (!(error instanceof SafeError)) throw error;
    await db.episode.update({ where: { id: episodeId }, data: { insightStatus: "failed", insightError: error.message } });
    return { status: "failed", reason: error.message, retry: error.retryable };
  }

  const publishedAt = episode.publishedAt ?? episode.createdAt;
  const count = result.insights.length;
  // Tokens are spent per extraction, not per insight: each insight carries its share.
  const share = (tokens: number | undefined) => (tokens === undefined || count === 0 ? null : Math.round(tokens / count));
  const rows = result.insights.map((insight) => ({ id: insightId(episodeId, insight), insight }));
  const extractedAt = new Date();

  await db.$transaction(
    async (tx) => {
      const keep = rows.map((row) => row.id);
      // Insights the new run no longer makes go, unless a reader saved them; their clusters shrink.
      const leaving = { episodeId, id: { notIn: keep }, saves: { none: {} } } satisfies Prisma.InsightWhereInput;
      const leftClusters = await tx.insight.findMany({ where: { ...leaving, clusterId: { not: null } }, select: { clusterId: true }, distinct: ["clusterId"] });
      await tx.insight.deleteMany({ where: leaving });
      await refreshClusters(tx, leftClusters.map((row) => row.clusterId!));
      for (const { id, insight } of rows) {
        const data = {
          headline: insight.headline,
          body: insight.body,
          quote: insight.quote,
          startSeconds: insight.startSeconds,
          endSeconds: insight.endSeconds,
          speaker: insight.speaker,
          qualityScore: insight.qualityScore,
          topicLabels: insight.topicLabels,
          model: result.model,
          promptVersion: result.promptVersion,
          inputTokens: share(result.usage?.inputTokens),
          outputTokens: share(result.usage?.outputTokens),
          embedding: Array.from(insight.embedding),
          embeddingModel: result.embeddingModel,
          publishedAt,
          // Relating runs again for changed insights; their cluster is decided afresh there.
          relatedAt: null,
        };
        await tx.insight.upsert({ where: { id }, create: { id, episodeId, ...data }, update: data });
      }
      if (result.usage && !result.model.startsWith("offline:")) await recordModelSpend(tx, { episodeId, model: result.model, usage: result.usage });
      await tx.insightTopic.deleteMany({ where: { insightId: { in: keep } } });
      await tx.insightTopic.createMany({
        data: rows.flatMap(({ id, insight }) => insight.topics.map((topic) => ({ insightId: id, topicId: topic.topicId, score: topic.score, publishedAt }))),
      });
      await tx.episode.update({
        where: { id: episodeId },
        data: {
          // An extractor that passed the episode over on purpose (a language it does not read) says why, in words.
          insightStatus: result.skippedReason ? "skipped" : "done",
          insightError: result.skippedReason ?? null,
          insightModel: result.model,
          insightPromptVersion: result.promptVersion,
          insightInputTokens: result.usage?.inputTokens ?? null,
          insightOutputTokens: result.usage?.outputTokens ?? null,
          insightsUngrounded: result.dropped.ungrounded,
          insightsUnfaithful: result.dropped.unfaithful,
          insightsExtractedAt: extractedAt,
          insightFallback: fallbackReason,
        },
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  // Tokens are spent whether or not the run kept any insight.
  countModelUsage(result.model, result.usage);
  if (result.skippedReason) return { status: "skipped", reason: result.skippedReason };
  metrics().insights.inc(count);
  return { status: "extracted", insights: count, ungrounded: result.dropped.ungrounded, extractedAt };
}
