/**
 * Readers add podcasts by feed URL (or an OPML list, see podcast-library.ts); a podcast is shared, so
 * the second reader to add a feed follows the one the first added. The request only checks the address,
 * records the show as `reading` and queues the add-podcast job, so it answers at once however large the
 * feed. A feed that cannot be read is marked `failed` with the reason and never polled; adding it again
 * reads it again.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import type { PodcastAddStatus } from "@/lib/generated/prisma/client";
import { addPodcastJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";

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

/**
 * A show still `reading` this long after its last change lost its job (its worker died for good, or the
 * queue was reset); adding it again queues another. Longer than the job's attempts can take.
 */
export const STALE_READING_MS = 15 * 60_000;

/** Queues a show's first read, `startAfterSeconds` from now. */
export async function queueFirstRead(podcastId: string, startAfterSeconds = 0): Promise<void> {
  await enqueue(addPodcastJob, { podcastId, requestedAt: new Date().toISOString() }, { startAfterSeconds });
}

/** Whether a show's first read should be queued (again) when a reader adds it. */
export function needsFirstRead(podcast: { addStatus: PodcastAddStatus; updatedAt: Date }, now = new Date()): boolean {
  return podcast.addStatus === "failed" || (podcast.addStatus === "reading" && now.getTime() - podcast.updatedAt.getTime() > STALE_READING_MS);
}

/** Follows a show that exists; false (nothing written) for an id that names none, e.g. a forged form. */
export async function followPodcast(userId: string, podcastId: string): Promise<boolean> {
  const podcast = await db.podcast.findUnique({ where: { id: podcastId }, select: { id: true } });
  if (!podcast) return false;
  await db.podcastSubscription.createMany({ data: [{ userId, podcastId }], skipDuplicates: true });
  return true;
}

export async function unfollowPodcast(userId: string, podcastId: string): Promise<void> {
  await db.podcastSubscription.deleteMany({ where: { userId, podcastId } });
}

export type AddedPodcast = { podcastId: string; addStatus: PodcastAddStatus };

const addedSelect = { id: true, addStatus: true, updatedAt: true } as const;

export async function addPodcastByUrl(userId: string, rawUrl: string): Promise<AddedPodcast> {
  const parsedUrl = feedUrlSchema.safeParse(rawUrl);
  if (!parsedUrl.success) throw new SafeError(parsedUrl.error.issues[0]?.message ?? "Enter the address of a podcast feed.");
  const feedUrl = parsedUrl.data;

  const created = await db.podcast.createManyAndReturn({
    data: [{ feedUrl, title: new URL(feedUrl).hostname, addStatus: "reading" }],
    skipDuplicates: true,
    select: addedSelect,
  });
  let podcast = created[0] ?? (await db.podcast.findUniqueOrThrow({ where: { feedUrl }, select: addedSelect }));
  let queue = created.length > 0;
  if (!queue && needsFirstRead(podcast)) {
    // Only one of two readers re-adding a failed show at once queues its read.
    const reset = await db.podcast.updateMany({
      where: { id: podcast.id, addStatus: podcast.addStatus, updatedAt: podcast.updatedAt },
      data: { addStatus: "reading", lastError: null, lastErrorAt: null },
    });
    queue = reset.count === 1;
    if (queue) podcast = { ...podcast, addStatus: "reading" };
  }
  await followPodcast(userId, podcast.id);
  if (queue) await queueFirstRead(podcast.id);
  return { podcastId: podcast.id, addStatus: podcast.addStatus };
}
