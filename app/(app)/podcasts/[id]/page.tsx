import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Artwork } from "@/components/artwork/artwork";
import { ArtworkStatus } from "@/components/artwork/artwork-status";
import { EpisodeCapNotice, FeedStatus } from "@/components/podcasts/feed-status";
import { artworkSrc } from "@/lib/artwork/artwork-src";
import { followPodcastAction, unfollowPodcastAction } from "@/lib/actions/podcast-actions";
import { formatDate, formatDuration, formatCount } from "@/lib/format";
import { formatUsd } from "@/lib/insights/cost";
import { getPodcast } from "@/lib/podcasts/podcast-library";
import { requireUser } from "@/lib/session";

const transcriptLabels = {
  pending: "Transcript on its way",
  fetched: "Transcript",
  missing: "No transcript",
  failed: "Transcript failed",
} as const;

type EpisodeRow = NonNullable<Awaited<ReturnType<typeof getPodcast>>>["episodes"][number];

function insightsLabel(episode: EpisodeRow): string | null {
  if (episode.insightStatus === "pending") return episode.transcriptStatus === "fetched" ? "Insights on their way" : null;
  if (episode.insightStatus === "failed") return "Insights failed";
  if (episode.insightStatus === "skipped") return null;
  const count = formatCount(episode._count.insights, "insight");
  return episode.extractionCostUsd === null ? count : `${count} (${formatUsd(episode.extractionCostUsd)} to extract)`;
}

export async function generateMetadata({ params }: PageProps<"/podcasts/[id]">): Promise<Metadata> {
  const { id } = await params;
  const podcast = await getPodcast(id, null);
  return { title: podcast?.title ?? "Podcast not found" };
}

export default async function PodcastPage({ params }: PageProps<"/podcasts/[id]">) {
  const { id } = await params;
  const user = await requireUser(`/podcasts/${id}`);
  const podcast = await getPodcast(id, user.id);
  if (!podcast) notFound();
  return (
    <article>
      <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex items-start gap-4">
          <Artwork src={artworkSrc(podcast.artwork)} name={podcast.title} size={112} priority />
          <div className="min-w-0">
            <h1 className="text-2xl font-bold tracking-tight">{podcast.title}</h1>
            {podcast.author ? <p className="text-slate-700 dark:text-slate-300">{podcast.author}</p> : null}
            <FeedStatus podcast={podcast} />
            <ArtworkStatus imageUrl={podcast.imageUrl} artwork={podcast.artwork} />
          </div>
        </div>
        <form action={podcast.following ? unfollowPodcastAction : followPodcastAction}>
          <input type="hidden" name="podcastId" value={podcast.id} />
          <button type="submit" className={podcast.following ? "button-secondary" : "button-primary"}>
            {podcast.following ? "Unfollow" : "Follow"}
          </button>
        </form>
      </header>
      {podcast.description ? <p className="mb-6 max-w-prose whitespace-pre-line text-slate-800 dark:text-slate-200">{podcast.description}</p> : null}
      {podcast.fundingLinks.length ? (
        <section aria-labelledby="support-this-show" className="mb-6">
          <h2 id="support-this-show" className="mb-1 text-lg font-semibold">
            Support this show
          </h2>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {podcast.fundingLinks.map((link) => (
              <li key={link.url}>
                {/* The feed's links lead off the site; nofollow because the feed, not Podbrief, vouches for them. */}
                <a href={link.url} rel="noopener noreferrer nofollow" className="font-medium text-brand-700 underline dark:text-brand-100">
                  {link.title ?? new URL(link.url).hostname}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="mb-3 text-lg font-semibold">
        Episodes <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({podcast._count.episodes})</span>
      </h2>
      <EpisodeCapNotice listedEpisodes={podcast.listedEpisodes} />
      <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {podcast.episodes.map((episode) => (
          <li key={episode.id} className="p-4" data-testid="episode-row">
            {/* Only an episode's own image: the show's is at the top of the page. */}
            {artworkSrc(episode.artwork) ? <Artwork src={artworkSrc(episode.artwork)} name={episode.title} size={40} className="float-left mr-3" /> : null}
            <Link href={`/podcasts/${podcast.id}/episodes/${episode.id}`} className="font-medium hover:underline">
              {episode.title}
            </Link>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {[episode.publishedAt ? formatDate(episode.publishedAt) : null, episode.durationSeconds ? formatDuration(episode.durationSeconds) : null, transcriptLabels[episode.transcriptStatus], insightsLabel(episode)]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {episode.topInsights.length ? (
              <ul className="mt-2 flex flex-col gap-1 border-l-2 border-slate-200 pl-3 text-sm dark:border-slate-700" aria-label={`Top insights of ${episode.title}`}>
                {episode.topInsights.map((insight) => (
                  <li key={insight.id}>
                    <Link href={`/podcasts/${podcast.id}/episodes/${episode.id}#insight-${insight.id}`} className="text-slate-800 hover:underline dark:text-slate-200">
                      {insight.headline}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
            {episode.transcriptError ? <p className="text-sm text-slate-600 dark:text-slate-400">{episode.transcriptError}</p> : null}
            {episode.insightStatus === "failed" && episode.insightError ? (
              <p className="text-sm text-red-700 dark:text-red-400">{episode.insightError}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </article>
  );
}
