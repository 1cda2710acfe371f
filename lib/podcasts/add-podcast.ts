/**
 * Readers add podcasts by feed URL. A podcast is shared: the second reader to add a feed follows the
 * podcast the first one added. A new feed is fetched and stored at once, so the reader sees its
 * episodes (or, for a bad URL, why not) right away, and nothing is stored for a feed that fails.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { queueTranscriptFetches } from "@/lib/ingest/fetch-transcript";
import { DEFAULT_INTERVAL_MINUTES } from "@/lib/ingest/poll-schedule";
import { fetchFeed, scheduleAfterRead } from "@/lib/ingest/poll-podcast";
import { storeFeed } from "@/lib/ingest/store-feed";

export const feedUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the address of a podcast feed.")
  .max(2048, "That address is too long.")
  .transform((value) => (/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`))
  .pipe(z.url({ protocol: /^https?$/, message: "Enter a web address that starts with http:// or https://." }))
  .transform((value) => {
    const url = new URL(value);
    url.hash = "";
    return url.toString();
  });

export async function followPodcast(userId: string, podcastId: string): Promise<void> {
  await db.podcastSubscription.createMany({ data: [{ userId, podcastId }], skipDuplicates: true });
}

export async function unfollowPodcast(userId: string, podcastId: string): Promise<void> {
  await db.podcastSubscription.deleteMany({ where: { userId, podcastId } });
}

export type AddedPodcast = { podcastId: string; title: string; created: boolean; newEpisodes: number };

export async function addPodcastByUrl(userId: string, rawUrl: string): Promise<AddedPodcast> {
  const parsedUrl = feedUrlSchema.safeParse(rawUrl);
  if (!parsedUrl.success) throw new SafeError(parsedUrl.error.issues[0]?.message ?? "Enter the address of a podcast feed.");
  const feedUrl = parsedUrl.data;

  const known = await db.podcast.findUnique({ where: { feedUrl }, select: { id: true, title: true } });
  if (known) {
    await followPodcast(userId, known.id);
    return { podcastId: known.id, title: known.title, created: false, newEpisodes: 0 };
  }

  const { response, feed } = await fetchFeed(feedUrl);
  if (!feed) throw new SafeError("The server answered “not modified” to a first request; try again.");
  // The same show may be known under the address its old URL redirects to.
  const finalUrl = response.url !== feedUrl ? await db.podcast.findUnique({ where: { feedUrl: response.url }, select: { id: true, title: true } }) : null;
  if (finalUrl) {
    await followPodcast(userId, finalUrl.id);
    return { podcastId: finalUrl.id, title: finalUrl.title, created: false, newEpisodes: 0 };
  }

  const fetchedAt = new Date();
  const podcast = await db.podcast.upsert({
    where: { feedUrl },
    create: { feedUrl, title: feed.title },
    update: {},
    select: { id: true },
  });
  const stored = await storeFeed(podcast.id, feed, {
    etag: response.etag,
    lastModified: response.lastModified,
    fetchedAt,
    schedule: scheduleAfterRead(DEFAULT_INTERVAL_MINUTES, feed, fetchedAt),
  });
  await followPodcast(userId, podcast.id);
  await queueTranscriptFetches(podcast.id);
  return { podcastId: podcast.id, title: feed.title, created: true, newEpisodes: stored.newEpisodes };
}
