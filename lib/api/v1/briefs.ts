/** The reader's briefs: the archive, and one brief with its items, as the email and /brief show them. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { pageOf, pageQuery } from "@/lib/api/pagination";
import { briefSchema, briefSummarySchema, toApiBrief, toApiBriefSummary } from "@/lib/api/v1/representations";
import { isBriefDate } from "@/lib/brief/brief-schedule";
import { listBriefArchive, loadBrief } from "@/lib/brief/load-brief";
import { SafeError } from "@/lib/errors";

const briefCursor = /^\d{4}-\d{2}-\d{2}$/;

export const listBriefsRoute = defineRoute({
  method: "get",
  path: "/briefs",
  operationId: "listBriefs",
  summary: "The reader's briefs",
  description: "Newest first, each with its first headline.",
  tag: "Briefs",
  scope: "read",
  query: pageQuery,
  success: { status: 200, description: "A page of briefs.", schema: pageOf(briefSummarySchema, "BriefSummaryPage") },
  run: async ({ userId, query }) => {
    // The cursor is the last brief's date, base64url like every cursor so that clients treat it as opaque.
    const before = query.cursor ? Buffer.from(query.cursor, "base64url").toString() : undefined;
    const rows = await listBriefArchive(userId, { take: query.limit + 1, before: before && briefCursor.test(before) ? before : undefined });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toApiBriefSummary), nextCursor: rows.length > query.limit && last ? Buffer.from(last.briefDate).toString("base64url") : null };
  },
});

export const getBriefRoute = defineRoute({
  method: "get",
  path: "/briefs/{brief}",
  operationId: "getBrief",
  summary: "One brief",
  tag: "Briefs",
  scope: "read",
  params: z.object({ brief: z.string().min(1).max(64).meta({ description: "The brief's date (YYYY-MM-DD, the reader's calendar) or its id." }) }),
  success: { status: 200, description: "The brief and its items in order.", schema: briefSchema },
  errors: [{ status: 404, description: "The reader has no brief of that date or id." }],
  run: async ({ userId, params }) => {
    const brief = await loadBrief(userId, isBriefDate(params.brief) ? { briefDate: params.brief } : { briefId: params.brief });
    if (!brief) throw new SafeError("You have no brief of that date or id.", "not_found");
    return toApiBrief(brief);
  },
});
