import Link from "next/link";
import { Artwork } from "@/components/artwork/artwork";
import type { InsightCardData } from "@/lib/cards/insight-card";
import { leadSentences } from "@/lib/cards/lead-sentences";
import { formatDate } from "@/lib/format";

type Props = {
  insight: InsightCardData;
  /** The heading level in the page's outline: h3 under a group's h3 heading is h4, and so on. */
  headingLevel?: 3 | 4;
  /** Shown under the paragraph, e.g. a link to the insight's own related insights. */
  children?: React.ReactNode;
};

/**
 * An insight as a short paragraph beside others (related insights, the landing page): its show's
 * artwork, the headline as a link to its page, the first sentence or two of its body, and where it
 * was said.
 */
export function RelatedInsight({ insight, headingLevel = 3, children }: Props) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <article className="flex gap-3" aria-labelledby={`related-${insight.id}`}>
      <Artwork src={insight.artwork} name={insight.podcast.title} size={40} />
      <div className="min-w-0 flex-1">
        <Heading id={`related-${insight.id}`} className="font-semibold leading-snug text-pretty">
          <Link href={`/insights/${insight.id}`} className="hover:underline focus-visible:underline">
            {insight.headline}
          </Link>
        </Heading>
        <p className="mt-1 max-w-prose leading-relaxed text-slate-700 dark:text-slate-300">{leadSentences(insight.body)}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          <Link href={`/podcasts/${insight.podcast.id}`} className="font-medium hover:underline">
            {insight.podcast.title}
          </Link>
          <span className="break-words"> · {insight.episode.title}</span>
          {" · "}
          <time dateTime={insight.publishedAt.toISOString()}>{formatDate(insight.publishedAt)}</time>
        </p>
        {children}
      </div>
    </article>
  );
}
