/**
 * What a reader does from a brief, without signing in: opening it on the web, following an insight's
 * link, "more / less like this", unsubscribing. Each acts for the reader a signed link names (see
 * brief-links.ts), and only on an insight that was in that reader's brief, so a link can do nothing
 * but what it was made for.
 */
import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { recordFeedback } from "@/lib/feed/feed-events";
import { quoteTime } from "@/lib/insights/quote-attribution";

async function briefItemOrThrow(userId: string, briefId: string | undefined, insightId: string | undefined) {
  if (!briefId || !insightId) throw new SafeError("This link is incomplete.", "bad_request");
  const item = await db.dailyBriefItem.findFirst({
    where: { briefId, insightId, brief: { userId } },
    select: {
      insight: {
        select: {
          id: true,
          headline: true,
          startSeconds: true,
          endSeconds: true,
          episode: { select: { podcast: { select: { id: true, title: true } } } },
          topics: { where: { topic: { OR: [{ kind: "curated" }, { createdById: userId }] } }, orderBy: { score: "desc" }, take: 3, select: { topic: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  if (!item) throw new SafeError("That insight is no longer in this brief.", "not_found");
  return item.insight;
}

/** The insight a brief link is about, for the page that asks the reader to confirm. */
export async function briefLinkInsight(userId: string, briefId: string | undefined, insightId: string | undefined) {
  const insight = await briefItemOrThrow(userId, briefId, insightId);
  return {
    id: insight.id,
    headline: insight.headline,
    podcast: insight.episode.podcast,
    topics: insight.topics.map((link) => link.topic),
  };
}

/**
 * Where an insight's link in the email leads: its page at the quoted moment (untimed: its page). Following the link
 * records nothing, because mail scanners follow every link; the page records the click once it has
 * loaded in a browser (recordBriefClick), as the web version records an open.
 */
export async function briefClickTarget(userId: string, briefId: string | undefined, insightId: string | undefined): Promise<string> {
  const insight = await briefItemOrThrow(userId, briefId, insightId);
  const at = quoteTime(insight);
  return at === null ? `/insights/${insight.id}` : `/insights/${insight.id}?t=${at}`;
}

/** A click through the email to an insight, seen from the browser that landed: recorded once per insight. */
export async function recordBriefClick(userId: string, briefId: string | undefined, insightId: string | undefined): Promise<void> {
  const insight = await briefItemOrThrow(userId, briefId, insightId);
  const already = await db.feedEvent.findFirst({ where: { userId, insightId: insight.id, kind: "email_click" }, select: { id: true } });
  if (!already) await db.feedEvent.create({ data: { userId, insightId: insight.id, kind: "email_click" } });
}

export type BriefFeedbackTarget = { target: "insight" } | { target: "topic"; topicId: string } | { target: "podcast" };

/** "More / less like this" from a brief: about the insight, one of its topics, or its show. Saying it twice counts once. */
export async function recordBriefFeedback(
  userId: string,
  { briefId, insightId, direction, target }: { briefId?: string; insightId?: string; direction: "more" | "less"; target: BriefFeedbackTarget },
): Promise<void> {
  const insight = await briefItemOrThrow(userId, briefId, insightId);
  const kind = direction === "more" ? "more_like_this" : "less_like_this";
  const about =
    target.target === "topic"
      ? { topicId: target.topicId, insightId: null, podcastId: null }
      : target.target === "podcast"
        ? { podcastId: insight.episode.podcast.id, insightId: null, topicId: null }
        : { insightId: insight.id, topicId: null, podcastId: null };
  const already = await db.feedEvent.findFirst({ where: { userId, kind, ...about }, select: { id: true } });
  if (already) return;
  await recordFeedback(userId, {
    insightId: insight.id,
    direction,
    target: target.target,
    ...(target.target === "topic" ? { topicId: target.topicId } : {}),
  });
}

/** One-click unsubscribe (RFC 8058) and the footer link: briefs off; Settings turns them back on. */
export async function unsubscribeFromBrief(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { briefEnabled: false } });
}

/**
 * The first visit to a brief's web version: the reader has read its insights (each is short and
 * shown whole), so they sink in the feed as opened ones do. Later visits record nothing more.
 */
export async function recordBriefOpen(userId: string, briefId: string): Promise<void> {
  const first = await db.dailyBrief.updateMany({ where: { id: briefId, userId, openedAt: null }, data: { openedAt: new Date() } });
  if (first.count === 0) return;
  const items = await db.dailyBriefItem.findMany({ where: { briefId }, select: { insightId: true } });
  if (items.length > 0) await db.feedEvent.createMany({ data: items.map((item) => ({ userId, insightId: item.insightId, kind: "opened" as const })) });
}
