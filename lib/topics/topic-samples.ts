/** The curated topics with a few of their best recent insights, so a reader picks topics knowing what they get. */
import "server-only";
import { db } from "@/lib/db";

export type TopicWithSamples = { id: string; slug: string; name: string; description: string; samples: { id: string; headline: string; podcast: string }[] };

export async function curatedTopicsWithSamples(perTopic = 2): Promise<TopicWithSamples[]> {
  const topics = await db.topic.findMany({ where: { kind: "curated" }, select: { id: true, slug: true, name: true, description: true }, orderBy: { name: "asc" } });
  // Of each topic's 50 newest insights (the feed index), the best matches.
  const rows = await db.$queryRaw<{ topic_id: string; id: string; headline: string; podcast: string }[]>`
    SELECT t.id AS topic_id, best.id, best.headline, best.podcast
    FROM unnest(${topics.map((topic) => topic.id)}::text[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT i.id, i.headline, p.title AS podcast
      FROM (
        SELECT insight_id, score FROM insight_topics WHERE topic_id = t.id ORDER BY published_at DESC LIMIT 50
      ) AS recent
      JOIN insights AS i ON i.id = recent.insight_id
      JOIN episodes AS e ON e.id = i.episode_id
      JOIN podcasts AS p ON p.id = e.podcast_id
      ORDER BY recent.score DESC, i.id
      LIMIT ${perTopic}
    ) AS best`;
  const byTopic = new Map<string, TopicWithSamples["samples"]>();
  for (const row of rows) {
    const list = byTopic.get(row.topic_id) ?? [];
    list.push({ id: row.id, headline: row.headline, podcast: row.podcast });
    byTopic.set(row.topic_id, list);
  }
  return topics.map((topic) => ({ ...topic, samples: byTopic.get(topic.id) ?? [] }));
}
