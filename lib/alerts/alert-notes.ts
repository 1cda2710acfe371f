/**
 * Alert matches as notes for Obsidian and Readwise (lib/exports): a meaning match is its insight; a
 * phrase match is the sentence around the mention, titled by the phrase and the episode, linked to
 * the episode's page and played from its audio at that second. The alert's phrase is the note.
 */
import "server-only";
import type { NoteItem } from "@/lib/exports/note-item";
import { exportAlertMatches, toAlertMatchView } from "@/lib/alerts/alerts";

type MatchRow = Awaited<ReturnType<typeof exportAlertMatches>>[number];

export function noteItemFromAlertMatch(row: MatchRow, appUrl: string): NoteItem {
  const view = toAlertMatchView(row);
  const publishedAt = row.episode.publishedAt ?? row.episode.createdAt;
  const common = { addedAt: row.createdAt, podcast: { title: row.episode.podcast.title }, episode: { title: row.episode.title }, topics: [], publishedAt };
  if (row.kind === "meaning" && row.insight && row.insightId) {
    return { ...common, id: row.insightId, ...row.insight, note: `Alert: “${row.alert.phrase}” (close in meaning)` };
  }
  const at = view.startSeconds;
  return {
    ...common,
    id: row.id,
    headline: `“${row.alert.phrase}” on ${row.episode.title}`,
    body: row.snippet,
    quote: row.snippet,
    speaker: null,
    // quoteTime reads a time only where the span ends after 0 (a timed transcript).
    startSeconds: at ?? 0,
    endSeconds: at === null ? 0 : at + 1,
    note: `Alert: “${row.alert.phrase}”`,
    links: {
      page: `${appUrl}/podcasts/${encodeURIComponent(row.episode.podcast.id)}/episodes/${encodeURIComponent(row.episode.id)}`,
      play: view.playHref === null ? null : view.playHref.startsWith("/") ? `${appUrl}${view.playHref}` : view.playHref,
    },
  };
}

/** Every match of the reader's, oldest first, as notes. */
export async function alertMatchNotes(userId: string, appUrl: string): Promise<NoteItem[]> {
  return (await exportAlertMatches(userId)).map((row) => noteItemFromAlertMatch(row, appUrl));
}
