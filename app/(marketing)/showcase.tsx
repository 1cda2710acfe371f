import type { LandingInsight } from "@/lib/cards/landing-insights";
import { leadSentences } from "@/lib/cards/lead-sentences";
import { formatDate } from "@/lib/format";
import { ShowcaseCard, type ShowcaseItem } from "./showcase-card";

/** Shown while Podbrief has read nothing yet: what a card looks like, marked as an example. */
const EXAMPLE: ShowcaseItem = {
  headline: "Grid batteries now set evening power prices in Texas",
  excerpt: "Batteries that charge on cheap midday solar now undercut gas plants at the evening peak. Gas plants that earned their year in those hours are closing early.",
  show: "An energy podcast",
  artworkSrc: null,
  episode: "an episode on the power grid",
  date: "Every day, from the shows you follow",
  href: null,
  relatedCount: 0,
};

/** The landing page's proof: real insights from the database when there are any, else the example. */
export function Showcase({ insights }: { insights: LandingInsight[] }) {
  return (
    <section aria-labelledby="showcase-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h2 id="showcase-heading" className="text-2xl font-bold tracking-tight">
          What you get
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {insights.length ? "The best new insights on Podbrief right now, one per show." : "Podbrief has not read an episode yet. Here is what an insight looks like."}
        </p>
      </div>
      {insights.length ? (
        <ul className="mt-5 grid gap-4 md:grid-cols-3">
          {insights.map(({ card, relatedCount }) => (
            <li key={card.id}>
              <ShowcaseCard
                item={{
                  headline: card.headline,
                  excerpt: leadSentences(card.body),
                  show: card.podcast.title,
                  artworkSrc: card.artwork,
                  episode: card.episode.title,
                  date: formatDate(card.publishedAt),
                  href: `/insights/${card.id}`,
                  relatedCount,
                }}
              />
            </li>
          ))}
        </ul>
      ) : (
        <div className="mt-5 max-w-md">
          <ShowcaseCard item={EXAMPLE} example />
        </div>
      )}
    </section>
  );
}
