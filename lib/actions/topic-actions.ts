"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { publicMessage } from "@/lib/errors";
import { createReaderTopic, followTopics, unfollowTopic } from "@/lib/topics/reader-topics";
import { requireUser } from "@/lib/session";

export type CreateTopicState = { error?: string; value?: string };

const topicIdInput = z.object({ topicId: z.string().min(1).max(64) });

/** A form's id that is not one of ours (a crafted request) names nothing: a 404 page, not a crash. */
function readIdOrNotFound<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

function revalidateTopics() {
  revalidatePath("/topics");
  revalidatePath("/topics/[slug]", "page");
  revalidatePath("/feed");
}

/** Follows a curated topic or one of the reader's own; `followTopics` ignores any other id. */
export async function followTopicAction(formData: FormData): Promise<void> {
  const user = await requireUser("/topics");
  const { topicId } = readIdOrNotFound(topicIdInput, { topicId: formData.get("topicId") });
  await followTopics(user.id, [topicId]);
  revalidateTopics();
}

export async function unfollowTopicAction(formData: FormData): Promise<void> {
  const user = await requireUser("/topics");
  const { topicId } = readIdOrNotFound(topicIdInput, { topicId: formData.get("topicId") });
  await unfollowTopic(user.id, topicId);
  revalidateTopics();
}

/** Creates the reader's topic from their phrase and opens its page, saying how many recent insights it caught. */
export async function createTopicAction(_previous: CreateTopicState, formData: FormData): Promise<CreateTopicState> {
  const user = await requireUser("/topics");
  const phrase = String(formData.get("phrase") ?? "");
  let created: { slug: string; caught: number };
  try {
    created = await createReaderTopic(user.id, phrase);
  } catch (error) {
    return { error: publicMessage(error, "create-topic"), value: phrase };
  }
  revalidateTopics();
  redirect(`/topics/${encodeURIComponent(created.slug)}?caught=${created.caught}`);
}
