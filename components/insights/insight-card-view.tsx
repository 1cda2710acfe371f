"use client";

import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import { Artwork } from "@/components/artwork/artwork";
import { AsSaid } from "@/components/insights/as-said";
import { HighlightedText } from "@/components/search/highlighted-text";
import { InsightActions } from "@/components/insights/insight-actions";
import { setHiddenAction } from "@/lib/actions/insight-actions";
import type { CardView } from "@/lib/cards/insight-card";
import { formatDate } from "@/lib/format";
import type { HighlightSegment } from "@/lib/search/highlight";
import type { SearchHighlights } from "@/lib/search/search-insights";

export type InsightCardViewProps = {
  insight: CardView;
  saved: boolean;
  /** Why this reader sees it ("You follow AI geopolitics · 3 shows discussed this"). */
  reason?: string;
  /** Shown under the body, e.g. the other shows of its cluster. */
  children?: React.ReactNode;
  canHide?: boolean;
  /** On search results: the fields that matched, shown in place of the plain text with the matches marked. */
  highlights?: SearchHighlights;
};

/** Dispatched on a card's <article> to hide it from the keyboard (feed-keyboard.tsx), which then moves focus on itself. */
export const HIDE_CARD_EVENT = "podbrief:hide-card";

/**
 * One insight in a list: the headline first, the body set for reading, the words as said and when,
 * where it comes from, its topics, and what the reader can do with it. A client component so that
 * hiding folds it to one line in place, with an undo, without the list moving under the reader.
 */
export function InsightCardView({ insight, saved, reason, children, canHide = true, highlights }: InsightCardViewProps) {
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Where focus goes once the card has folded or unfolded: the undo after a hide from the menu, the
  // card after an undo. A hide from the keyboard moves on to the next card by itself.
  const focusAfter = useRef<"undo" | "card" | null>(null);
  const articleRef = useRef<HTMLElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);

  const hide = async (from: "menu" | "keyboard") => {
    setHidden(true);
    setError(null);
    if (from === "menu") focusAfter.current = "undo";
    const result = await setHiddenAction({ insightId: insight.id, hidden: true });
    if (!result.ok) {
      setHidden(false);
      setError(result.error);
    }
  };

  const undo = async () => {
    setHidden(false);
    focusAfter.current = "card";
    const result = await setHiddenAction({ insightId: insight.id, hidden: false });
    if (!result.ok) {
      setHidden(true);
      setError(result.error);
    }
  };

  // In the commit that folds or unfolds the card, so the focus is never left on nothing in between.
  useLayoutEffect(() => {
    if (focusAfter.current === "undo") undoRef.current?.focus();
    if (focusAfter.current === "card") articleRef.current?.focus();
    focusAfter.current = null;
  }, [hidden]);

  const hideFromKeyboard = useEffectEvent(() => void hide("keyboard"));
  useEffect(() => {
    const article = articleRef.current;
    if (!article || !canHide) return;
    const onHide = () => hideFromKeyboard();
    article.addEventListener(HIDE_CARD_EVENT, onHide);
    return () => article.removeEventListener(HIDE_CARD_EVENT, onHide);
  }, [canHide, hidden]);

  if (hidden) {
    return (
      <div
        className="flex max-w-2xl items-center gap-2 rounded-2xl border border-dashed border-slate-300 px-4 py-2.5 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
        data-insight-id={insight.id}
        data-hidden
      >
        <p role="status" className="shrink-0">
          Hidden
        </p>
        <span aria-hidden="true">·</span>
        <button
          ref={undoRef}
          type="button"
          onClick={() => void undo()}
          className="shrink-0 rounded font-semibold text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-sky-300 dark:focus-visible:outline-sky-400"
        >
          Undo
        </button>
        <span className="ml-2 hidden min-w-0 truncate text-slate-500 sm:block dark:text-slate-400">
          {insight.headline}
        </span>
        {error ? (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </span>
        ) : null}
      </div>
    );
  }

  const listenHref = insight.saidAt === null ? undefined : `/insights/${insight.id}?t=${insight.saidAt}`;
  return (
    <article
      ref={articleRef}
      tabIndex={-1}
      className="max-w-2xl scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-xs transition-[border-color] focus-within:border-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:p-6 dark:border-slate-800 dark:bg-slate-900/60 dark:focus-within:border-slate-700 dark:focus-visible:outline-sky-400"
      data-insight-id={insight.id}
      aria-labelledby={`insight-${insight.id}`}
    >
      <h2 id={`insight-${insight.id}`} className="text-lg leading-snug font-semibold tracking-tight text-balance text-slate-950 sm:text-xl dark:text-white">
        {/* Plain links throughout the card: prefetching each of a list's links costs every page view and buys nothing. */}
        <a href={`/insights/${insight.id}`} className="hover:underline hover:decoration-slate-400 hover:underline-offset-4">
          {highlights?.headline ? <HighlightedText segments={highlights.headline} /> : insight.headline}
        </a>
      </h2>
      {/* About 70 characters a line at this size (measured in the e2e run), the measure long reading is easiest at. */}
      <p className="mt-2 max-w-[36em] text-[1.0625rem] leading-[1.65] text-pretty text-slate-800 dark:text-slate-200">
        {highlights?.body ? <HighlightedText segments={highlights.body} /> : insight.body}
      </p>
      <div className="max-w-[36em]">
        <AsSaid
          body={insight.body}
          quote={insight.quote}
          quoteHighlight={highlights?.quote ?? undefined}
          seconds={insight.saidAt}
          speaker={insight.speaker}
          listenHref={listenHref}
        />
      </div>
      {insight.topics.length || reason ? (
        <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
          {insight.topics.length ? (
            <ul className="flex flex-wrap gap-1.5" aria-label="Topics">
              {insight.topics.map((topic) => (
                <li key={topic.id}>
                  <a
                    href={`/topics/${topic.slug}`}
                    className="inline-block rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700"
                  >
                    {topic.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {reason ? <p className="text-xs text-slate-600 dark:text-slate-400">{reason}</p> : null}
        </div>
      ) : null}
      {children}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
        <SourceLine insight={insight} episodeHighlight={highlights?.episodeTitle ?? undefined} />
        {/* Right-aligned even when a narrow card wraps them under the source: in reach of the thumb, tooltips inside the card. */}
        <div className="ml-auto">
          <InsightActions insightId={insight.id} saved={saved} canHide={canHide} onHide={() => void hide("menu")} topics={insight.topics} podcast={insight.podcast} />
        </div>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </article>
  );
}

/**
 * Where the insight comes from: the show's artwork, the show, the episode and its date. The moment
 * it was said is in the "as said" line above it, with the quote it belongs to.
 */
function SourceLine({ insight, episodeHighlight }: { insight: CardView; episodeHighlight?: HighlightSegment[] }) {
  return (
    <div className="flex min-w-0 flex-1 basis-52 items-center gap-3">
      <Artwork src={insight.artwork} name={insight.podcast.title} size={40} />
      <div className="min-w-0 text-sm leading-5">
        <p className="flex min-w-0 items-baseline gap-1.5 text-slate-600 dark:text-slate-400">
          <a href={`/podcasts/${insight.podcast.id}`} className="truncate font-medium text-slate-900 hover:underline dark:text-slate-100">
            {insight.podcast.title}
          </a>
          <span aria-hidden="true">·</span>
          <time dateTime={insight.publishedAt.toISOString()} className="shrink-0">
            {formatDate(insight.publishedAt)}
          </time>
        </p>
        <p className="truncate text-slate-600 dark:text-slate-400" title={insight.episodeTitle}>
          {episodeHighlight ? <HighlightedText segments={episodeHighlight} /> : insight.episodeTitle}
        </p>
      </div>
    </div>
  );
}
