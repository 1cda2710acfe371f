/** Saved insights: the list (with search and topic filter), saving and unsaving. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { pageOf, pageQuery } from "@/lib/api/pagination";
import { insightSchema, toApiInsight } from "@/lib/api/v1/representations";
import { saveInsight, unsaveInsight } from "@/lib/feed/feed-events";
import { listSaved } from "@/lib/saved/saved-insights";

const savedQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(200).optional().meta({ description: "Every word must appear in the headline, body or quote." }),
  topic: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/, "A topic's slug: lower-case letters, digits and dashes.")
    .optional()
    .meta({ description: "Only saved insights of this topic (its slug)." }),
});

const insightPath = z.object({ insightId: z.string().min(1).max(64).meta({ description: "The insight's id." }) });

const savedInsightSchema = z.object({ insight: insightSchema, savedAt: z.iso.datetime() }).meta({ id: "SavedInsight" });

export const listSavedRoute = defineRoute({
  method: "get",
  path: "/saved",
  operationId: "listSaved",
  summary: "The reader's saved insights",
  description: "Newest saved first.",
  tag: "Saved",
  scope: "read",
  query: savedQuery,
  success: { status: 200, description: "A page of saved insights.", schema: pageOf(savedInsightSchema, "SavedInsightPage") },
  run: async ({ userId, query }) => {
    const page = await listSaved(userId, { q: query.q, topic: query.topic, cursor: query.cursor, take: query.limit });
    return { items: page.items.map((item) => ({ insight: toApiInsight(item.insight), savedAt: item.savedAt.toISOString() })), nextCursor: page.nextCursor };
  },
});

export const saveInsightRoute = defineRoute({
  method: "put",
  path: "/saved/{insightId}",
  operationId: "saveInsight",
  summary: "Save an insight",
  description: "Saving an insight already saved changes nothing.",
  tag: "Saved",
  scope: "write",
  params: insightPath,
  success: { status: 204, description: "Saved." },
  errors: [{ status: 404, description: "No insight of that id." }],
  run: async ({ userId, params }) => {
    await saveInsight(userId, params.insightId);
  },
});

export const unsaveInsightRoute = defineRoute({
  method: "delete",
  path: "/saved/{insightId}",
  operationId: "unsaveInsight",
  summary: "Unsave an insight",
  description: "Only the reader's own save is removed; unsaving one not saved changes nothing.",
  tag: "Saved",
  scope: "write",
  params: insightPath,
  success: { status: 204, description: "Not saved any more." },
  run: async ({ userId, params }) => {
    await unsaveInsight(userId, params.insightId);
  },
});
