/**
 * Topics in the database: the curated set kept in step with CURATED_TOPICS, and every topic's
 * embedding kept in step with the configured embedder, so insights are matched against vectors from
 * the same model as their own.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Embedder } from "@/lib/insights/embeddings";
import type { AssignableTopic } from "@/lib/insights/topics/assign-topics";
import { prepareTopics } from "@/lib/topics/prepare-topics";
import { CURATED_TOPICS } from "@/lib/topics/curated-topics";

/**
 * Adds curated topics that are missing and updates changed names and descriptions. A changed
 * description drops the stored embedding, so the next extraction embeds it afresh. Safe to repeat.
 */
export async function seedCuratedTopics(): Promise<{ added: number; updated: number }> {
  const existing = new Map(
    (await db.topic.findMany({ where: { kind: "curated" }, select: { slug: true, name: true, description: true } })).map((topic) => [topic.slug, topic]),
  );
  let added = 0;
  let updated = 0;
  for (const topic of CURATED_TOPICS) {
    const stored = existing.get(topic.slug);
    if (stored && stored.name === topic.name && stored.description === topic.description) continue;
    const descriptionChanged = stored !== undefined && stored.description !== topic.description;
    await db.topic.upsert({
      where: { slug: topic.slug },
      create: { slug: topic.slug, name: topic.name, description: topic.description, kind: "curated" },
      update: { name: topic.name, description: topic.description, ...(descriptionChanged ? { embedding: [], embeddingModel: null } : {}) },
    });
    if (stored) updated++;
    else added++;
  }
  return { added, updated };
}

/**
 * Every topic, ready for matching with `embedder`: topics whose stored vector came from another
 * model (or none) are embedded now and stored, so a change of embedding model re-embeds them.
 */
export async function topicsForMatching(embedder: Embedder): Promise<AssignableTopic[]> {
  const topics = await db.topic.findMany({
    select: { id: true, slug: true, kind: true, name: true, description: true, embedding: true, embeddingModel: true },
    orderBy: { createdAt: "asc" },
  });
  const stale = topics.filter((topic) => topic.embeddingModel !== embedder.id || topic.embedding.length !== embedder.dimensions);
  const fresh = await prepareTopics(stale.map(({ id, name, description }) => ({ id, name, description })), embedder);
  for (const topic of fresh) {
    await db.topic.update({ where: { id: topic.id }, data: { embedding: Array.from(topic.embedding), embeddingModel: embedder.id } });
  }
  const freshById = new Map(fresh.map((topic) => [topic.id, topic.embedding]));
  // The curated hierarchy lives in code, by slug; matching needs it by id. A reader's topic has no parent.
  const curatedIds = new Map(topics.filter((topic) => topic.kind === "curated").map((topic) => [topic.slug, topic.id]));
  const parentSlugs = new Map(CURATED_TOPICS.flatMap((topic) => (topic.parent ? [[topic.slug, topic.parent] as const] : [])));
  return topics.map(({ id, slug, kind, name, description, embedding }) => {
    const parentId = kind === "curated" ? curatedIds.get(parentSlugs.get(slug) ?? "") : undefined;
    return { id, name, description, ...(parentId ? { parentId } : {}), embedding: freshById.get(id) ?? Float32Array.from(embedding) };
  });
}
