import { describe, expect, it } from "vitest";
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, nextIntervalMinutes, nextPollAt } from "@/lib/ingest/poll-schedule";

const now = new Date("2026-11-29T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("when to poll a feed next", () => {
  it("follows the feed's own ttl when it has new episodes, within 15 minutes and a day", () => {
    expect(nextIntervalMinutes(60, { kind: "changed", newEpisodes: 1, ttlMinutes: 120, newestEpisodeAt: now }, now)).toBe(120);
    expect(nextIntervalMinutes(60, { kind: "changed", newEpisodes: 1, ttlMinutes: 1, newestEpisodeAt: now }, now)).toBe(MIN_INTERVAL_MINUTES);
    expect(nextIntervalMinutes(60, { kind: "changed", newEpisodes: 1, ttlMinutes: 99_999, newestEpisodeAt: now }, now)).toBe(MAX_INTERVAL_MINUTES);
    expect(nextIntervalMinutes(600, { kind: "changed", newEpisodes: 2, ttlMinutes: null, newestEpisodeAt: now }, now)).toBe(60);
  });

  it("backs off for feeds that rarely change, more for shows that have gone quiet", () => {
    let interval = 60;
    const seen: number[] = [];
    for (let poll = 0; poll < 12; poll++) {
      interval = nextIntervalMinutes(interval, { kind: "unchanged", newestEpisodeAt: daysAgo(2) }, now);
      seen.push(interval);
    }
    expect(seen[0]).toBe(90);
    expect(seen.every((value, index) => index === 0 || value >= seen[index - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(180);
    expect(nextIntervalMinutes(1000, { kind: "unchanged", newestEpisodeAt: daysAgo(400) }, now)).toBe(1440);
    expect(nextIntervalMinutes(1000, { kind: "unchanged", newestEpisodeAt: daysAgo(30) }, now)).toBe(360);
  });

  it("backs off exponentially for feeds that keep failing, up to once a day", () => {
    const intervals = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) => nextIntervalMinutes(60, { kind: "failed", consecutiveFailures: failures }, now));
    expect(intervals).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
  });

  it("spreads polls by up to 10 % either way, so feeds added together do not poll together", () => {
    expect(nextPollAt(now, 60, () => 0).getTime() - now.getTime()).toBe(54 * 60_000);
    expect(nextPollAt(now, 60, () => 0.5).getTime() - now.getTime()).toBe(60 * 60_000);
    expect(nextPollAt(now, 60, () => 0.999999).getTime() - now.getTime()).toBeCloseTo(66 * 60_000, -3);
    const spread = new Set(Array.from({ length: 50 }, () => nextPollAt(now, 60).getTime()));
    expect(spread.size).toBeGreaterThan(40);
  });
});
