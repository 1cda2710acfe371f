/**
 * Readwise's highlights CSV import. The highlight is the passage: the clean body, what a reader
 * would have underlined. The note carries what Readwise has no column for: the topics as inline tags
 * (".tag"), the headline, and the words as said with when. Title and Author are the episode and the
 * show, so Readwise files an episode's highlights together under its show.
 */
import { csvDocument } from "@/lib/exports/csv";
import { notePageUrl, notePlayUrl, type NoteItem } from "@/lib/exports/note-item";
import { asSaidLabel, quoteTime, quoteToShow } from "@/lib/insights/quote-attribution";

export const READWISE_COLUMNS = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"] as const;

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** "2026-12-06 14:03:00", in UTC: the form Readwise's import reads. */
export function readwiseDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** A Readwise inline tag is one word after a dot: "AI policy" → ".ai_policy". */
function readwiseTag(slug: string): string {
  return `.${slug.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "_").replace(/^_+|_+$/g, "")}`;
}

export function readwiseNote(item: NoteItem): string {
  const said = asSaidLabel(quoteTime(item), item.speaker);
  const quote = quoteToShow(item.body, item.quote);
  const lines = [
    ...(item.topics.length ? [item.topics.map((topic) => readwiseTag(topic.slug)).join(" ")] : []),
    oneLine(item.headline),
    quote ? `“${oneLine(quote)}” — ${said}` : `— ${said}`,
    ...(item.note?.trim() ? [item.note.trim()] : []),
  ];
  return lines.join("\n");
}

export function renderReadwiseCsv(items: NoteItem[], { appUrl }: { appUrl: string }): string {
  const records = items.map((item) => {
    const at = quoteTime(item);
    return [
      item.body.trim() || item.quote.trim(),
      oneLine(item.episode.title),
      oneLine(item.podcast.title),
      notePlayUrl(item, appUrl) ?? notePageUrl(item, appUrl),
      readwiseNote(item),
      at === null ? "" : String(at),
      readwiseDate(item.addedAt),
    ];
  });
  return csvDocument(READWISE_COLUMNS, records);
}
