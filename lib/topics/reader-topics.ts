/**
 * Topics as readers use them: following and unfollowing, and topics a reader writes in their own
 * words ("open-source LLM economics"), which are matched like curated ones from then on and catch
 * the recent insights they are about at once.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { parseReaderInput } from "@/lib/errors";
import { configuredEmbedder, type Embedder } from "@/lib/insights/embeddings";
import { insightEmbeddingText } from "@/lib/insights/pipeline";
import { DEFAULT_ASSIGN_OPTIONS, scoreTopics } from "@/lib/insights/topics/assign-topics";
import { topicFromPhrase } from "@/lib/topics/curated-topics";

/** How many of the newest insights a new topic of a reader's own is matched against at once. */
const RECENT_INSIGHTS = 5_000;

export const topicPhraseInput = z
  .string()
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(3, "Describe the topic in a few words.")
      .max(80, "Keep the topic under 80 characters.")
      // Control characters are no part of words, and PostgreSQL refuses to store NUL in text at all.
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Write the topic in words: it has a character that is not a letter, digit or punctuation."),
  );

/** Follows the topics that exist and that this reader may follow (curated ones and their own). */
export async function followTopics(userId: string, topicIds: string[]): Promise<number> {
  if (topicIds.length === 0) return 0;
  const allowed = await db.topic.findMany({
    where: { id: { in: topicIds }, OR: [{ kind: "curated" }, { createdById: userId }] },
    select: { id: true },
  });
  const created = await db.topicFollow.createMany({ data: allowed.map((topic) => ({ userId, topicId: topic.id })), skipDuplicates: true });
  return created.count;
}

export async function unfollowTopic(userId: string, topicId: string): Promise<void> {
  await db.topicFollow.deleteMany({ where: { userId, topicId } });
}

/**
 * Creates (or finds) this reader's topic for a phrase, follows it, and files the recent insights it
 * catches under it. Returns the topic and how many insights it caught.
 */
export async function createReaderTopic(userId: string, rawPhrase: string, embedder: Embedder = configuredEmbedder()): Promise<{ topicId: string; slug: string; caught: number }> {
  const phrase = parseReaderInput(topicPhraseInput, rawPhrase, "Describe the topic in a few words.");
  const definition = topicFromPhrase(phrase);
  const existing = await db.topic.findFirst({ where: { createdById: userId, name: definition.name }, select: { id: true, slug: true } });
  if (existing) {
    await followTopics(userId, [existing.id]);
    return { topicId: existing.id, slug: existing.slug, caught: await db.insightTopic.count({ where: { topicId: existing.id } }) };
  }

  const [embedding] = await embedder.embed([definition.description]);
  // Slugs are shared by everyone's topics; a reader's gets a short suffix when the phrase's is taken.
  const taken = await db.topic.findUnique({ where: { slug: definition.slug }, select: { id: true } });
  const slug = taken ? `${definition.slug}-${randomBytes(3).toString("hex")}` : definition.slug;
  const topic = await db.topic.create({
    data: { slug, name: definition.name, description: definition.description, kind: "custom", createdById: userId, embedding: Array.from(embedding!), embeddingModel: embedder.id },
    select: { id: true, slug: true, name: true, description: true },
  });
  await followTopics(userId, [topic.id]);

  const recent = await db.insight.findMany({
    where: { embeddingModel: embedder.id },
    orderBy: { publishedAt: "desc" },
    take: RECENT_INSIGHTS,
    select: { id: true, headline: true, body: true, topicLabels: true, embedding: true, publishedAt: true, clusterId: true },
  });
  const matchable = [{ ...topic, embedding: embedding! }];
  const caught = recent.flatMap((insight) => {
    const [score] = scoreTopics({ embedding: Float32Array.from(insight.embedding), topicLabels: insight.topicLabels, text: insightEmbeddingText(insight) }, matchable);
    return score && score.score >= DEFAULT_ASSIGN_OPTIONS.phraseMinScore ? [{ insight, score: score.score }] : [];
  });
  await db.insightTopic.createMany({
    data: caught.map(({ insight, score }) => ({ insightId: insight.id, topicId: topic.id, score, publishedAt: insight.publishedAt, clusterId: insight.clusterId })),
    skipDuplicates: true,
  });
  return { topicId: topic.id, slug: topic.slug, caught: caught.length };
}
