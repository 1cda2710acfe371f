/**
 * Podlove Simple Chapters (`psc:chapters` inside an item): start times as Normal Play Time ("00:00:26.407",
 * "1:23", "50"), a title, and optional link and image. A chapter ends where the next begins; the last one's
 * end is left unknown rather than guessed from the episode's duration. Entries without a readable start or
 * title are skipped: one bad line should not cost an episode its other chapters.
 */
import type { Chapter } from "@/lib/ingest/types";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, oneLine } from "@/lib/ingest/feed/xml";

export function readPodloveChapters(item: unknown, base: string | null): Chapter[] {
  const starts: Omit<Chapter, "endSeconds">[] = [];
  for (const list of all(item, "psc:chapters")) {
    for (const entry of all(list, "psc:chapter")) {
      const start = attribute(entry, "start");
      const startSeconds = start === null ? null : parseTimestamp(start);
      const title = oneLine(attribute(entry, "title"));
      if (startSeconds === null || title === null) continue;
      starts.push({
        startSeconds,
        title,
        url: resolveUrl(attribute(entry, "href"), base),
        imageUrl: resolveUrl(attribute(entry, "image"), base),
      });
    }
  }
  starts.sort((a, b) => a.startSeconds - b.startSeconds);
  return starts.map((chapter, index) => ({ ...chapter, endSeconds: starts[index + 1]?.startSeconds ?? null }));
}
