import { formatRelative } from "@/lib/format";

/** How a show's feed is doing, in words: when it was last read, or why it could not be. */
export function FeedStatus({ podcast }: { podcast: { isDemo: boolean; lastSuccessAt: Date | null; lastError: string | null; lastErrorAt: Date | null } }) {
  if (podcast.isDemo) return <p className="text-sm text-slate-600 dark:text-slate-400">Demo show, loaded from files that ship with Podbrief.</p>;
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
