"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { publicMessage } from "@/lib/errors";
import { addPodcastByUrl, followPodcast, unfollowPodcast } from "@/lib/podcasts/add-podcast";
import { requireUser } from "@/lib/session";

export type FormState = { error?: string; message?: string; value?: string };

/** Queues the show's first read and opens its page, which follows the read (see add-podcast.ts). */
export async function addPodcastAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser("/podcasts");
  const url = String(formData.get("url") ?? "");
  let podcastId: string;
  try {
    podcastId = (await addPodcastByUrl(user.id, url)).podcastId;
  } catch (error) {
    return { error: publicMessage(error, "add-podcast"), value: url };
  }
  revalidatePath("/podcasts");
  redirect(`/podcasts/${podcastId}`);
}

const podcastIdInput = z.object({ podcastId: z.string().min(1).max(64) });

/** A malformed or unknown show id can only come from a forged form: a 404, never a 500. */
function formPodcastId(formData: FormData): string {
  const parsed = podcastIdInput.safeParse({ podcastId: formData.get("podcastId") });
  if (!parsed.success) notFound();
  return parsed.data.podcastId;
}

export async function followPodcastAction(formData: FormData): Promise<void> {
  const user = await requireUser("/podcasts");
  const podcastId = formPodcastId(formData);
  if (!(await followPodcast(user.id, podcastId))) notFound();
  revalidatePath("/podcasts");
  revalidatePath(`/podcasts/${podcastId}`);
}

export async function unfollowPodcastAction(formData: FormData): Promise<void> {
  const user = await requireUser("/podcasts");
  const podcastId = formPodcastId(formData);
  await unfollowPodcast(user.id, podcastId);
  revalidatePath("/podcasts");
  revalidatePath(`/podcasts/${podcastId}`);
}
