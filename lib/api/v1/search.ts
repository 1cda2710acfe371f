/** Search over insights by words and by meaning, as /search does. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { decodeOffsetCursor, encodeOffsetCursor, pageOf, pageQuery } from "@/lib/api/pagination";
import { insightSchema, toApiInsight } from "@/lib/api/v1/representations";
import { SEARCH_MAX_OFFSET, searchInsights, searchInsightsInput } from "@/lib/search/search-insights";

const searchQuery = pageQuery.extend({
  q: searchInsightsInput.shape.q.meta({ description: "Words to search for; quoted phrases, `or` and `-minus` work as on the web." }),
  topic: z.string().trim().min(1).max(200).optional().meta({ description: "Only insights of this topic (its slug)." }),
  podcastId: z.string().trim().min(1).max(200).optional().meta({ description: "Only insights of this show." }),
});

const searchResultSchema = z
  .object({
    insight: insightSchema,
    saved: z.boolean(),
    rank: z.number().meta({ description: "Higher is better; comparable within one search only." }),
    foundBy: z.enum(["words", "meaning", "both"]),
  })
  .meta({ id: "SearchResult" });

export const searchRoute = defineRoute({
  method: "get",
  path: "/search",
  operationId: "searchInsights",
  summary: "Search insights",
  description: `Insights matching the words or close in meaning, best first. Search reads the first ${SEARCH_MAX_OFFSET} results deep.`,
  tag: "Search",
  scope: "read",
  query: searchQuery,
  success: { status: 200, description: "A page of results.", schema: pageOf(searchResultSchema, "SearchResultPage") },
  run: async ({ userId, query }) => {
    const page = await searchInsights(userId, { q: query.q, topic: query.topic, podcastId: query.podcastId, offset: decodeOffsetCursor(query.cursor), take: query.limit });
    return {
      items: page.results.map((result) => ({ insight: toApiInsight(result.insight), saved: result.saved, rank: result.rank, foundBy: result.foundBy })),
      nextCursor: page.nextOffset !== null && page.nextOffset <= SEARCH_MAX_OFFSET ? encodeOffsetCursor(page.nextOffset) : null,
    };
  },
});
