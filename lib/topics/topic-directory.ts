/**
 * The topics a reader can browse: every curated topic and the reader's own (never another reader's),
 * with how many follow each and how many insights it holds. Counts come from one grouped query per
 * figure, whatever the number of topics.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma, TopicKind } from "@/lib/generated/prisma/client";

/** "Recent" in the insight counts. */
export const RECENT_DAYS = 30;

export type TopicSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  kind: TopicKind;
  followers: number;
  insights: number;
  recentInsights: number;
  following: boolean;
};

export const topicSlugInput = z.string().min(1).max(120);

/** The topics this reader may see: curated ones and their own. */
const visibleTo = (userId: string): Prisma.TopicWhereInput => ({ OR: [{ kind: "curated" }, { createdById: userId }] });

const topicSelect = { id: true, slug: true, name: true, description: true, kind: true } as const;
type TopicRow = Prisma.TopicGetPayload<{ select: typeof topicSelect }>;

async function withCounts(userId: string | null, topics: TopicRow[]): Promise<TopicSummary[]> {
  const topicIds = topics.map((topic) => topic.id);
  if (topicIds.length === 0) return [];
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const [followers, insights, recent, following] = await Promise.all([
    db.topicFollow.groupBy({ by: ["topicId"], where: { topicId: { in: topicIds } }, _count: { _all: true } }),
    db.insightTopic.groupBy({ by: ["topicId"], where: { topicId: { in: topicIds } }, _count: { _all: true } }),
    db.insightTopic.groupBy({ by: ["topicId"], where: { topicId: { in: topicIds }, publishedAt: { gte: since } }, _count: { _all: true } }),
    userId ? db.topicFollow.findMany({ where: { userId, topicId: { in: topicIds } }, select: { topicId: true } }) : [],
  ]);
  const counts = (rows: { topicId: string; _count: { _all: number } }[]) => new Map(rows.map((row) => [row.topicId, row._count._all]));
  const followerCounts = counts(followers);
  const insightCounts = counts(insights);
  const recentCounts = counts(recent);
  const followed = new Set(following.map((row) => row.topicId));
  return topics.map((topic) => ({
    ...topic,
    followers: followerCounts.get(topic.id) ?? 0,
    insights: insightCounts.get(topic.id) ?? 0,
    recentInsights: recentCounts.get(topic.id) ?? 0,
    following: followed.has(topic.id),
  }));
}

/** Every topic this reader may follow, the ones they follow first, each group by name. */
export async function listTopics(userId: string): Promise<TopicSummary[]> {
  const topics = await db.topic.findMany({ where: visibleTo(userId), select: topicSelect, orderBy: { name: "asc" } });
  const summaries = await withCounts(userId, topics);
  return [...summaries.filter((topic) => topic.following), ...summaries.filter((topic) => !topic.following)];
}

/** One topic for its page; null when there is none, or it is another reader's own. */
export async function getTopicBySlug(slug: string, userId: string | null): Promise<TopicSummary | null> {
  const parsed = topicSlugInput.safeParse(slug);
  if (!parsed.success) return null;
  const topic = await db.topic.findFirst({
    where: { slug: parsed.data, ...(userId ? visibleTo(userId) : { kind: "curated" }) },
    select: topicSelect,
  });
  if (!topic) return null;
  const [summary] = await withCounts(userId, [topic]);
  return summary ?? null;
}
