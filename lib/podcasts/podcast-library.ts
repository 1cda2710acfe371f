/** A reader's podcasts: what they follow, OPML in and out, and the shows' pages. */
import "server-only";
import { artworkSelect } from "@/lib/artwork/artwork-src";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { extractionCostUsd, pricesFromEnv } from "@/lib/insights/cost";
import { addPodcastJob } from "@/lib/jobs/definitions";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { feedUrlSchema, needsFirstRead } from "@/lib/podcasts/add-podcast";
import { buildOpml, parseOpml } from "@/lib/podcasts/opml";
import { z } from "zod";

export type OpmlImportResult = { followed: number; alreadyFollowing: number; invalid: string[] };

/**
 * Seconds between the first reads an import queues. A list of 1,000 shows once queued 1,000 reads at
 * once, ahead of every other reader's; spaced out, another reader's add starts while an import is under way.
 */
export const OPML_READ_SPACING_SECONDS = 3;

/**
 * Follows every feed in the file, in a handful of statements so that the request answers at once
 * whatever the list's length. Shows new to Podbrief (and ones whose first read failed) are read by the
 * worker, one every OPML_READ_SPACING_SECONDS.
 */
export async function importOpml(userId: string, body: Buffer | string): Promise<OpmlImportResult> {
  const feeds = parseOpml(body);
  const result: OpmlImportResult = { followed: 0, alreadyFollowing: 0, invalid: [] };
  const titles = new Map<string, string>();
  for (const feed of feeds) {
    const url = feedUrlSchema.safeParse(feed.xmlUrl);
    if (!url.success) result.invalid.push(feed.xmlUrl);
    else if (!titles.has(url.data)) titles.set(url.data, feed.title ?? new URL(url.data).hostname);
  }
  const feedUrls = [...titles.keys()];

  const created = await db.podcast.createManyAndReturn({
    data: feedUrls.map((feedUrl) => ({ feedUrl, title: titles.get(feedUrl)!, addStatus: "reading" as const })),
    skipDuplicates: true,
    select: { id: true, feedUrl: true },
  });
  // First reads go in the file's order, whatever order the insert returned its rows in.
  const fileOrder = new Map(feedUrls.map((feedUrl, index) => [feedUrl, index]));
  created.sort((a, b) => fileOrder.get(a.feedUrl)! - fileOrder.get(b.feedUrl)!);
  const podcasts = await db.podcast.findMany({
    where: { feedUrl: { in: feedUrls } },
    select: { id: true, addStatus: true, updatedAt: true, subscriptions: { where: { userId }, select: { userId: true } } },
  });
  const toFollow = podcasts.filter((podcast) => podcast.subscriptions.length === 0);
  result.alreadyFollowing = podcasts.length - toFollow.length;
  const retried = [];
  for (const podcast of toFollow.filter((candidate) => needsFirstRead(candidate))) {
    const reset = await db.podcast.updateMany({
      where: { id: podcast.id, addStatus: podcast.addStatus, updatedAt: podcast.updatedAt },
      data: { addStatus: "reading", lastError: null, lastErrorAt: null },
    });
    if (reset.count === 1) retried.push(podcast.id);
  }
  const followed = await db.podcastSubscription.createMany({ data: toFollow.map((podcast) => ({ userId, podcastId: podcast.id })), skipDuplicates: true });
  result.followed = followed.count;

  const requestedAt = new Date().toISOString();
  await enqueueMany(
    addPodcastJob,
    [...created.map((podcast) => podcast.id), ...retried].map((podcastId) => ({ podcastId, requestedAt })),
    { startAfterSeconds: (index) => index * OPML_READ_SPACING_SECONDS },
  );
  return result;
}

export async function exportOpml(userId: string): Promise<string> {
  const podcasts = await db.podcast.findMany({
    // Demo shows have no feed another app could read.
    where: { subscriptions: { some: { userId } }, isDemo: false },
    orderBy: { title: "asc" },
    select: { title: true, feedUrl: true, siteUrl: true },
  });
  return buildOpml("My podcasts on Podbrief", podcasts);
}

export async function listFollowedPodcasts(userId: string) {
  return db.podcast.findMany({
    where: { subscriptions: { some: { userId } } },
    orderBy: { title: "asc" },
    select: {
      id: true,
      title: true,
      author: true,
      imageUrl: true,
      artwork: artworkSelect,
      feedUrl: true,
      lastSuccessAt: true,
      lastError: true,
      lastErrorAt: true,
      isDemo: true,
      addStatus: true,
      listedEpisodes: true,
      _count: { select: { episodes: true } },
    },
  });
}

/** Shows other readers (or the demo) brought to this Podbrief, which this reader does not follow yet. */
export async function listOtherPodcasts(userId: string, take = 50) {
  return db.podcast.findMany({
    where: { subscriptions: { none: { userId } }, lastSuccessAt: { not: null }, addStatus: "ready" },
    orderBy: [{ subscriptions: { _count: "desc" } }, { title: "asc" }],
    take,
    select: { id: true, title: true, feedUrl: true, author: true, description: true, isDemo: true, artwork: artworkSelect, _count: { select: { episodes: true } } },
  });
}

export async function getPodcast(podcastId: string, userId: string | null) {
  const podcast = await db.podcast.findUnique({
    where: { id: podcastId },
    select: {
      id: true,
      title: true,
      author: true,
      description: true,
      imageUrl: true,
      // With why a refused image was refused, said on the show's page as a feed's failure is.
      artwork: { select: { status: true, hash: true, error: true, fetchedAt: true } },
      siteUrl: true,
      feedUrl: true,
      lastSuccessAt: true,
      lastError: true,
      lastErrorAt: true,
      nextPollAt: true,
      isDemo: true,
      addStatus: true,
      listedEpisodes: true,
      fundingLinks: true,
      episodes: {
        orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
        take: 100,
        select: {
          id: true,
          title: true,
          artwork: artworkSelect,
          publishedAt: true,
          durationSeconds: true,
          transcriptStatus: true,
          transcriptError: true,
          insightStatus: true,
          insightError: true,
          insightInputTokens: true,
          insightOutputTokens: true,
          _count: { select: { insights: true } },
        },
      },
      _count: { select: { episodes: true } },
    },
  });
  if (!podcast) return null;
  const withInsights = podcast.episodes.filter((episode) => episode._count.insights > 0).map((episode) => episode.id);
  const [subscription, bestRows] = await Promise.all([
    userId ? db.podcastSubscription.findUnique({ where: { userId_podcastId: { userId, podcastId } }, select: { userId: true } }) : null,
    // Each episode's two best insights by quality, for a glance at what it said: one query for all episodes.
    withInsights.length
      ? db.$queryRaw<{ episode_id: string; id: string; headline: string }[]>`
          SELECT e.id AS episode_id, best.id, best.headline
          FROM unnest(${withInsights}::text[]) AS e(id)
          CROSS JOIN LATERAL (
            SELECT i.id, i.headline, i.quality_score, i.start_seconds FROM insights AS i
            WHERE i.episode_id = e.id
            ORDER BY i.quality_score DESC, i.start_seconds, i.id
            LIMIT 2
          ) AS best
          ORDER BY e.id, best.quality_score DESC, best.start_seconds, best.id`
      : [],
  ]);
  const following = Boolean(subscription);
  const topInsights = new Map<string, { id: string; headline: string }[]>();
  for (const row of bestRows) topInsights.set(row.episode_id, [...(topInsights.get(row.episode_id) ?? []), { id: row.id, headline: row.headline }]);
  const prices = pricesFromEnv(getEnv());
  const episodes = podcast.episodes.map(({ insightInputTokens, insightOutputTokens, ...episode }) => ({
    ...episode,
    topInsights: topInsights.get(episode.id) ?? [],
    // What reading the episode cost with the configured provider; null offline or without prices.
    extractionCostUsd:
      insightInputTokens === null || insightOutputTokens === null
        ? null
        : extractionCostUsd({ inputTokens: insightInputTokens, outputTokens: insightOutputTokens }, prices),
  }));
  return { ...podcast, fundingLinks: readFundingLinks(podcast.fundingLinks), episodes, following };
}

// The column holds what the feed parser wrote; read back, it is checked again before it becomes a link.
const storedFundingLinks = z.array(z.object({ url: z.url({ protocol: /^https?$/ }), title: z.string().nullable() }));

/** The show's podcast:funding links, for "Support this show"; none when the stored value is not what the parser writes. */
function readFundingLinks(value: unknown): z.infer<typeof storedFundingLinks> {
  const parsed = storedFundingLinks.safeParse(value);
  return parsed.success ? parsed.data : [];
}
