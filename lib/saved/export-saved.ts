/**
 * Saved insights as files a reader takes elsewhere: Markdown for notes apps, CSV for spreadsheets,
 * JSON for scripts. Pure functions over rows already read for one reader.
 */
import { formatTimestamp } from "@/lib/insights/insight-card";

export type SavedExportRow = {
  id: string;
  headline: string;
  body: string;
  quote: string;
  speaker: string | null;
  startSeconds: number;
  endSeconds: number;
  publishedAt: Date;
  savedAt: Date;
  podcast: { id: string; title: string };
  episode: { id: string; title: string };
  topics: { slug: string; name: string }[];
};

export type ExportFormat = "md" | "csv" | "json";

/** The insight's page, opened at the moment the quote was said. */
export function insightUrl(appUrl: string, row: Pick<SavedExportRow, "id" | "startSeconds">): string {
  return `${appUrl}/insights/${encodeURIComponent(row.id)}?t=${Math.floor(Math.max(0, row.startSeconds))}`;
}

/** "podbrief-saved-2026-11-29.md": the day in UTC, so the name does not depend on the server's zone. */
export function exportFilename(format: ExportFormat, now = new Date()): string {
  return `podbrief-saved-${now.toISOString().slice(0, 10)}.${format}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function renderSavedMarkdown(rows: SavedExportRow[], { appUrl, exportedAt = new Date() }: { appUrl: string; exportedAt?: Date }): string {
  const count = `${rows.length} ${rows.length === 1 ? "insight" : "insights"}`;
  const parts = [`# Saved insights from Podbrief`, `Exported ${exportedAt.toISOString().slice(0, 10)} · ${count}`];
  for (const row of rows) {
    const quote = row.quote
      .split(/\r?\n/)
      .map((line) => `> ${line}`.trimEnd())
      .join("\n");
    const where = `${oneLine(row.podcast.title)} — ${oneLine(row.episode.title)} (at ${formatTimestamp(row.startSeconds)})`;
    parts.push(
      `## ${oneLine(row.headline)}`,
      row.body.trim(),
      row.speaker ? `${quote}\n>\n> — ${oneLine(row.speaker)}` : quote,
      `${where}  \n[Open in Podbrief](${insightUrl(appUrl, row)})`,
    );
    if (row.topics.length) parts.push(`Topics: ${row.topics.map((topic) => topic.name).join(", ")}`);
  }
  return `${parts.join("\n\n")}\n`;
}

export const CSV_COLUMNS = ["headline", "body", "quote", "speaker", "podcast", "episode", "timestamp", "start_seconds", "published_at", "saved_at", "topics", "url"] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; formulas defused. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderSavedCsv(rows: SavedExportRow[], { appUrl }: { appUrl: string }): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    const cells = [
      row.headline,
      row.body,
      row.quote,
      row.speaker ?? "",
      row.podcast.title,
      row.episode.title,
      formatTimestamp(row.startSeconds),
      String(Math.floor(row.startSeconds)),
      row.publishedAt.toISOString(),
      row.savedAt.toISOString(),
      row.topics.map((topic) => topic.name).join("; "),
      insightUrl(appUrl, row),
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function renderSavedJson(rows: SavedExportRow[], { appUrl }: { appUrl: string }) {
  return { insights: rows.map((row) => ({ ...row, url: insightUrl(appUrl, row) })) };
}
