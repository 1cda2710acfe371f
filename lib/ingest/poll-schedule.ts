/**
 * When to poll a feed next. Each podcast keeps its own interval: the feed's own hint (ttl,
 * sy:updatePeriod) where it gives one, longer for feeds that rarely change, much longer for feeds
 * that keep failing, and always with jitter so that feeds added together do not poll together.
 */

export const MIN_INTERVAL_MINUTES = 15;
export const DEFAULT_INTERVAL_MINUTES = 60;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** A feed that keeps failing is still tried once a day, so a fixed feed recovers by itself. */
const MAX_FAILURE_BACKOFF_MINUTES = 24 * 60;
const JITTER = 0.1;

export type PollResult =
  | { kind: "changed"; newEpisodes: number; ttlMinutes: number | null; newestEpisodeAt: Date | null }
  | { kind: "unchanged"; ttlMinutes?: number | null; newestEpisodeAt: Date | null }
  | { kind: "failed"; consecutiveFailures: number };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The interval to keep, in whole minutes, before jitter. */
export function nextIntervalMinutes(previousMinutes: number, result: PollResult, now: Date): number {
  if (result.kind === "failed") {
    // 15 min, 30, 60, … : a feed down for a moment is retried soon, a dead one rarely.
    return Math.min(MAX_FAILURE_BACKOFF_MINUTES, MIN_INTERVAL_MINUTES * 2 ** Math.max(0, result.consecutiveFailures - 1));
  }
  const hint = result.ttlMinutes ?? null;
  const floor = hint ? clamp(hint, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES) : MIN_INTERVAL_MINUTES;
  if (result.kind === "changed" && result.newEpisodes > 0) {
    return clamp(hint ?? DEFAULT_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
  }
  // Nothing new: back off by half again, more for shows whose newest episode is old.
  const ageDays = result.newestEpisodeAt ? (now.getTime() - result.newestEpisodeAt.getTime()) / 86_400_000 : Infinity;
  const ceiling = ageDays > 90 ? MAX_INTERVAL_MINUTES : ageDays > 14 ? 6 * 60 : 3 * 60;
  const base = clamp(previousMinutes, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
  return clamp(Math.round(base * 1.5), floor, Math.max(floor, ceiling));
}

/** The moment of the next poll: the interval ± 10 %, from `random` (0 ≤ r < 1) so tests can fix it. */
export function nextPollAt(now: Date, intervalMinutes: number, random: () => number = Math.random): Date {
  const jitter = 1 + (random() * 2 - 1) * JITTER;
  return new Date(now.getTime() + Math.round(intervalMinutes * jitter * 60_000));
}
