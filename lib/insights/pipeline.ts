/**
 * One transcript through the whole insight pipeline, without a database: extraction (model or
 * offline; both ground their quotes), the faithfulness check (no number or name the transcript
 * around the quote does not hold), an embedding for each insight, and its topics. The worker
 * stores what this returns; `npm run cli -- extract` and `npm run eval:insights` print it.
 */
import type { Embedder } from "@/lib/insights/embeddings";
import { keepFaithful } from "@/lib/insights/faithfulness";
import { assignEpisodeTopics, type AssignableTopic, type TopicAssignment } from "@/lib/insights/topics/assign-topics";
import type { ExtractionInput, ExtractionResult, Extractor, GroundedInsight } from "@/lib/insights/types";

export type PipelineInsight = GroundedInsight & { embedding: Float32Array; topics: TopicAssignment[] };

export type PipelineResult = Omit<ExtractionResult, "insights"> & { insights: PipelineInsight[]; embeddingModel: string };

export type PipelineParts = {
  extractor: Extractor;
  embedder: Embedder;
  /** Topics prepared (see prepareTopics) with this same embedder. */
  topics: readonly AssignableTopic[];
};

/** The text an insight is embedded by: what the reader reads, headline first. */
export function insightEmbeddingText(insight: Pick<GroundedInsight, "headline" | "body">): string {
  return `${insight.headline}. ${insight.body}`;
}

export async function runInsightPipeline(input: ExtractionInput, { extractor, embedder, topics }: PipelineParts): Promise<PipelineResult> {
  const extracted = await extractor.extract(input);
  // Every extractor's insights, whatever it checked itself: an unfaithful one never reaches a reader.
  const faithful = keepFaithful(extracted.insights, input);
  const extraction = {
    ...extracted,
    insights: faithful.insights,
    dropped: { ...extracted.dropped, unfaithful: extracted.dropped.unfaithful + faithful.unfaithful },
  };
  const texts = extraction.insights.map(insightEmbeddingText);
  const embeddings = await embedder.embed(texts);
  // Topics are chosen for the episode's insights together: what the episode as a whole is about
  // (its other insights, title, show and notes) weighs on each one's topics.
  const context = { episodeTitle: input.episodeTitle, podcastTitle: input.podcastTitle, episodeNotes: input.episodeNotes };
  const assigned = assignEpisodeTopics(
    extraction.insights.map((insight, i) => ({ embedding: embeddings[i]!, topicLabels: insight.topicLabels, text: texts[i]!, context })),
    topics,
  );
  const insights = extraction.insights.map((insight, i) => ({ ...insight, embedding: embeddings[i]!, topics: assigned[i]! }));
  return { ...extraction, insights, embeddingModel: embedder.id };
}
