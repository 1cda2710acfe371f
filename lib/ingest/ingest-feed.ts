/**
 * The one write path for a feed: fetch, parse, store, and schedule what comes next. A show added by
 * its address or from an OPML file (the add-podcast job's first read, read-new-podcast.ts), a poll
 * (poll-podcast.ts) and the demo loader (demo-content.ts) all store their feeds through `ingestFeed`.
 */
import "server-only";
import { db } from "@/lib/db";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { fetchEpisodeTranscript, type Loader } from "@/lib/ingest/fetch-transcript";
import { nextIntervalMinutes, nextPollAt } from "@/lib/ingest/poll-schedule";
import { newestPublished, storeFeed, type StoreFeedOptions, type StoreFeedResult } from "@/lib/ingest/store-feed";
import type { ParsedFeed } from "@/lib/ingest/types";
import { safeFetch } from "@/lib/net/safe-fetch";
import { afterFeedRead, afterTranscript } from "@/lib/pipeline/next-stage";

/** Fetches and parses a feed, throwing a SafeError whose message a reader understands. */
export async function fetchFeed(url: string, conditional: { etag?: string | null; lastModified?: string | null } = {}) {
  const response = await safeFetch(url, {
    etag: conditional.etag ?? null,
    lastModified: conditional.lastModified ?? null,
    headers: { Accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5" },
  });
  if (response.notModified) return { response, feed: null };
  const feed: ParsedFeed = parseFeed(response.body, { baseUrl: response.url, contentType: response.contentType });
  return { response, feed };
}

/** The next poll after a successful read, by whether it brought new episodes (see storeFeed). */
function scheduleAfterRead(previousMinutes: number, feed: ParsedFeed, fetchedAt: Date) {
  const newestEpisodeAt = newestPublished(feed);
  return (newEpisodes: number) => {
    const interval = nextIntervalMinutes(
      previousMinutes,
      newEpisodes > 0
        ? { kind: "changed", newEpisodes, ttlMinutes: feed.ttlMinutes, newestEpisodeAt }
        : { kind: "unchanged", ttlMinutes: feed.ttlMinutes, newestEpisodeAt },
      fetchedAt,
    );
    return { pollIntervalMinutes: interval, nextPollAt: nextPollAt(fetchedAt, interval) };
  };
}

/** A show that is never polled (the demo's) still gets dates that keep its columns truthful. */
function neverPolled(fetchedAt: Date) {
  return () => ({ pollIntervalMinutes: 24 * 60, nextPollAt: new Date(fetchedAt.getTime() + 365 * 86_400_000) });
}

export type IngestOptions = StoreFeedOptions & {
  fetchedAt: Date;
  etag?: string | null;
  lastModified?: string | null;
  /** The interval the show was polled at, from which the next is worked out; "never" for the demo's shows. */
  polling: { previousMinutes: number } | "never";
  /**
   * Where the new episodes' transcripts come from. By default the worker fetches them (and the
   * artwork) in jobs of their own; the demo loads its files at once with this loader.
   */
  loadTranscripts?: Loader;
  /** Everything is stored; nothing is scheduled yet (the crash test stops its worker here). */
  afterStore?: () => void | Promise<void>;
};

export type IngestResult = StoreFeedResult & { loadedTranscripts: number };

/** Stores a parsed feed and schedules its work: transcripts, artwork, and from them insights. */
export async function ingestFeed(podcastId: string, feed: ParsedFeed, options: IngestOptions): Promise<IngestResult> {
  const { fetchedAt } = options;
  const stored = await storeFeed(
    podcastId,
    feed,
    {
      etag: options.etag ?? null,
      lastModified: options.lastModified ?? null,
      fetchedAt,
      schedule: options.polling === "never" ? neverPolled(fetchedAt) : scheduleAfterRead(options.polling.previousMinutes, feed, fetchedAt),
    },
    { afterBatch: options.afterBatch },
  );
  await options.afterStore?.();
  if (!options.loadTranscripts) {
    await afterFeedRead(podcastId);
    return { ...stored, loadedTranscripts: 0 };
  }
  let loadedTranscripts = 0;
  const pending = await db.episode.findMany({ where: { podcastId, transcriptStatus: "pending" }, select: { id: true } });
  for (const episode of pending) {
    const outcome = await fetchEpisodeTranscript(episode.id, { load: options.loadTranscripts, transcriber: null });
    if (outcome === "fetched") loadedTranscripts++;
    if (outcome !== "already_done") await afterTranscript(episode.id);
  }
  return { ...stored, loadedTranscripts };
}
