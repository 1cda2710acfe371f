/**
 * Saved insights as files a reader takes elsewhere: Markdown for notes apps, CSV for spreadsheets,
 * JSON for scripts. Pure functions over rows already read for one reader.
 */
import { csvDocument } from "@/lib/exports/csv";
import { formatTimestamp, formatCount } from "@/lib/format";
import { asSaidLabel, type QuotedInsight, quoteTime, quoteToShow } from "@/lib/insights/quote-attribution";

export type SavedExportRow = QuotedInsight & {
  savedAt: Date;
  podcast: { id: string; title: string };
  episode: { id: string; title: string };
  topics: { slug: string; name: string }[];
};

export const EXPORT_FORMATS = ["md", "csv", "json", "obsidian", "readwise"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FILE_ENDINGS: Record<ExportFormat, string> = { md: ".md", csv: ".csv", json: ".json", obsidian: "-obsidian.zip", readwise: "-readwise.csv" };

/** The insight's page, opened at the moment the quote was said when the transcript had times. */
export function insightUrl(appUrl: string, row: Pick<SavedExportRow, "id" | "startSeconds" | "endSeconds">): string {
  const at = quoteTime(row);
  return `${appUrl}/insights/${encodeURIComponent(row.id)}${at === null ? "" : `?t=${at}`}`;
}

/** "podbrief-saved-2026-11-29.md": the day in UTC, so the name does not depend on the server's zone. */
export function exportFilename(format: ExportFormat, now = new Date()): string {
  return `podbrief-saved-${now.toISOString().slice(0, 10)}${FILE_ENDINGS[format]}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function renderSavedMarkdown(rows: SavedExportRow[], { appUrl, exportedAt = new Date() }: { appUrl: string; exportedAt?: Date }): string {
  const count = formatCount(rows.length, "insight");
  const parts = [`# Saved insights from Podbrief`, `Exported ${exportedAt.toISOString().slice(0, 10)} · ${count}`];
  for (const row of rows) {
    // The body, then the words as said: once, as the body, when they are the same words.
    const said = `— ${asSaidLabel(quoteTime(row), row.speaker)}`;
    const quote = quoteToShow(row.body, row.quote);
    const quoted = quote
      ?.trim()
      .split(/\r?\n/)
      .map((line) => `> ${line}`.trimEnd())
      .join("\n");
    const where = `${oneLine(row.podcast.title)} — ${oneLine(row.episode.title)}`;
    parts.push(
      `## ${oneLine(row.headline)}`,
    row.body.trim(),
      quoted ? `${quoted}\n>\n> ${said}` : said,
      `${where}  \n[Open in Podbrief](${insightUrl(appUrl, row)})`,
    );
    if (row.topics.length) parts.push(`Topics: ${row.topics.map((topic) => topic.name).join(", ")}`);
  }
  return `${parts.join("\n\n")}\n`;
}

export const CSV_COLUMNS = ["headline", "body", "quote", "speaker", "podcast", "episode", "timestamp", "start_seconds", "published_at", "saved_at", "topics", "url"] as const;

export function renderSavedCsv(rows: SavedExportRow[], { appUrl }: { appUrl: string }): string {
  const records = rows.map((row) => [
    row.headline,
    row.body,
    row.quote,
    row.speaker ?? "",
    row.podcast.title,
    row.episode.title,
    ...timestampCells(row),
    row.publishedAt.toISOString(),
    row.savedAt.toISOString(),
    row.topics.map((topic) => topic.name).join("; "),
    insightUrl(appUrl, row),
  ]);
  return csvDocument(CSV_COLUMNS, records);
}

/** "12:34" and 754, or two empty cells for an untimed transcript (not "0:00" and 0). */
function timestampCells(row: SavedExportRow): [string, string] {
  const at = quoteTime(row);
  return at === null ? ["", ""] : [formatTimestamp(at), String(at)];
}

/** saidAt: where the quote was said in whole seconds, null for an untimed transcript (whose start and end read 0). */
export function renderSavedJson(rows: SavedExportRow[], { appUrl }: { appUrl: string }) {
  return { insights: rows.map((row) => ({ ...row, saidAt: quoteTime(row), url: insightUrl(appUrl, row) })) };
}
