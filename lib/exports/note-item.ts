/**
 * What the notes-app exports (Obsidian, Readwise) write out: an insight as a reader kept it, whatever
 * made them keep it. Saved insights are the one source today; alert matches become another by
 * mapping a match to a NoteItem (addedAt = when it matched, note = the alert's phrase), with no
 * change to the writers.
 */
import type { QuotedInsight } from "@/lib/insights/quote-attribution";
import type { SavedExportRow } from "@/lib/saved/export-saved";

export type NoteItem = QuotedInsight & {
  /** When the reader kept it: saved, or (later) matched by an alert. */
  addedAt: Date;
  podcast: { title: string };
  episode: { title: string };
  topics: { slug: string; name: string }[];
  /** The reader's own words on it; saved insights carry none yet. */
  note: string | null;
};

export function noteItemFromSaved(row: SavedExportRow): NoteItem {
  return { ...row, addedAt: row.savedAt, note: null };
}
