/**
 * A reader's signals about insights, topics and shows: saves, hides, opens, "more like this" and
 * "less like this". The feed and the brief rank by them. Every function takes the reader's id and
 * scopes its writes and reads by it; ids of insights a reader cannot see are refused.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";

export const feedbackInput = z.object({
  insightId: z.string().min(1).max(64),
  /** What the feedback is about: this insight, one of its topics, or its show. */
  target: z.enum(["insight", "topic", "podcast"]).default("insight"),
  direction: z.enum(["more", "less"]),
  topicId: z.string().min(1).max(64).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

async function insightOrThrow(insightId: string) {
  const insight = await db.insight.findUnique({ where: { id: insightId }, select: { id: true, episode: { select: { podcastId: true } } } });
  if (!insight) throw new SafeError("That insight no longer exists.", "not_found");
  return insight;
}

export async function saveInsight(userId: string, insightId: string): Promise<void> {
  await insightOrThrow(insightId);
  await db.$transaction([
    db.savedInsight.upsert({ where: { userId_insightId: { userId, insightId } }, create: { userId, insightId }, update: {} }),
    db.feedEvent.create({ data: { userId, insightId, kind: "saved" } }),
  ]);
}

export async function unsaveInsight(userId: string, insightId: string): Promise<void> {
  await db.savedInsight.deleteMany({ where: { userId, insightId } });
}

export async function hideInsight(userId: string, insightId: string): Promise<void> {
  await insightOrThrow(insightId);
  await db.feedEvent.create({ data: { userId, insightId, kind: "hidden" } });
}

export async function unhideInsight(userId: string, insightId: string): Promise<void> {
  await db.feedEvent.deleteMany({ where: { userId, insightId, kind: "hidden" } });
}

export async function recordOpened(userId: string, insightId: string): Promise<void> {
  await insightOrThrow(insightId);
  await db.feedEvent.create({ data: { userId, insightId, kind: "opened" } });
}

/** "More like this" or "less like this" on an insight, on one of its topics, or on its show. */
export async function recordFeedback(userId: string, input: FeedbackInput): Promise<void> {
  const insight = await insightOrThrow(input.insightId);
  const kind = input.direction === "more" ? "more_like_this" : "less_like_this";
  if (input.target === "topic") {
    if (!input.topicId) throw new SafeError("Choose the topic.", "bad_request");
    // Only a topic this reader may see (curated, or their own), with one answer for every other id:
    // another reader's topic must not reveal whether it exists or which insights it holds.
    const linked = await db.insightTopic.findFirst({
      where: { insightId: insight.id, topicId: input.topicId, topic: { OR: [{ kind: "curated" }, { createdById: userId }] } },
      select: { topicId: true },
    });
    if (!linked) throw new SafeError("That topic is not one of this insight's.", "not_found");
    await db.feedEvent.create({ data: { userId, kind, topicId: input.topicId } });
    return;
  }
  if (input.target === "podcast") {
    await db.feedEvent.create({ data: { userId, kind, podcastId: insight.episode.podcastId } });
    return;
  }
  await db.feedEvent.create({ data: { userId, kind, insightId: insight.id } });
}
