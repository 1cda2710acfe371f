import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { InsightCard } from "@/components/insights/insight-card";
import { EpisodeTimeline } from "@/components/podcasts/episode-timeline";
import { formatDate, formatDuration, formatCount } from "@/lib/format";
import { type EpisodePage, getEpisodePage, getEpisodeTitle } from "@/lib/podcasts/episode-page";
import { requireUser } from "@/lib/session";

export async function generateMetadata({ params }: PageProps<"/podcasts/[id]/episodes/[episodeId]">): Promise<Metadata> {
  const { id, episodeId } = await params;
  const episode = await getEpisodeTitle(id, episodeId);
  return { title: episode ? `${episode.title} · ${episode.podcast.title}` : "Episode not found" };
}

export default async function EpisodePage({ params }: PageProps<"/podcasts/[id]/episodes/[episodeId]">) {
  const { id, episodeId } = await params;
  const user = await requireUser(`/podcasts/${id}/episodes/${episodeId}`);
  const page = await getEpisodePage(id, episodeId, user.id);
  if (!page) notFound();
  const { episode, podcast, insights } = page;
  const facts = [
    episode.publishedAt ? formatDate(episode.publishedAt) : null,
    episode.durationSeconds ? formatDuration(episode.durationSeconds) : null,
    insights.length ? formatCount(insights.length, "insight") : null,
  ].filter(Boolean);

  return (
    <article aria-labelledby="episode-title">
      <header className="mb-6">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href={`/podcasts/${podcast.id}`} className="font-medium hover:underline">
            {podcast.title}
          </Link>
          {podcast.author ? ` · ${podcast.author}` : ""}
        </p>
        <h1 id="episode-title" className="mt-1 text-2xl font-bold leading-tight tracking-tight break-words">
          {episode.title}
        </h1>
        {facts.length ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{facts.join(" · ")}</p> : null}
        {episode.audioUrl ? (
          <audio controls preload="none" src={episode.audioUrl} className="mt-4 w-full" aria-label={`Listen to ${episode.title}`}>
            <a href={episode.audioUrl}>Download the episode</a>
          </audio>
        ) : episode.link ? (
          <p className="mt-4 text-sm">
            <a href={episode.link} className="font-medium text-brand-700 underline dark:text-brand-100" rel="noopener noreferrer">
              Listen on the show&apos;s site
            </a>
          </p>
        ) : null}
      </header>

      <EpisodeTimeline lengthSeconds={page.lengthSeconds} insights={insights} chapters={page.chapters} />

      <section aria-labelledby="insights-heading">
        <h2 id="insights-heading" className="mb-3 text-lg font-semibold">
          Insights <span className="text-sm font-normal text-slate-600 dark:text-slate-400">in the order they were said</span>
        </h2>
        {episode.insightFallback ? <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{episode.insightFallback}</p> : null}
        {insights.length ? (
          <ol className="grid grid-cols-1 gap-4" aria-label="Insights of this episode">
            {insights.map((insight) => (
              // The card's heading carries the id `insight-<id>` the timeline's markers jump to.
              <li key={insight.id} className="rounded-xl [&_h2]:scroll-mt-6 has-[:target]:ring-2 has-[:target]:ring-brand-600">
                <InsightCard insight={insight} saved={insight.saved} canHide={false} />
              </li>
            ))}
          </ol>
        ) : (
          <NoInsights episode={episode} />
        )}
      </section>
    </article>
  );
}

/** Why an episode has no insights: not read yet, could not be read, nothing to read, or nothing found. */
function NoInsights({ episode }: { episode: EpisodePage["episode"] }) {
  switch (episode.insightStatus) {
    case "pending":
      return (
        <EmptyState title="Insights on their way">
          {episode.transcriptStatus === "fetched"
            ? "Podbrief has the transcript and is reading it; the insights appear here when it is done."
            : episode.transcriptStatus === "pending"
              ? "Podbrief is fetching the transcript; it reads the episode as soon as it has it."
              : (episode.transcriptError ?? "This episode has no transcript to read yet.")}
        </EmptyState>
      );
    case "failed":
      return (
        <EmptyState title="Reading this episode failed">
          {episode.insightError ?? "Something went wrong while reading the transcript."}
        </EmptyState>
      );
    case "skipped":
      return (
        <EmptyState title="No insights for this episode">
          {episode.insightError ?? episode.transcriptError ?? "This episode has no transcript, and Podbrief only takes insights from what was said."}
        </EmptyState>
      );
    default:
      return <EmptyState title="Nothing stood out">Podbrief read this episode and found nothing worth an insight.</EmptyState>;
  }
}
