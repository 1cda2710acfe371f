/**
 * Writes a parsed feed in short transactions of at most EPISODE_BATCH episodes, then the podcast's
 * metadata and fetch state. Short, because the embedded database runs one transaction at a time for
 * all its clients: one long one holds every page and /api/health. Fetch state (etag, lastSuccessAt) is
 * written last, so a worker killed between batches makes the retry read the whole feed again; episodes
 * are keyed by (podcast, guid), so the retry adds what is missing and nothing twice.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ParsedEpisode, ParsedFeed } from "@/lib/ingest/types";

export type FetchState = {
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
  /** When to poll next, which depends on how many episodes were new. */
  schedule: (newEpisodes: number) => { pollIntervalMinutes: number; nextPollAt: Date };
};

export type StoreFeedResult = { newEpisodes: number; updatedEpisodes: number };

/** Episodes written per transaction. */
export const EPISODE_BATCH = 200;
const TRANSACTION_TIMEOUT_MS = 60_000;

function episodeFields(episode: ParsedEpisode) {
  return {
    title: episode.title,
    showNotesHtml: episode.showNotesHtml,
    publishedAt: episode.publishedAt,
    durationSeconds: episode.durationSeconds === null ? null : Math.round(episode.durationSeconds),
    audioUrl: episode.audioUrl,
    audioType: episode.audioType,
    imageUrl: episode.imageUrl,
    link: episode.link,
    chaptersUrl: episode.chaptersUrl,
    transcriptLinks: episode.transcripts as Prisma.InputJsonValue,
    alternateEnclosures: episode.alternateEnclosures as Prisma.InputJsonValue,
  };
}

type EpisodeFields = ReturnType<typeof episodeFields>;

function changed(stored: Record<string, unknown>, next: EpisodeFields): boolean {
  return (Object.keys(next) as (keyof EpisodeFields)[]).some((key) => {
    const a = stored[key];
    const b = next[key];
    if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime() !== (b as Date | null)?.getTime();
    if (key === "transcriptLinks" || key === "alternateEnclosures") return canonicalJson(a) !== canonicalJson(b);
    return (a ?? null) !== (b ?? null);
  });
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, not in the order they were written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );
}

/** The first item wins when a feed repeats a GUID, as podcast apps do. */
function uniqueByGuid(episodes: ParsedEpisode[]): ParsedEpisode[] {
  const seen = new Set<string>();
  return episodes.filter((episode) => !seen.has(episode.guid) && Boolean(seen.add(episode.guid)));
}

export function newestPublished(feed: ParsedFeed): Date | null {
  let newest: Date | null = null;
  for (const episode of feed.episodes) {
    if (episode.publishedAt && (!newest || episode.publishedAt > newest)) newest = episode.publishedAt;
  }
  return newest;
}

export type StoreFeedOptions = {
  /** Called after each batch of episodes has committed, with how many it held: lets tests watch the batches. */
  afterBatch?: (episodes: number) => Promise<void> | void;
};

const episodeSelect = {
  id: true,
  guid: true,
  title: true,
  showNotesHtml: true,
  publishedAt: true,
  durationSeconds: true,
  audioUrl: true,
  audioType: true,
  imageUrl: true,
  link: true,
  chaptersUrl: true,
  transcriptLinks: true,
  alternateEnclosures: true,
} as const;

/** One batch in one short transaction: its new episodes with their chapters, and its changed ones. */
async function storeBatch(podcastId: string, batch: ParsedEpisode[]): Promise<StoreFeedResult> {
  return db.$transaction(
    async (tx) => {
      const stored = await tx.episode.findMany({ where: { podcastId, guid: { in: batch.map((episode) => episode.guid) } }, select: episodeSelect });
      const byGuid = new Map(stored.map((episode) => [episode.guid, episode]));

      const fresh = batch.filter((episode) => !byGuid.has(episode.guid));
      const created = fresh.length
        ? await tx.episode.createManyAndReturn({
            data: fresh.map((episode) => ({ podcastId, guid: episode.guid, ...episodeFields(episode) })),
            skipDuplicates: true,
            select: { id: true, guid: true },
          })
        : [];
      const freshByGuid = new Map(fresh.map((episode) => [episode.guid, episode]));
      const chapters = created.flatMap(({ id, guid }) => (freshByGuid.get(guid)?.chapters ?? []).map((chapter) => ({ episodeId: id, ...chapter })));
      if (chapters.length) await tx.chapter.createMany({ data: chapters });

      let updatedEpisodes = 0;
      for (const episode of batch) {
        const known = byGuid.get(episode.guid);
        const fields = episodeFields(episode);
        if (known && changed(known, fields)) {
          await tx.episode.update({ where: { id: known.id }, data: fields });
          updatedEpisodes++;
        }
      }
      return { newEpisodes: created.length, updatedEpisodes };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

export async function storeFeed(podcastId: string, feed: ParsedFeed, state: FetchState, options: StoreFeedOptions = {}): Promise<StoreFeedResult> {
  const episodes = uniqueByGuid(feed.episodes);
  const result: StoreFeedResult = { newEpisodes: 0, updatedEpisodes: 0 };
  for (let start = 0; start < episodes.length; start += EPISODE_BATCH) {
    const batch = episodes.slice(start, start + EPISODE_BATCH);
    const stored = await storeBatch(podcastId, batch);
    result.newEpisodes += stored.newEpisodes;
    result.updatedEpisodes += stored.updatedEpisodes;
    await options.afterBatch?.(batch.length);
  }

  // Last, and only once every episode is in: a feed read this far is read.
  await db.podcast.update({
    where: { id: podcastId },
    data: {
      title: feed.title,
      author: feed.author,
      description: feed.description,
      imageUrl: feed.imageUrl,
      siteUrl: feed.siteUrl,
      language: feed.language,
      categories: feed.categories,
      fundingLinks: feed.funding,
      listedEpisodes: feed.itemCount,
      addStatus: "ready",
      etag: state.etag,
      lastModified: state.lastModified,
      lastFetchedAt: state.fetchedAt,
      lastSuccessAt: state.fetchedAt,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      ...state.schedule(result.newEpisodes),
    },
  });
  return result;
}
