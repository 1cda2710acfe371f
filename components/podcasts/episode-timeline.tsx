import { formatTimestamp } from "@/lib/format";
import type { EpisodeChapter } from "@/lib/podcasts/episode-page";

type Props = {
  lengthSeconds: number;
  /** saidAt is null for an untimed transcript's insights: they have no place on the timeline. */
  insights: { id: string; headline: string; saidAt: number | null }[];
  chapters: EpisodeChapter[];
};

const percent = (seconds: number, length: number) => `${Math.min(100, Math.max(0, (seconds / length) * 100))}%`;

/**
 * The episode from start to end: a marker where each insight was said, each jumping to its card below,
 * and the chapters beneath. Positions are shares of the episode's length, so it fits any width.
 */
export function EpisodeTimeline({ lengthSeconds, insights, chapters }: Props) {
  if (lengthSeconds <= 0) return null;
  return (
    <section aria-labelledby="timeline-heading" className="mb-8" data-testid="episode-timeline">
      <h2 id="timeline-heading" className="mb-2 text-lg font-semibold">
        Timeline
      </h2>
      <div className="px-3">
        <div className="relative h-10">
          {/* The episode itself: a rule the markers stand on. */}
          <div aria-hidden className="absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-slate-200 dark:bg-slate-800" />
          <ol aria-label="Insights by time" className="absolute inset-0">
            {insights.flatMap(({ id, headline, saidAt }) => (saidAt === null ? [] : [{ id, headline, saidAt }])).map((insight) => {
              const at = formatTimestamp(insight.saidAt);
              return (
                <li key={insight.id} className="absolute top-0 h-full -translate-x-1/2" style={{ left: percent(insight.saidAt, lengthSeconds) }}>
                  <a
                    href={`#insight-${insight.id}`}
                    aria-label={`Insight at ${at}: ${insight.headline}`}
                    title={`${at} · ${insight.headline}`}
                    className="group flex h-full w-6 items-center justify-center rounded focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                    data-testid="timeline-marker"
                  >
                    <span className="h-6 w-1.5 rounded-full bg-brand-600 group-hover:h-8 group-hover:bg-brand-700 dark:bg-brand-100 dark:group-hover:bg-white" />
                  </a>
                </li>
              );
            })}
          </ol>
        </div>
        {chapters.length ? (
          <ol aria-label="Chapters" className="relative mt-1 h-8" data-testid="timeline-chapters">
            {chapters.map((chapter, index) => (
              <li
                key={`${chapter.startSeconds}-${index}`}
                className={`absolute top-0 flex h-full items-center overflow-hidden border-l-2 border-white px-1 text-xs dark:border-slate-950 ${
                  index % 2 ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"
                }`}
                style={{ left: percent(chapter.startSeconds, lengthSeconds), width: percent(chapter.endSeconds - chapter.startSeconds, lengthSeconds) }}
                title={`${formatTimestamp(chapter.startSeconds)} · ${chapter.title}`}
              >
                <span className="truncate">
                  <span className="sr-only">{formatTimestamp(chapter.startSeconds)} to {formatTimestamp(chapter.endSeconds)}: </span>
                  {chapter.title}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
        <p className="mt-1 flex justify-between text-xs text-slate-600 dark:text-slate-400" aria-hidden>
          <span>0:00</span>
          <span>{formatTimestamp(lengthSeconds)}</span>
        </p>
      </div>
    </section>
  );
}
