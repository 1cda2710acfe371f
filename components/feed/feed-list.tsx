import Link from "next/link";
import { InsightCard } from "@/components/insights/insight-card";
import { isGrowing } from "@/lib/clusters/growing";
import type { FeedItem } from "@/lib/feed/rank-feed";

/**
 * A page of ranked insights, as the feed and topic pages show them: each cluster once, linked to its
 * full coverage ("N shows said this", with "3 shows this week" while it grows), its other members
 * folded under "N more from other shows", and a link to the next page.
 */
export function FeedList({ items, moreHref, label = "Insights" }: { items: FeedItem[]; moreHref: string | null; label?: string }) {
  return (
    <>
      <ol className="flex flex-col gap-4" aria-label={label}>
        {items.map((item) => (
          <li key={item.insight.id}>
            <InsightCard insight={item.insight} saved={item.saved} reason={item.reason}>
              {item.others.length ? (
                <div className="mt-4 max-w-[36em] rounded-xl bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800/60">
                  {item.otherShows > 0 && item.insight.clusterId ? (
                    <p className="flex flex-wrap items-baseline gap-x-2 py-0.5">
                      {/* The story's full coverage: every show's take side by side. */}
                      <a href={`/clusters/${item.insight.clusterId}`} className="font-semibold text-brand-700 hover:underline dark:text-sky-300" data-coverage>
                        {item.otherShows + 1} shows said this
                      </a>
                      {isGrowing(item.showsThisWeek) ? (
                        <span className="text-xs font-medium text-emerald-800 dark:text-emerald-300" data-growing>
                          {item.showsThisWeek} shows this week
                        </span>
                      ) : null}
                    </p>
                  ) : null}
                  <details data-cluster>
                    <summary className="cursor-pointer py-0.5 font-medium text-slate-800 dark:text-slate-200">
                      {item.others.length} more from {item.otherShows > 0 ? "other shows" : "other episodes"}
                    </summary>
                    <ul className="mt-2 mb-1 flex flex-col gap-2 leading-snug">
                      {item.others.map((other) => (
                        <li key={other.id}>
                          {/* A plain link: prefetching every card's links costs each page view and buys nothing. */}
                          <a href={`/insights/${other.id}`} className="font-medium hover:underline">
                            {other.headline}
                          </a>
                          <span className="text-slate-600 dark:text-slate-400"> · {other.podcast.title}</span>
                        </li>
                      ))}
                    </ul>
                    {item.otherShows > 0 && item.insight.clusterId ? (
                      <a href={`/clusters/${item.insight.clusterId}`} className="mb-1 inline-block font-medium text-brand-700 hover:underline dark:text-sky-300">
                        Full coverage, side by side →
                      </a>
                    ) : null}
                  </details>
                </div>
              ) : null}
            </InsightCard>
          </li>
        ))}
      </ol>
      {moreHref ? (
        <div className="mt-6 text-center">
          <Link href={moreHref} className="button-secondary" rel="next">
            More insights
          </Link>
        </div>
      ) : null}
    </>
  );
}
