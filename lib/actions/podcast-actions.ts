"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
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

export async function followPodcastAction(formData: FormData): Promise<void> {
  const user = await requireUser("/podcasts");
  const { podcastId } = podcastIdInput.parse({ podcastId: formData.get("podcastId") });
  await followPodcast(user.id, podcastId);
  revalidatePath("/podcasts");
  revalidatePath(`/podcasts/${podcastId}`);
}

export async function unfollowPodcastAction(formData: FormData): Promise<void> {
  const user = await requireUser("/podcasts");
  const { podcastId } = podcastIdInput.parse({ podcastId: formData.get("podcastId") });
  await unfollowPodcast(user.id, podcastId);
  revalidatePath("/podcasts");
  revalidatePath(`/podcasts/${podcastId}`);
}
