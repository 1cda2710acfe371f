/**
 * After the embedding model changes, every insight's vector is made again with the new one, in
 * batches, with topic links recomputed against topics embedded by the same model. Re-embedded
 * insights are related afresh (their old neighbours lived in another vector space).
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Embedder } from "@/lib/insights/embeddings";
import { insightEmbeddingText } from "@/lib/insights/pipeline";
import { assignTopics } from "@/lib/insights/topics/assign-topics";
import { topicsForMatching } from "@/lib/topics/topic-store";

const BATCH = 200;

/**
 * Re-embeds every insight not embedded by `embedder`, or, given `episodeIds`, every insight of those
 * episodes whatever made its vector. Returns the episodes to relate again, with a version for the job key.
 */
export async function reembedInsights(embedder: Embedder, { episodeIds }: { episodeIds?: string[] } = {}): Promise<{ episodeId: string; version: string }[]> {
  const topics = await topicsForMatching(embedder);
  const episodes = new Set<string>();
  const version = `reembed:${embedder.id}:${Date.now()}`;
  const scope: Prisma.InsightWhereInput = episodeIds ? { episodeId: { in: episodeIds } } : { OR: [{ embeddingModel: { not: embedder.id } }, { embeddingModel: null }] };
  let after = "";
  for (;;) {
    // Keyset paging by id: a forced re-embed leaves rows matching the scope, so paging must move on by itself.
    const batch = await db.insight.findMany({
      where: { AND: [scope, { id: { gt: after } }] },
      select: { id: true, episodeId: true, headline: true, body: true, topicLabels: true, publishedAt: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    const texts = batch.map(insightEmbeddingText);
    const vectors = await embedder.embed(texts);
    await db.$transaction(async (tx) => {
      for (const [i, insight] of batch.entries()) {
        const embedding = vectors[i]!;
        await tx.insight.update({
          where: { id: insight.id },
          data: { embedding: Array.from(embedding), embeddingModel: embedder.id, relatedAt: null },
        });
        await tx.insightTopic.deleteMany({ where: { insightId: insight.id } });
        const assigned = assignTopics({ embedding, topicLabels: insight.topicLabels, text: texts[i]! }, topics);
        await tx.insightTopic.createMany({
          data: assigned.map((topic) => ({ insightId: insight.id, topicId: topic.topicId, score: topic.score, publishedAt: insight.publishedAt })),
        });
        episodes.add(insight.episodeId);
      }
    });
  }
  return [...episodes].map((episodeId) => ({ episodeId, version }));
}
