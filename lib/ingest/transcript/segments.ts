/**
 * The last step every parser shares: clean each segment, drop empty ones, order by time, close open
 * ends, and build the whole text with a blank line between speaker turns.
 */
import type { ParsedTranscript, TranscriptFormat, TranscriptSegment } from "@/lib/ingest/types";
import { collapseWhitespace } from "@/lib/ingest/transcript/clean-text";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";

/** A segment as a parser first sees it; `end` is null when the source gives none (it ends where the next starts). */
export type DraftSegment = {
  start: number;
  end: number | null;
  speaker: string | null;
  text: string;
  /** The source marks a new turn or paragraph here even when the speaker is unknown or unchanged. */
  breakBefore?: boolean;
};

export function finishTranscript(format: TranscriptFormat, drafts: DraftSegment[], timed: boolean): ParsedTranscript {
  const kept: DraftSegment[] = [];
  let pendingBreak = false;
  for (const draft of drafts) {
    const text = collapseWhitespace(draft.text);
    if (!text) {
      // An empty segment that opened a turn (a lone ">>") hands the turn to the next one.
      pendingBreak ||= Boolean(draft.breakBefore);
      continue;
    }
    const speaker = draft.speaker ? collapseWhitespace(draft.speaker) || null : null;
    kept.push({ ...draft, text, speaker, breakBefore: pendingBreak || draft.breakBefore });
    pendingBreak = false;
  }
  if (kept.length === 0) throw new TranscriptParseError("the transcript has no words in it");
  // Array.prototype.sort is stable: segments that share a start keep the order the source gave them.
  if (timed) kept.sort((a, b) => a.start - b.start);

  const segments: TranscriptSegment[] = kept.map((draft, index) => {
    if (!timed) return { start: 0, end: 0, speaker: draft.speaker, text: draft.text };
    const nextStart = kept[index + 1]?.start;
    const end = draft.end ?? nextStart ?? draft.start;
    // A segment never ends before it starts (a last HTML paragraph has no end; some files have typos).
    return { start: draft.start, end: Math.max(end, draft.start), speaker: draft.speaker, text: draft.text };
  });

  const parts: string[] = [];
  kept.forEach((draft, index) => {
    const previous = kept[index - 1];
    if (previous) parts.push(draft.breakBefore || draft.speaker !== previous.speaker ? "\n\n" : " ");
    parts.push(draft.text);
  });

  return { format, text: parts.join(""), segments, timed };
}
