import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { AddPodcastForm } from "@/components/podcasts/add-podcast-form";
import { CatalogueAddButton } from "@/components/podcasts/catalogue-add-button";
import { EpisodeCapNotice, FeedStatus } from "@/components/podcasts/feed-status";
import { OpmlImportForm } from "@/components/podcasts/opml-import-form";
import { PodcastRow } from "@/components/podcasts/podcast-row";
import { suggestedShows } from "@/lib/podcasts/catalogue";
import { followPodcastAction } from "@/lib/actions/podcast-actions";
import { listFollowedPodcasts, listOtherPodcasts } from "@/lib/podcasts/podcast-library";
import { requireUser } from "@/lib/session";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Podcasts" };

export default async function PodcastsPage() {
  const user = await requireUser("/podcasts");
  const [podcasts, others] = await Promise.all([listFollowedPodcasts(user.id), listOtherPodcasts(user.id)]);
  const suggestions = suggestedShows([...podcasts, ...others]);
  return (
    <>
      <PageHeader title="Podcasts" description="The shows Podbrief reads for you." />
      <section aria-labelledby="your-podcasts" className="mb-10">
        <div className="mb-3 flex items-baseline justify-between gap-4">
          <h2 id="your-podcasts" className="text-lg font-semibold">
            Your podcasts
          </h2>
          {podcasts.length ? (
            <a href="/api/podcasts/opml" className="text-sm text-brand-700 underline dark:text-brand-100" download>
              Export as OPML
            </a>
          ) : null}
        </div>
        {podcasts.length ? (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {podcasts.map((podcast) => (
              <PodcastRow key={podcast.id} podcast={podcast} testId="podcast-row">
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {podcast.author ? ` · ${podcast.author}` : ""} · {formatCount(podcast._count.episodes, "episode")}
                </span>
                <FeedStatus podcast={podcast} />
                <EpisodeCapNotice listedEpisodes={podcast.listedEpisodes} />
              </PodcastRow>
            ))}
          </ul>
        ) : (
          <EmptyState title="No podcasts yet">Add a show by its feed address, import your list from another app, or pick from the suggestions below.</EmptyState>
        )}
      </section>
      <section aria-label="Add podcasts" className="mb-10 grid gap-6 rounded-xl border border-slate-200 p-4 sm:p-6 dark:border-slate-800">
        <AddPodcastForm />
        <OpmlImportForm />
      </section>
      {others.length ? (
        <section aria-labelledby="shows-here" className="mb-10">
          <h2 id="shows-here" className="mb-3 text-lg font-semibold">
            Shows on this Podbrief
          </h2>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {others.map((podcast) => (
              <PodcastRow
                key={podcast.id}
                podcast={podcast}
                testId="other-podcast-row"
                aside={
                  <form action={followPodcastAction}>
                    <input type="hidden" name="podcastId" value={podcast.id} />
                    <button type="submit" className="button-secondary text-sm" aria-label={`Follow ${podcast.title}`}>
                      Follow
                    </button>
                  </form>
                }
              >
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {[podcast.author, formatCount(podcast._count.episodes, "episode"), podcast.isDemo ? "demo" : null].filter(Boolean).join(" · ")}
                </p>
              </PodcastRow>
            ))}
          </ul>
        </section>
      ) : null}
      {suggestions.length ? (
        <section aria-labelledby="suggestions">
          <h2 id="suggestions" className="mb-3 text-lg font-semibold">
            Suggested shows
          </h2>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {suggestions.map((entry) => (
              <li key={entry.feedUrl} className="flex items-start justify-between gap-4 p-4">
                <div>
                  <p className="font-medium">{entry.title}</p>
                  <p className="text-sm text-slate-700 dark:text-slate-300">{entry.description}</p>
                </div>
                <CatalogueAddButton feedUrl={entry.feedUrl} title={entry.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
