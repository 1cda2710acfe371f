import Link from "next/link";
import { formatTimestamp } from "@/lib/format";
import type { AlertMatchView } from "@/lib/alerts/alerts";

/**
 * Moments the reader's alerts found: the phrase, the sentence around the mention, where and when it
 * was said, and a link that plays from there. On the Alerts page and as the brief's own section.
 */
export function AlertMatches({ matches, label }: { matches: AlertMatchView[]; label: string }) {
  return (
    <ol className="grid grid-cols-1 gap-3" aria-label={label}>
      {matches.map((match) => (
        <li key={match.id} data-testid="alert-match" data-kind={match.kind} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <p className="text-sm font-semibold text-brand-800 dark:text-brand-100">
            “{match.phrase}”{match.kind === "meaning" ? <span className="font-normal text-slate-600 dark:text-slate-400"> · close in meaning</span> : null}
          </p>
          <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 leading-relaxed text-slate-800 dark:border-slate-700 dark:text-slate-200">
            {match.snippet}
          </blockquote>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            <Link href={`/podcasts/${match.podcast.id}`} className="hover:underline">
              {match.podcast.title}
            </Link>
            {" · "}
            <Link href={`/podcasts/${match.podcast.id}/episodes/${match.episode.id}`} className="hover:underline">
              {match.episode.title}
            </Link>
            {match.startSeconds === null ? null : ` · at ${formatTimestamp(match.startSeconds)}`}
          </p>
          {match.playHref ? (
            <p className="mt-2 text-sm">
              {match.playHref.startsWith("/") ? (
                <Link href={match.playHref} className="font-medium text-brand-700 underline dark:text-brand-100">
                  {match.startSeconds === null ? "Open the insight" : `Play from ${formatTimestamp(match.startSeconds)}`}
                </Link>
              ) : (
                <a href={match.playHref} className="font-medium text-brand-700 underline dark:text-brand-100" rel="noopener noreferrer" target="_blank">
                  {match.startSeconds === null ? "Listen to the episode" : `Play from ${formatTimestamp(match.startSeconds)}`}
                </a>
              )}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
