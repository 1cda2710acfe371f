import { HighlightedText } from "@/components/search/highlighted-text";
import { formatTimestamp } from "@/lib/format";
import { asSaidLabel, quoteToShow } from "@/lib/insights/quote-attribution";
import type { HighlightSegment } from "@/lib/search/highlight";

type Props = {
  /** The clean body shown above: when the quote is the same words, they are not shown twice. */
  body: string;
  /** Verbatim from the transcript; null when already found to repeat the body (a card's view). */
  quote: string | null;
  /** The quote with a search's matches marked, shown in its place. */
  quoteHighlight?: HighlightSegment[];
  /** Where it was said; null for an untimed transcript, which shows no time at all. */
  seconds: number | null;
  speaker: string | null;
  /** Where "at 12:34" leads to listen from that moment; plain text without it. */
  listenHref?: string;
  size?: "card" | "page";
};

/**
 * What follows an insight's body everywhere: the words as they were said, and who said them when
 * ("as said, at 12:34"). The body is clean prose; this is the record it stands on.
 */
export function AsSaid({ body, quote: verbatim, quoteHighlight, seconds, speaker, listenHref, size = "card" }: Props) {
  const quote = verbatim === null ? null : quoteToShow(body, verbatim);
  const caption = (
    <>
      {asSaidLabel(null, speaker)}
      {seconds === null ? null : (
        <>
          {", "}
          {listenHref ? (
            // Plain: in a card, one of many links no one needs prefetched.
            <a href={listenHref} className="hover:underline">
              at {formatTimestamp(seconds)}
            </a>
          ) : (
            `at ${formatTimestamp(seconds)}`
          )}
        </>
      )}
    </>
  );
  const captionClass = "text-sm text-slate-600 dark:text-slate-400";
  if (!quote) {
    return (
      <p className={`${size === "page" ? "mt-3" : "mt-1"} ${captionClass}`} data-testid="as-said">
        {caption}
      </p>
    );
  }
  return (
    <figure className={`border-l-4 border-slate-300 dark:border-slate-700 ${size === "page" ? "mt-6 pl-4" : "mt-3 pl-3"}`} data-testid="as-said">
      <blockquote className={`italic text-slate-800 dark:text-slate-200 ${size === "page" ? "" : "text-sm leading-relaxed"}`}>
        “{quoteHighlight ? <HighlightedText segments={quoteHighlight} /> : quote}”
      </blockquote>
      <figcaption className={`mt-1 ${captionClass}`}>{caption}</figcaption>
    </figure>
  );
}
