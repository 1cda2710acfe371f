import type { NextRequest } from "next/server";
import { z } from "zod";
import { alertMatchNotes } from "@/lib/alerts/alert-notes";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { renderObsidianZip } from "@/lib/exports/obsidian";
import { renderReadwiseCsv } from "@/lib/exports/readwise-csv";
import { jsonError } from "@/lib/http/json-error";
import { getCurrentUser } from "@/lib/session";

const FORMATS = ["obsidian", "readwise"] as const;
const exportQuery = z.object({ format: z.enum(FORMATS) });

/** The reader's alert matches, for Obsidian (a zip of notes) or Readwise (its highlights CSV), written as saved insights are. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return jsonError(new SafeError("Sign in to export your alert matches.", "unauthorized"), "export-alerts");
  const query = exportQuery.safeParse({ format: request.nextUrl.searchParams.get("format") ?? undefined });
  if (!query.success) return jsonError(new SafeError(`Choose the format: ${FORMATS.join(", ")}.`, "bad_request"), "export-alerts");
  const { appUrl } = getEnv();
  let notes;
  try {
    notes = await alertMatchNotes(user.id, appUrl);
  } catch (error) {
    return jsonError(error, "export-alerts");
  }
  const day = new Date().toISOString().slice(0, 10);
  const obsidian = query.data.format === "obsidian";
  // No byte-order mark on the CSV: Readwise would read it into the first column's name.
  const body = obsidian ? Buffer.from(renderObsidianZip(notes, { appUrl })) : renderReadwiseCsv(notes, { appUrl });
  return new Response(body, {
    headers: {
      "Content-Type": obsidian ? "application/zip" : "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="podbrief-alerts-${day}${obsidian ? "-obsidian.zip" : "-readwise.csv"}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
