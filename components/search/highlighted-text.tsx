import type { HighlightSegment } from "@/lib/search/highlight";

/** Text with its search matches in <mark>: plain text nodes only, never HTML from the database. */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-950 dark:bg-amber-300">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
