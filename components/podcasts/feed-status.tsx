import { RefreshWhileReading } from "@/components/podcasts/refresh-while-reading";
import { formatRelative } from "@/lib/format";
import type { PodcastAddStatus } from "@/lib/generated/prisma/enums";
import { MAX_EPISODES_PER_FEED } from "@/lib/ingest/feed/newest-items";

type FeedStatusPodcast = {
  isDemo: boolean;
  addStatus: PodcastAddStatus;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

/** How a show's feed is doing, in words: being read for the first time, when it was last read, or why it could not be. */
export function FeedStatus({ podcast }: { podcast: FeedStatusPodcast }) {
  if (podcast.isDemo) return <p className="text-sm text-slate-600 dark:text-slate-400">Demo show, loaded from files that ship with Podbrief.</p>;
  if (podcast.addStatus === "reading") {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="feed-reading">
        Reading the feed for the first time…
        <RefreshWhileReading />
      </p>
    );
  }
  if (podcast.addStatus === "failed") {
    return (
      <p className="text-sm text-red-700 dark:text-red-400" data-testid="feed-error">
        Could not add this show{podcast.lastErrorAt ? ` (${formatRelative(podcast.lastErrorAt)})` : ""}: {(podcast.lastError ?? "its feed could not be read").replace(/\.$/, "")}. Add its
        address again to retry.
      </p>
    );
  }
  if (podcast.lastError) {
    return (
      <p className="text-sm text-red-700 dark:text-red-400" data-testid="feed-error">
        Could not read the feed{podcast.lastErrorAt ? ` ${formatRelative(podcast.lastErrorAt)}` : ""}: {podcast.lastError}
      </p>
    );
  }
  if (podcast.lastSuccessAt) return <p className="text-sm text-slate-600 dark:text-slate-400">Feed read {formatRelative(podcast.lastSuccessAt)}.</p>;
  return <p className="text-sm text-slate-600 dark:text-slate-400">Waiting for the first read of its feed…</p>;
}

/** Said when the feed lists more items than a poll reads (see newest-items.ts). */
export function EpisodeCapNotice({ listedEpisodes }: { listedEpisodes: number | null }) {
  if (listedEpisodes === null || listedEpisodes <= MAX_EPISODES_PER_FEED) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="episode-cap">
      This feed lists {listedEpisodes.toLocaleString("en-US")} episodes; Podbrief keeps the newest {MAX_EPISODES_PER_FEED.toLocaleString("en-US")}.
    </p>
  );
}
