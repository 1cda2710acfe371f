import Link from "next/link";
import { StopSavedReturnForm } from "@/components/brief/stop-saved-return-form";
import { InsightCard } from "@/components/insights/insight-card";
import type { SavedReturnView } from "@/lib/brief/load-brief";
import { STOPPED_MESSAGE } from "@/lib/brief/saved-returns";

/**
 * "From your saved": the saved insight that came back at the end of a brief, its own section after
 * the brief's items. Signed in, a full card (unsaving it there removes it) with "Don't show again";
 * on the web version opened from an email, a read-only card.
 */
export function SavedReturnSection({ savedReturn, interactive }: { savedReturn: SavedReturnView; interactive: boolean }) {
  const { insight, stopped } = savedReturn;
  return (
    <section className="mt-8" aria-labelledby="saved-return" data-testid="saved-return">
      <h2 id="saved-return" className="text-lg font-semibold">
        From your saved
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Saved insights come back 1, 3, 7, 21 and 60 days after you save them.</p>
      {interactive ? (
        <InsightCard insight={insight} saved />
      ) : (
        <article className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-insight-id={insight.id}>
          <h3 className="text-lg font-semibold leading-snug">
            <Link href={`/insights/${insight.id}`} className="hover:underline">
              {insight.headline}
            </Link>
          </h3>
          <p className="mt-2 leading-relaxed text-slate-800 dark:text-slate-200">{insight.body}</p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {insight.podcast.title} · {insight.episode.title}
          </p>
        </article>
      )}
      {stopped ? (
        <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {STOPPED_MESSAGE}
        </p>
      ) : interactive ? (
        <StopSavedReturnForm insightId={insight.id} />
      ) : null}
    </section>
  );
}
