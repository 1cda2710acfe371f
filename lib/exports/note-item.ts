/**
 * What the notes-app exports (Obsidian, Readwise) write out: an insight as a reader kept it, whatever
 * made them keep it. Two sources: saved insights, and alert matches (addedAt = when it matched,
 * note = the alert's phrase). A phrase said in a transcript is no insight and has no page of its
 * own: its links name the episode's page and its audio at that second.
 */
import { quoteTime, type QuotedInsight } from "@/lib/insights/quote-attribution";
import { insightUrl, type SavedExportRow } from "@/lib/saved/export-saved";

export type NoteItem = QuotedInsight & {
  /** When the reader kept it: saved, or (later) matched by an alert. */
  addedAt: Date;
  podcast: { title: string };
  episode: { title: string };
  topics: { slug: string; name: string }[];
  /** The reader's own words on it; saved insights carry none yet. */
  note: string | null;
  /** Where it is read and played from, when that is not an insight's page (a phrase an alert found). */
  links?: { page: string; play: string | null };
};

/** The item's page in Podbrief (for an insight, without a time). */
export function notePageUrl(item: NoteItem, appUrl: string): string {
  return item.links?.page ?? insightUrl(appUrl, { id: item.id, startSeconds: 0, endSeconds: 0 });
}

/** Plays from the moment it was said, or null for an untimed transcript. */
export function notePlayUrl(item: NoteItem, appUrl: string): string | null {
  if (item.links) return item.links.play;
  return quoteTime(item) === null ? null : insightUrl(appUrl, item);
}

export function noteItemFromSaved(row: SavedExportRow): NoteItem {
  return { ...row, addedAt: row.savedAt, note: null };
}
