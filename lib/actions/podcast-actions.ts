"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicMessage } from "@/lib/errors";
import { addPodcastByUrl, followPodcast, unfollowPodcast } from "@/lib/podcasts/add-podcast";
import { OPML_MAX_BYTES } from "@/lib/podcasts/opml";
import { importOpml } from "@/lib/podcasts/podcast-library";
import { requireUser } from "@/lib/session";

export type FormState = { error?: string; message?: string; value?: string };

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

export async function importOpmlAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser("/podcasts");
  const file = formData.get("opml");
  if (!(file instanceof File) || file.size === 0) return { error: "Choose an OPML file to import." };
  if (file.size > OPML_MAX_BYTES) return { error: `That file is larger than ${OPML_MAX_BYTES / 1024 / 1024} MB; an OPML list of podcasts is far smaller.` };
  try {
    const result = await importOpml(user.id, Buffer.from(await file.arrayBuffer()));
    revalidatePath("/podcasts");
    const parts = [`Following ${result.followed} new ${result.followed === 1 ? "podcast" : "podcasts"}`];
    if (result.alreadyFollowing) parts.push(`${result.alreadyFollowing} you already followed`);
    if (result.invalid.length) parts.push(`${result.invalid.length} skipped (not a web address: ${result.invalid.slice(0, 3).join(", ")})`);
    return { message: `${parts.join("; ")}. New shows appear as their feeds are read.` };
  } catch (error) {
    return { error: publicMessage(error, "import-opml") };
  }
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
