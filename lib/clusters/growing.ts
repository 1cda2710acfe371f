/**
 * A story that is still growing: takes from at least GROWING_MIN_SHOWS shows aired in the last
 * GROWING_WINDOW_DAYS. Said on its card and page as "3 shows this week", and lifted by WEIGHTS.growing
 * in the one ranking formula (lib/feed/score.ts; which stories, lib/feed/growing-stories.ts).
 */

/** "3 shows this week": the window a story counts as growing in. */
export const GROWING_WINDOW_DAYS = 7;
/** Shows within the window for a story to count as growing. */
export const GROWING_MIN_SHOWS = 2;

/** Whether a story with this many shows this week is shown as growing ("3 shows this week"). */
export const isGrowing = (showsThisWeek: number) => showsThisWeek >= GROWING_MIN_SHOWS;

/** Shows with a take aired in the GROWING_WINDOW_DAYS before `asOf` (none after it). */
export function showsWithin(takes: readonly { podcastId: string; publishedAt: Date }[], asOf: Date): number {
  const since = asOf.getTime() - GROWING_WINDOW_DAYS * 86_400_000;
  return new Set(takes.filter((take) => take.publishedAt.getTime() >= since && take.publishedAt <= asOf).map((take) => take.podcastId)).size;
}
