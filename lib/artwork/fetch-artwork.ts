/**
 * The worker's side of artwork: each image address a feed names is fetched once through safe-fetch,
 * checked and resized (resize-artwork.ts), and stored with its sizes, or recorded as refused with the
 * reason, as a feed's failure is. Shows and episodes then point to it. One artwork row per address,
 * so the hundred episodes that repeat their show's image cost one fetch.
 */
import "server-only";
import type { z } from "zod";
import { ArtworkRefused, resizeArtwork } from "@/lib/artwork/resize-artwork";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { RECENT_EPISODES_PER_PODCAST } from "@/lib/ingest/fetch-transcript";
import { artworkOwner, fetchArtworkJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";
import { safeFetch, type SafeFetchOptions } from "@/lib/net/safe-fetch";

/** Podcast artwork is at most a few MB (Apple asks for under 512 KB); the download stops here. */
export const ARTWORK_MAX_BYTES = 10 * 1024 * 1024;
/** A stored image is fetched again after this long, in case the show changed it at the same address. */
const REFRESH_AFTER_MS = 30 * 24 * 3_600_000;
/** A refused image is tried again after this long (a server fixed, a transient error gone). */
const RETRY_FAILED_AFTER_MS = 24 * 3_600_000;
/** Longer addresses are not fetched (and would not fit the unique index). */
const MAX_URL_LENGTH = 2048;

type ArtworkState = { status: string; fetchedAt: Date | null; sourceUrl: string };

/** Whether an image address needs fetching (again). */
export function needsFetch(artwork: ArtworkState | null, url: string, now: Date): boolean {
  if (!artwork || artwork.sourceUrl !== url || artwork.status === "pending" || !artwork.fetchedAt) return true;
  const age = now.getTime() - artwork.fetchedAt.getTime();
  return age > (artwork.status === "ready" ? REFRESH_AFTER_MS : RETRY_FAILED_AFTER_MS);
}

export type StoreArtworkOptions = { now?: Date; fetch?: Pick<SafeFetchOptions, "allowedHosts" | "lookup"> };

/**
 * Fetches, checks and stores the image at `url`, unless it was stored or refused recently. Returns the
 * artwork's id, or null for an address too long to keep. Safe to run twice: the row is keyed by address.
 */
export async function storeArtworkFrom(url: string, options: StoreArtworkOptions = {}): Promise<string | null> {
  if (url.length > MAX_URL_LENGTH) return null;
  const now = options.now ?? new Date();
  const known = await db.artwork.findUnique({ where: { sourceUrl: url }, select: { id: true, status: true, fetchedAt: true, sourceUrl: true } });
  if (known && !needsFetch(known, url, now)) return known.id;

  let outcome: { resized: Awaited<ReturnType<typeof resizeArtwork>> } | { error: string };
  try {
    const response = await safeFetch(url, {
      ...options.fetch,
      maxBytes: ARTWORK_MAX_BYTES,
      headers: { Accept: "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1" },
    });
    outcome = { resized: await resizeArtwork(response.body, response.contentType) };
  } catch (error) {
    if (error instanceof ArtworkRefused) outcome = { error: error.message };
    else if (error instanceof SafeError) outcome = { error: `the image could not be fetched: ${error.message}` };
    else throw error;
  }

  // ON CONFLICT DO NOTHING, unlike Prisma's upsert (a read, then an insert), cannot fail when two jobs
  // store one address at once (two shows share an image).
  await db.artwork.createMany({ data: [{ sourceUrl: url }], skipDuplicates: true });
  return db.$transaction(async (tx) => {
    // The two jobs take turns here, so their images never mix.
    const [artwork] = await tx.$queryRaw<{ id: string; status: string }[]>`SELECT id, status::text AS status FROM artworks WHERE source_url = ${url} FOR UPDATE`;
    if (!artwork) throw new Error(`the artwork for ${url} vanished while being stored`);
    if ("error" in outcome) {
      // A copy stored before stays served; the reason is recorded beside it all the same.
      await tx.artwork.update({
        where: { id: artwork.id },
        data: { status: artwork.status === "ready" ? "ready" : "failed", error: outcome.error, fetchedAt: now },
      });
      return artwork.id;
    }
    const { hash, sourceWidth, sourceHeight, images } = outcome.resized;
    await tx.artworkImage.deleteMany({ where: { artworkId: artwork.id } });
    await tx.artworkImage.createMany({ data: images.map((image) => ({ artworkId: artwork.id, width: image.width, format: image.format, bytes: new Uint8Array(image.bytes) })) });
    await tx.artwork.update({ where: { id: artwork.id }, data: { status: "ready", hash, error: null, fetchedAt: now, sourceWidth, sourceHeight } });
    return artwork.id;
  });
}

export type ArtworkOwner = z.infer<typeof artworkOwner>;

/**
 * Stores a show's or an episode's image and points the show or episode to it. An episode whose image
 * is its show's points to nothing: pages use the show's.
 */
export async function fetchArtworkFor(target: ArtworkOwner, options: StoreArtworkOptions = {}): Promise<void> {
  const url =
    target.kind === "podcast"
      ? (await db.podcast.findUnique({ where: { id: target.id }, select: { imageUrl: true } }))?.imageUrl
      : await db.episode
          .findUnique({ where: { id: target.id }, select: { imageUrl: true, podcast: { select: { imageUrl: true } } } })
          .then((episode) => (episode?.imageUrl && episode.imageUrl !== episode.podcast.imageUrl ? episode.imageUrl : null));
  const artworkId = url ? await storeArtworkFrom(url, options) : null;
  // Only while the address is still the one fetched: a poll may have changed it meanwhile.
  const where = { id: target.id, imageUrl: url ?? undefined };
  if (target.kind === "podcast") await db.podcast.updateMany({ where, data: { artworkId } });
  else await db.episode.updateMany({ where, data: { artworkId } });
}

/**
 * Queues artwork fetches for a show and its newest episodes whose image is not stored (or is due
 * again), after a read of its feed. Safe to repeat.
 */
export async function queueArtworkFetches(podcastId: string, now = new Date()): Promise<number> {
  const artworkState = { select: { status: true, fetchedAt: true, sourceUrl: true } } as const;
  const podcast = await db.podcast.findUnique({ where: { id: podcastId }, select: { imageUrl: true, artworkId: true, artwork: artworkState } });
  if (!podcast) return 0;
  const queue: { kind: ArtworkOwner["kind"]; id: string; url: string }[] = [];
  if (podcast.imageUrl && needsFetch(podcast.artwork, podcast.imageUrl, now)) queue.push({ kind: "podcast", id: podcastId, url: podcast.imageUrl });
  if (!podcast.imageUrl && podcast.artworkId) await db.podcast.update({ where: { id: podcastId }, data: { artworkId: null } });

  const episodes = await db.episode.findMany({
    where: { podcastId, imageUrl: { not: null } },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: RECENT_EPISODES_PER_PODCAST,
    select: { id: true, imageUrl: true, artwork: artworkState },
  });
  for (const episode of episodes) {
    if (episode.imageUrl && episode.imageUrl !== podcast.imageUrl && needsFetch(episode.artwork, episode.imageUrl, now)) {
      queue.push({ kind: "episode", id: episode.id, url: episode.imageUrl });
    }
  }
  for (const job of queue) await enqueue(fetchArtworkJob, job);
  return queue.length;
}
