/**
 * What each feed holds, read from the database: a curated topic's, a reader's own topic's (by its
 * private token only) and a cluster's newest insights. No reader data goes in a public feed: a
 * curated topic and a cluster are the same for everyone.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { topicSlugInput } from "@/lib/topics/topic-directory";
import { absoluteFeedUrls, clusterFeedPaths, clusterPageUrl, curatedTopicFeedPaths, privateTopicFeedPaths } from "@/lib/topic-feeds/feed-links";
import { topicIdForFeedToken } from "@/lib/topic-feeds/feed-tokens";
import type { FeedDocument, FeedEntry } from "@/lib/topic-feeds/write-feed";

/** Feed readers poll the whole document; the newest this many are what a new reader of it needs. */
export const FEED_ITEM_LIMIT = 50;

const entrySelect = {
  id: true,
  headline: true,
  body: true,
  quote: true,
  speaker: true,
  startSeconds: true,
  endSeconds: true,
  publishedAt: true,
  createdAt: true,
  episode: { select: { title: true, podcast: { select: { title: true } } } },
} satisfies Prisma.InsightSelect;

type EntryRow = Prisma.InsightGetPayload<{ select: typeof entrySelect }>;

const toEntry = (row: EntryRow): FeedEntry => ({ ...row, showTitle: row.episode.podcast.title, episodeTitle: row.episode.title });

/** The newest change the feed shows: its newest insight's arrival (an old episode's insight can arrive late). */
const lastChange = (since: Date, rows: EntryRow[]) => new Date(Math.max(since.getTime(), ...rows.map((row) => row.createdAt.getTime())));

async function topicEntries(topicId: string): Promise<EntryRow[]> {
  // Through insight_topics' feed index: the topic's newest rows, whatever the number of insights.
  const links = await db.insightTopic.findMany({
    where: { topicId },
    orderBy: [{ publishedAt: "desc" }, { insightId: "desc" }],
    take: FEED_ITEM_LIMIT,
    select: { insight: { select: entrySelect } },
  });
  return links.map((link) => link.insight);
}

type TopicRow = { id: string; slug: string; name: string; description: string; createdAt: Date };
const topicSelect = { id: true, slug: true, name: true, description: true, createdAt: true } as const;

async function topicDocument(appUrl: string, topic: TopicRow, feedPaths: FeedDocument["feedUrls"]): Promise<FeedDocument> {
  const rows = await topicEntries(topic.id);
  return {
    title: `${topic.name} from podcasts`,
    description: topic.description === topic.name ? `What podcasts said about ${topic.name}, by Podbrief.` : topic.description,
    pageUrl: `${appUrl}/topics/${encodeURIComponent(topic.slug)}`,
    feedUrls: absoluteFeedUrls(appUrl, feedPaths),
    updated: lastChange(topic.createdAt, rows),
    entries: rows.map(toEntry),
  };
}

/** A curated topic's feed; null for a slug that is not a curated topic (a reader's own is never public). */
export async function loadCuratedTopicFeed(appUrl: string, slug: string): Promise<FeedDocument | null> {
  const parsed = topicSlugInput.safeParse(slug);
  if (!parsed.success) return null;
  const topic = await db.topic.findFirst({ where: { slug: parsed.data, kind: "curated" }, select: topicSelect });
  return topic ? topicDocument(appUrl, topic, curatedTopicFeedPaths(topic.slug)) : null;
}

/** A reader's own topic's feed by its private token; null for a malformed, unknown or revoked one. */
export async function loadPrivateTopicFeed(appUrl: string, token: string): Promise<FeedDocument | null> {
  const topicId = await topicIdForFeedToken(token);
  if (!topicId) return null;
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: topicSelect });
  return topic ? topicDocument(appUrl, topic, privateTopicFeedPaths(token)) : null;
}

/** A cluster's feed: every show's take on one story, newest first. */
export async function loadClusterFeed(appUrl: string, clusterId: string): Promise<FeedDocument | null> {
  if (clusterId.length === 0 || clusterId.length > 64) return null;
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, label: true, representativeInsightId: true, updatedAt: true } });
  if (!cluster) return null;
  const rows = await db.insight.findMany({ where: { clusterId }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], take: FEED_ITEM_LIMIT, select: entrySelect });
  if (rows.length === 0) return null;
  const representative = rows.find((row) => row.id === cluster.representativeInsightId) ?? rows[0]!;
  const title = cluster.label?.trim() || representative.headline;
  const shows = new Set(rows.map((row) => row.episode.podcast.title)).size;
  return {
    title,
    description: `Every show's take on one story (${shows === 1 ? "1 show" : `${shows} shows`}), by Podbrief.`,
    // Home is the story's full coverage, where every show's take stands side by side.
    pageUrl: clusterPageUrl(appUrl, cluster.id),
    feedUrls: absoluteFeedUrls(appUrl, clusterFeedPaths(cluster.id)),
    updated: lastChange(cluster.updatedAt, rows),
    entries: rows.map(toEntry),
  };
}
