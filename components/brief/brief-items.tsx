import Link from "next/link";
import { AsSaid } from "@/components/insights/as-said";
import { InsightCard } from "@/components/insights/insight-card";
import type { BriefView } from "@/lib/brief/load-brief";

/**
 * A brief's items, in its order, each with why it was chosen. Signed in, they are full cards (save,
 * hide, tune); on the web version opened from an email without a session, a read-only list.
 */
export function BriefItems({ brief, saved, interactive }: { brief: BriefView; saved?: ReadonlySet<string>; interactive: boolean }) {
  return (
    <ol className="grid grid-cols-1 gap-4" aria-label="Insights in this brief">
      {brief.items.map(({ insight, reason, position }) => (
        <li key={insight.id} data-brief-position={position + 1}>
          {interactive ? (
            <InsightCard insight={insight} saved={saved?.has(insight.id) ?? false} reason={reason} canHide />
          ) : (
            <article className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-insight-id={insight.id}>
              <h2 className="text-lg font-semibold leading-snug">
                <Link href={insightHref(insight.id, insight.saidAt)} className="hover:underline">
                  {insight.headline}
                </Link>
              </h2>
              <p className="mt-2 leading-relaxed text-slate-800 dark:text-slate-200">{insight.body}</p>
              <AsSaid body={insight.body} quote={insight.quote} seconds={insight.saidAt} speaker={insight.speaker} listenHref={insight.saidAt === null ? undefined : insightHref(insight.id, insight.saidAt)} />
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                {insight.podcast.title} · {insight.episode.title}
              </p>
              {reason ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{reason}</p> : null}
            </article>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The insight's page, at the quoted moment when the transcript had times. */
function insightHref(id: string, saidAt: number | null): string {
  return saidAt === null ? `/insights/${id}` : `/insights/${id}?t=${saidAt}`;
}

/** Why a brief is short or empty, as chosen when it was made. */
export function BriefNote({ note }: { note: string | null }) {
  if (!note) return null;
  return (
    <p className="mb-4 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-200" data-testid="brief-note">
      {note}
    </p>
  );
}
