import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Artwork } from "@/components/artwork/artwork";
import { AsSaid } from "@/components/insights/as-said";
import { PlayFromHere } from "@/components/insights/play-from-here";
import { type ClusterTake, getClusterPage } from "@/lib/clusters/cluster-page";
import { isGrowing } from "@/lib/clusters/growing";
import { getEnv } from "@/lib/env";
import { formatCount, formatDate, formatTimestamp } from "@/lib/format";
import { getCurrentUser } from "@/lib/session";
import { absoluteFeedUrls, clusterFeedPaths, feedAlternates } from "@/lib/topic-feeds/feed-links";
import { StanceFlag } from "./stance-flag";

export async function generateMetadata({ params }: PageProps<"/clusters/[id]">): Promise<Metadata> {
  const { id } = await params;
  const story = await getClusterPage(id, null);
  if (!story) return { title: "Story not found" };
  const description = `${formatCount(story.shows, "show")} on one story, side by side: who said it first, and who disagrees.`;
  return {
    title: story.title,
    description,
    alternates: { canonical: `/clusters/${story.id}`, ...feedAlternates(absoluteFeedUrls(getEnv().appUrl, clusterFeedPaths(story.id)), story.title) },
    openGraph: { type: "article", url: `${getEnv().appUrl}/clusters/${story.id}`, title: story.title, description, siteName: "Podbrief" },
  };
}

/**
 * A story's full coverage: every show's take on one point, in the order they aired, each with its
 * artwork, show, speaker, quote, date and a player from the quoted moment; who said it first; and
 * which takes disagree with the lead take, labelled with the method that said so.
 */
export default async function ClusterPage({ params }: PageProps<"/clusters/[id]">) {
  const [{ id }, user] = await Promise.all([params, getCurrentUser()]);
  const story = await getClusterPage(id, user?.id ?? null);
  if (!story) notFound();
  const feeds = clusterFeedPaths(story.id);
  const disagreeing = story.takes.filter((take) => take.stance?.verdict === "disagrees").length;

  return (
    <article aria-labelledby="story-title">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Full coverage · {formatCount(story.shows, "show")}</p>
      <h1 id="story-title" className="mt-2 text-3xl font-bold leading-tight tracking-tight text-balance sm:text-4xl">
        {story.title}
      </h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300" data-testid="first-said">
        First said on{" "}
        <Link href={`/podcasts/${story.first.card.podcast.id}`} className="font-semibold text-slate-900 hover:underline dark:text-slate-100">
          {story.first.card.podcast.title}
        </Link>
        , <time dateTime={story.first.card.publishedAt.toISOString()}>{formatDate(story.first.card.publishedAt)}</time>.
        {disagreeing > 0 ? ` ${formatCount(disagreeing, "take")} ${disagreeing === 1 ? "disagrees" : "disagree"}.` : null}
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        {isGrowing(story.showsThisWeek) ? (
          <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 font-medium text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200" data-testid="growing">
            {story.showsThisWeek} shows this week
          </span>
        ) : null}
        <span className="text-slate-600 dark:text-slate-400">
          Follow this story:{" "}
          <a href={feeds.rss} className="font-medium underline">
            RSS
          </a>{" "}
          ·{" "}
          <a href={feeds.json} className="font-medium underline">
            JSON Feed
          </a>
        </span>
      </p>

      <Timeline takes={story.takes} />

      <h2 className="sr-only">Every show&apos;s take</h2>
      <ol className="mt-8 grid gap-6 md:grid-cols-2" aria-label="Takes">
        {story.takes.map((take) => (
          <li key={take.card.id} className="min-w-0">
            <Take take={take} />
          </li>
        ))}
      </ol>
    </article>
  );
}

/** When each show said it: a line from the first take to the last, a dot per take at its date. */
function Timeline({ takes }: { takes: ClusterTake[] }) {
  const times = takes.map((take) => take.card.publishedAt.getTime());
  const start = Math.min(...times);
  const span = Math.max(...times) - start;
  return (
    <section className="mt-8" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        When each show said it
      </h2>
      <div className="relative mt-3 hidden h-3 sm:block" aria-hidden="true">
        <div className="absolute inset-x-0 top-1/2 h-px bg-slate-300 dark:bg-slate-700" />
        {takes.map((take, index) => (
          <span
            key={take.card.id}
            className={`absolute top-0 size-3 -translate-x-1/2 rounded-full ring-2 ring-white dark:ring-slate-950 ${take.stance?.verdict === "disagrees" ? "bg-amber-500" : "bg-brand-600 dark:bg-sky-400"}`}
            // Takes aired the same day share a spot; the order beneath says which came first.
            style={{ left: `${span === 0 ? (100 * (index + 0.5)) / takes.length : ((times[index]! - start) / span) * 100}%` }}
          />
        ))}
      </div>
      <ol className="mt-3 flex flex-col gap-1 text-sm text-slate-700 sm:flex-row sm:flex-wrap sm:gap-x-6 dark:text-slate-300" aria-label="Timeline">
        {takes.map((take) => (
          <li key={take.card.id}>
            <time dateTime={take.card.publishedAt.toISOString()} className="font-medium">
              {formatDate(take.card.publishedAt)}
            </time>{" "}
            {take.card.podcast.title}
            {take.isFirst ? <span className="text-slate-500 dark:text-slate-400"> · first</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One show's take: where it comes from, its headline, the words as said with a player, and how it stands. */
function Take({ take }: { take: ClusterTake }) {
  const { card } = take;
  return (
    <article
      className={`h-full rounded-2xl border bg-white p-4 shadow-xs sm:p-5 dark:bg-slate-900/60 ${take.stance?.verdict === "disagrees" ? "border-amber-400 dark:border-amber-600" : "border-slate-200 dark:border-slate-800"}`}
      aria-labelledby={`take-${card.id}`}
      data-take={card.id}
    >
      <div className="flex items-center gap-3">
        <Artwork src={card.artwork} name={card.podcast.title} size={40} />
        <p className="min-w-0 text-sm leading-5 text-slate-600 dark:text-slate-400">
          <Link href={`/podcasts/${card.podcast.id}`} className="font-semibold text-slate-900 hover:underline dark:text-slate-100">
            {card.podcast.title}
          </Link>
          <br />
          <time dateTime={card.publishedAt.toISOString()}>{formatDate(card.publishedAt)}</time>
          <span className="break-words"> · {card.episode.title}</span>
        </p>
      </div>
      <div className="mt-3 flex flex-wrap gap-1.5 text-xs font-medium">
        {take.isFirst ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800 dark:bg-sky-900/40 dark:text-sky-200">Said it first</span> : null}
        {take.isLead ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">The story&apos;s headline</span> : null}
        {take.stance ? <StanceFlag stance={take.stance} /> : null}
      </div>
      <h3 id={`take-${card.id}`} className="mt-2 font-semibold leading-snug text-pretty">
        <Link href={`/insights/${card.id}`} className="hover:underline">
          {card.headline}
        </Link>
      </h3>
      {/* The words as said, always: the page sets the shows' own words side by side. */}
      <AsSaid body="" quote={card.quote} seconds={card.saidAt} speaker={card.speaker} />
      {take.stance?.evidence ? (
        <p className="mt-2 text-sm text-amber-900 dark:text-amber-200">
          Turns on “{take.stance.evidence.marker}”: {take.stance.evidence.sentence}
        </p>
      ) : null}
      {take.audioUrl ? (
        <PlayFromHere url={take.audioUrl} start={card.saidAt} whose={card.podcast.title} />
      ) : take.episodeLink ? (
        <p className="mt-4 text-sm" data-testid="listen" data-start={card.saidAt ?? undefined}>
          <a href={take.episodeLink} className="font-medium underline" rel="noopener noreferrer">
            Listen to the episode
          </a>
          {card.saidAt === null ? null : ` from ${formatTimestamp(card.saidAt)}`}
        </p>
      ) : null}
    </article>
  );
}
