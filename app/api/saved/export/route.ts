import type { NextRequest } from "next/server";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { noteItemFromSaved } from "@/lib/exports/note-item";
import { renderObsidianZip } from "@/lib/exports/obsidian";
import { renderReadwiseCsv } from "@/lib/exports/readwise-csv";
import { jsonError } from "@/lib/http/json-error";
import { EXPORT_FORMATS, exportFilename, renderSavedCsv, renderSavedJson, renderSavedMarkdown, type ExportFormat, type SavedExportRow } from "@/lib/saved/export-saved";
import { exportSaved } from "@/lib/saved/saved-insights";
import { getCurrentUser } from "@/lib/session";

const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default("json") });

const contentTypes: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
  obsidian: "application/zip",
  readwise: "text/csv; charset=utf-8; header=present",
};

function renderExport(format: ExportFormat, rows: SavedExportRow[], appUrl: string): string | Uint8Array {
  switch (format) {
    case "md":
      return renderSavedMarkdown(rows, { appUrl });
    case "csv":
      // A byte-order mark, so that spreadsheet apps read the file as UTF-8.
      return `\uFEFF${renderSavedCsv(rows, { appUrl })}`;
    case "json":
      return JSON.stringify(renderSavedJson(rows, { appUrl }), null, 2);
    case "obsidian":
      return renderObsidianZip(rows.map(noteItemFromSaved), { appUrl });
    case "readwise":
      // No byte-order mark: Readwise would read it into the first column's name.
      return renderReadwiseCsv(rows.map(noteItemFromSaved), { appUrl });
  }
}

/** Everything the reader saved, as Markdown, CSV, JSON, an Obsidian vault folder or a Readwise import: nothing saved here is locked in. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return jsonError(new SafeError("Sign in to export your saved insights.", "unauthorized"), "export-saved");
  const query = exportQuery.safeParse({ format: request.nextUrl.searchParams.get("format") ?? undefined });
  if (!query.success) return jsonError(new SafeError(`Choose the format: ${EXPORT_FORMATS.join(", ")}.`, "bad_request"), "export-saved");
  const { format } = query.data;
  let rows;
  try {
    rows = await exportSaved(user.id);
  } catch (error) {
    return jsonError(error, "export-saved");
  }
  const body = renderExport(format, rows, getEnv().appUrl);
  return new Response(typeof body === "string" ? body : Buffer.from(body), {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Disposition": `attachment; filename="${exportFilename(format)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
