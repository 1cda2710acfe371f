/**
 * Rows for integration tests that need insights without running the pipeline: topics, shows,
 * episodes with one insight each (filed under given topics, dated some days back), and readers.
 * Each factory names its rows after its run, so tests sharing a database stay apart.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

const DAY = 86_400_000;

export type InsightOptions = { topics: string[]; ageDays: number; quality?: number; clusterId?: string | null; headline?: string; score?: number };
export type MadeInsight = { id: string; podcastId: string; episodeId: string };

export function rowFactory(run = randomUUID().slice(0, 8), now = Date.now()) {
  let counter = 0;
  return {
    run,
    now,
    makeTopic: (name: string, createdById: string | null = null) =>
      db.topic.create({
        data: { slug: `${run}-${name}`, name: `${name} ${run}`, description: `${name} things`, kind: createdById ? "custom" : "curated", createdById },
        select: { id: true, slug: true, name: true },
      }),
    makeShow: async (title: string) => (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/${title}`, title } })).id,
    async makeInsight(podcastId: string, { topics, ageDays, quality = 0.5, clusterId = null, headline, score = 0.8 }: InsightOptions): Promise<MadeInsight> {
      counter++;
      const publishedAt = new Date(now - ageDays * DAY);
      const episode = await db.episode.create({
        data: { podcastId, guid: `${run}-${counter}`, title: `Episode ${counter}`, publishedAt, audioUrl: `https://example.com/${counter}.mp3` },
      });
      const insight = await db.insight.create({
        data: {
          episodeId: episode.id,
          headline: headline ?? `Insight ${counter} ${run}`,
          body: `Body of insight ${counter}.`,
          quote: `quote ${counter}`,
          startSeconds: 60 * counter,
          endSeconds: 60 * counter + 20,
          qualityScore: quality,
          model: "test",
          promptVersion: "test",
          publishedAt,
          clusterId,
          topics: { create: topics.map((topicId) => ({ topicId, score, publishedAt, clusterId })) },
        },
        select: { id: true },
      });
      return { id: insight.id, podcastId, episodeId: episode.id };
    },
    makeReader: async () => (await db.user.create({ data: { email: `reader-${randomUUID()}@example.com`, onboardedAt: new Date() } })).id,
  };
}
