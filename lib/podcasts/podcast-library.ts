/** A reader's podcasts: what they follow, OPML in and out, and the shows' pages. */
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { extractionCostUsd, pricesFromEnv } from "@/lib/insights/cost";
import { pollPodcastJob } from "@/lib/ingest/poll-jobs";
import { enqueue } from "@/lib/jobs/enqueue";
import { feedUrlSchema, followPodcast } from "@/lib/podcasts/add-podcast";
import { buildOpml, parseOpml } from "@/lib/podcasts/opml";

export type OpmlImportResult = { followed: number; alreadyFollowing: number; invalid: string[] };

export async function importOpml(userId: string, body: Buffer | string): Promise<OpmlImportResult> {
  const feeds = parseOpml(body);
  const result: OpmlImportResult = { followed: 0, alreadyFollowing: 0, invalid: [] };
  const following = new Set(
    (await db.podcastSubscription.findMany({ where: { userId }, select: { podcast: { select: { feedUrl: true } } } })).map(
      (subscription) => subscription.podcast.feedUrl,
    ),
  );
  for (const feed of feeds) {
    const url = feedUrlSchema.safeParse(feed.xmlUrl);
    if (!url.success) {
      result.invalid.push(feed.xmlUrl);
      continue;
    }
    if (following.has(url.data)) {
      result.alreadyFollowing++;
      continue;
    }
    // Unknown feeds are stored as due now and fetched by the worker, not here: a list of 300 feeds
    // must not hold the reader's request for minutes.
    const podcast = await db.podcast.upsert({
      where: { feedUrl: url.data },
      create: { feedUrl: url.data, title: feed.title ?? new URL(url.data).hostname },
      update: {},
      select: { id: true, nextPollAt: true, lastSuccessAt: true },
    });
    await followPodcast(userId, podcast.id);
    following.add(url.data);
    result.followed++;
    if (!podcast.lastSuccessAt) await enqueue(pollPodcastJob, { podcastId: podcast.id, dueAt: podcast.nextPollAt.toISOString() });
  }
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
      feedUrl: true,
      lastSuccessAt: true,
      lastError: true,
      lastErrorAt: true,
      isDemo: true,
      _count: { select: { episodes: true } },
    },
  });
}

/** Shows other readers (or the demo) brought to this Podbrief, which this reader does not follow yet. */
export async function listOtherPodcasts(userId: string, take = 50) {
  return db.podcast.findMany({
    where: { subscriptions: { none: { userId } }, lastSuccessAt: { not: null } },
    orderBy: [{ subscriptions: { _count: "desc" } }, { title: "asc" }],
    take,
    select: { id: true, title: true, author: true, description: true, isDemo: true, _count: { select: { episodes: true } } },
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
      siteUrl: true,
      feedUrl: true,
      lastSuccessAt: true,
      lastError: true,
      lastErrorAt: true,
      nextPollAt: true,
      isDemo: true,
      episodes: {
        orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
        take: 100,
        select: {
          id: true,
          title: true,
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
  return { ...podcast, episodes, following };
}
