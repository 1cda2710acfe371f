import type { Embedder } from "@/lib/insights/embeddings";
import type { TopicText } from "@/lib/insights/topics/assign-topics";

/** Embeds each topic's description once, for matching any number of insights. */
export async function prepareTopics<T extends TopicText>(topics: readonly T[], embedder: Embedder): Promise<(T & { embedding: Float32Array })[]> {
  const embeddings = await embedder.embed(topics.map((topic) => topic.description));
  return topics.map((topic, i) => ({ ...topic, embedding: embeddings[i]! }));
}
