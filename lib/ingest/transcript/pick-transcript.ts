/** Which of an episode's transcripts to read: the one that carries the most (times, then speakers). */
import type { TranscriptFormat, TranscriptLink } from "@/lib/ingest/types";
import { formatFromContentType, formatFromUrl } from "@/lib/ingest/transcript/detect-format";

// JSON and WebVTT carry times and speakers per segment; SRT carries times and, at best, "Name:" prefixes;
// HTML is timed per paragraph; plain text may have nothing but words.
const PREFERENCE: readonly TranscriptFormat[] = ["json", "vtt", "srt", "html", "text"];

/** The format a feed's transcript link promises, from its type, else its file extension; null when unknown. */
export function transcriptFormatOf(link: TranscriptLink): TranscriptFormat | null {
  const byType = formatFromContentType(link.type);
  if (byType && byType !== "text") return byType;
  return formatFromUrl(link.url) ?? byType;
}

/** Links best first; unknown types last; ties keep the feed's order. */
export function rankTranscriptLinks(links: TranscriptLink[]): TranscriptLink[] {
  const rank = (link: TranscriptLink) => {
    const format = transcriptFormatOf(link);
    return format ? PREFERENCE.indexOf(format) : PREFERENCE.length;
  };
  return links
    .map((link, index) => ({ link, index, rank: rank(link) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ link }) => link);
}

export function pickBestTranscript(links: TranscriptLink[]): TranscriptLink | null {
  return rankTranscriptLinks(links)[0] ?? null;
}
