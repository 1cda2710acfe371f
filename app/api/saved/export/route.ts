import type { NextRequest } from "next/server";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { exportFilename, renderSavedCsv, renderSavedJson, renderSavedMarkdown } from "@/lib/saved/export-saved";
import { exportSaved } from "@/lib/saved/saved-insights";
import { getCurrentUser } from "@/lib/session";

const exportQuery = z.object({ format: z.enum(["md", "csv", "json"]).default("json") });

const contentTypes = {
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
} as const;

/** Everything the reader saved, as Markdown, CSV or JSON: nothing saved here is locked in. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return jsonError(new SafeError("Sign in to export your saved insights.", "unauthorized"), "export-saved");
  const query = exportQuery.safeParse({ format: request.nextUrl.searchParams.get("format") ?? undefined });
  if (!query.success) return jsonError(new SafeError("Choose the format: md, csv or json.", "bad_request"), "export-saved");
  const { format } = query.data;
  let rows;
  try {
    rows = await exportSaved(user.id);
  } catch (error) {
    return jsonError(error, "export-saved");
  }
  const { appUrl } = getEnv();
  // A byte-order mark, so that spreadsheet apps read the file as UTF-8.
  const body =
    format === "md" ? renderSavedMarkdown(rows, { appUrl }) : format === "csv" ? `\uFEFF${renderSavedCsv(rows, { appUrl })}` : JSON.stringify(renderSavedJson(rows, { appUrl }), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Disposition": `attachment; filename="${exportFilename(format)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
