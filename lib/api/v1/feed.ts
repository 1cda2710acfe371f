/** The reader's personalized feed, as /feed ranks it. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { pageOf, pageQuery } from "@/lib/api/pagination";
import { rankedInsightSchema, toApiInsight } from "@/lib/api/v1/representations";
import { type FeedPage, rankFeedForUser } from "@/lib/feed/rank-feed";

export const rankedPageSchema = pageOf(rankedInsightSchema, "RankedInsightPage");

export function toRankedPage(page: FeedPage): z.input<typeof rankedPageSchema> {
  return {
    items: page.items.map((item) => ({
      insight: toApiInsight(item.insight),
      reason: item.reason,
      saved: item.saved,
      score: item.score,
      others: item.others.map(toApiInsight),
    })),
    nextCursor: page.nextCursor,
  };
}

export const getFeed = defineRoute({
  method: "get",
  path: "/feed",
  operationId: "getFeed",
  summary: "The reader's feed",
  description: "Insights ranked for the reader from the topics and shows they follow and what they told us, one per point made on several shows. Pages are ranked as of the first page's time.",
  tag: "Feed",
  scope: "read",
  query: pageQuery,
  success: { status: 200, description: "A page of the feed.", schema: rankedPageSchema },
  run: async ({ userId, query }) => toRankedPage(await rankFeedForUser(userId, { cursor: query.cursor, take: query.limit })),
});
