/**
 * A non-English episode, built from real German text already in the corpus: the show notes of the
 * first episode of CRE (tests/corpus/feeds/feedjira_CRE.xml, Tim Pritlove's German interview show),
 * one paragraph a segment, untimed. The offline extractor reads English only, so it must give no
 * insights and say why (its skippedReason, shown as the episode's status).
 */
import fs from "node:fs";
import type { TranscriptSegment } from "@/lib/ingest/types";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { htmlToText } from "@/lib/ingest/html-to-text";
import type { Extractor } from "@/lib/insights/types";

export function germanEpisodeSegments(feedFile: string): TranscriptSegment[] {
  const feed = parseFeed(fs.readFileSync(feedFile), { baseUrl: "https://example.com/cre.xml" });
  const notes = feed.episodes.map((episode) => (episode.showNotesHtml ? htmlToText(episode.showNotesHtml) : "")).find((text) => text.length > 1_000) ?? "";
  return notes
    .split(/\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((text) => ({ start: 0, end: 0, speaker: null, text }));
}

export type NonEnglishResult = { characters: number; insights: number; skippedReason: string | null };

export async function checkNonEnglish(extractor: Extractor, segments: TranscriptSegment[]): Promise<NonEnglishResult> {
  const extraction = await extractor.extract({ segments, episodeTitle: "", podcastTitle: "" });
  return {
    characters: segments.reduce((sum, segment) => sum + segment.text.length, 0),
    insights: extraction.insights.length,
    skippedReason: extraction.skippedReason ?? null,
  };
}

/** Handled: no insights, and a reason a reader can see. */
export function handledNonEnglish(result: NonEnglishResult): boolean {
  return result.insights === 0 && Boolean(result.skippedReason);
}
