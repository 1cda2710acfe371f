import Link from "next/link";
import { RelatedInsight } from "@/components/insights/related-insight";
import type { InsightCardData } from "@/lib/cards/insight-card";

type Props = {
  /** The insight's story (cluster) and how many shows told it, for the link to its full coverage. */
  story?: { id: string; shows: number } | null;
  /** The other shows' takes on this point (its cluster). */
  samePoint: InsightCardData[];
  /** The rest of the related insights, none of them in samePoint. */
  related: InsightCardData[];
};

/** An insight page's Related Insights: the same point on other shows first, then the rest, each a short paragraph. */
export function RelatedInsights({ story, samePoint, related }: Props) {
  const groups = [
    { id: "same-point", title: "Same point, other shows", insights: samePoint },
    { id: "related-more", title: "Related", insights: related },
  ].filter((group) => group.insights.length > 0);
  return (
    <section id="related" className="mt-12 scroll-mt-6 border-t border-slate-200 pt-8 dark:border-slate-800" aria-labelledby="related-heading" data-testid="related-insights">
      <h2 id="related-heading" className="text-xl font-semibold tracking-tight">
        Related Insights
      </h2>
      {groups.length === 0 ? <p className="mt-2 text-slate-600 dark:text-slate-400">No other show has said something close to this yet.</p> : null}
      {groups.map((group) => (
        <section key={group.id} className="mt-6" aria-labelledby={`${group.id}-heading`}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <h3 id={`${group.id}-heading`} className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              {group.title}
            </h3>
            {group.id === "same-point" && story && story.shows > 1 ? (
              <Link href={`/clusters/${story.id}`} className="text-sm font-medium text-brand-700 hover:underline dark:text-sky-300" data-coverage>
                Full coverage: {story.shows} shows said this →
              </Link>
            ) : null}
          </div>
          <ul className="mt-3 flex flex-col gap-6">
            {group.insights.map((insight) => (
              <li key={insight.id}>
                <RelatedInsight insight={insight} headingLevel={4} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
