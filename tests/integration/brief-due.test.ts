/**
 * The scheduler with a controlled clock: readers in UTC-8 (Los Angeles), UTC+5:30 (Kolkata) and
 * UTC+13 (Auckland in summer, Tongatapu) get their brief at their own hour, on daylight-saving days
 * too (an hour that does not exist, an hour that happens twice), weekly readers only on their
 * weekday, and each reader one brief a day (a day's brief whose hour has passed is still made that
 * day, never the next). Each tick runs the scheduler's query and the send job's
 * work, as the worker does every five minutes; mail goes to the local outbox.
 */
import { afterAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { findDueReaders } = await import("@/lib/brief/due-readers");
const { localDate, weekdayOf } = await import("@/lib/brief/brief-schedule");
const { queueDueBriefs, runBrief } = await import("@/lib/brief/brief-jobs");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { closeBriefThreads } = await import("@/lib/brief/brief-threads");

afterAll(async () => {
  await closeBriefThreads();
  await closeQueue();
});

const TICK_MS = 5 * 60_000;
const rows = rowFactory();

type Reader = { name: string; timeZone: string; briefHour: number; briefFrequency?: "daily" | "weekly"; briefWeekday?: number; briefPausedUntil?: Date };

/** Simulates the scheduler from `from` to `to` and returns, per reader, each brief's date and the moment it was made. */
async function simulate(readers: Reader[], from: string, to: string) {
  const topic = await rows.makeTopic(`due-${Math.random().toString(36).slice(2, 7)}`);
  const show = await rows.makeShow(`due-show-${Math.random().toString(36).slice(2, 7)}`);
  await rows.makeInsight(show, { topics: [topic.id], ageDays: 0 });
  const ids = new Map<string, string>();
  for (const reader of readers) {
    const { name, ...settings } = reader;
    const user = await db.user.create({ data: { email: `${name}-${rows.run}-${Math.random().toString(36).slice(2)}@example.com`, ...settings } });
    await db.topicFollow.create({ data: { userId: user.id, topicId: topic.id } });
    ids.set(user.id, name);
  }
  const made = new Map<string, { briefDate: string; at: string }[]>(readers.map((reader) => [reader.name, []]));
  for (let now = Date.parse(from); now <= Date.parse(to); now += TICK_MS) {
    const due = (await findDueReaders(new Date(now), { limit: 100_000 })).filter((reader) => ids.has(reader.userId));
    for (const { userId, briefDate } of due) {
      await runBrief(userId, briefDate, { now: new Date(now) });
      made.get(ids.get(userId)!)!.push({ briefDate, at: new Date(now).toISOString() });
    }
  }
  return made;
}

describe("briefs at each reader's hour", () => {
  it("across the US spring-forward day, in Kolkata and in Tongatapu", { timeout: 300_000 }, async () => {
    // 2026-03-08: Los Angeles skips 02:00-03:00 (UTC-8 becomes UTC-7). 2026-03-09 is a Monday.
    const made = await simulate(
      [
        { name: "la-7", timeZone: "America/Los_Angeles", briefHour: 7 },
        { name: "la-2", timeZone: "America/Los_Angeles", briefHour: 2 },
        { name: "la-weekly-monday", timeZone: "America/Los_Angeles", briefHour: 7, briefFrequency: "weekly", briefWeekday: 1 },
        { name: "kolkata-7", timeZone: "Asia/Kolkata", briefHour: 7 },
        { name: "tongatapu-7", timeZone: "Pacific/Tongatapu", briefHour: 7 },
        { name: "la-paused", timeZone: "America/Los_Angeles", briefHour: 7, briefPausedUntil: new Date("2026-03-09T00:00:00Z") },
      ],
      "2026-03-07T12:00:00Z",
      "2026-03-09T23:55:00Z",
    );
    expect(made.get("la-7")).toEqual([
      { briefDate: "2026-03-07", at: "2026-03-07T15:00:00.000Z" }, // 07:00 PST
      { briefDate: "2026-03-08", at: "2026-03-08T14:00:00.000Z" }, // 07:00 PDT
      { briefDate: "2026-03-09", at: "2026-03-09T14:00:00.000Z" },
    ]);
    expect(made.get("la-2")).toEqual([
      // Its hour had passed when the clock started (04:00 PST) and there was no brief that day yet:
      // a late scheduler (or a reader who just signed up) catches up within the same day.
      { briefDate: "2026-03-07", at: "2026-03-07T12:00:00.000Z" },
      // 02:00 on the 8th does not exist: the brief comes at 03:00 PDT, the first moment after it.
      { briefDate: "2026-03-08", at: "2026-03-08T10:00:00.000Z" },
      { briefDate: "2026-03-09", at: "2026-03-09T09:00:00.000Z" },
    ]);
    expect(made.get("la-weekly-monday")).toEqual([{ briefDate: "2026-03-09", at: "2026-03-09T14:00:00.000Z" }]);
    expect(made.get("kolkata-7")).toEqual([
      { briefDate: "2026-03-07", at: "2026-03-07T12:00:00.000Z" }, // the same-day catch-up, at 17:30 IST
      { briefDate: "2026-03-08", at: "2026-03-08T01:30:00.000Z" }, // 07:00 IST, UTC+5:30
      { briefDate: "2026-03-09", at: "2026-03-09T01:30:00.000Z" },
    ]);
    expect(made.get("tongatapu-7")).toEqual([
      { briefDate: "2026-03-08", at: "2026-03-07T18:00:00.000Z" }, // 07:00 UTC+13, the UTC day before
      { briefDate: "2026-03-09", at: "2026-03-08T18:00:00.000Z" },
      { briefDate: "2026-03-10", at: "2026-03-09T18:00:00.000Z" },
    ]);
    expect(made.get("la-paused")).toEqual([{ briefDate: "2026-03-09", at: "2026-03-09T14:00:00.000Z" }]);
  });

  it("across the US fall-back day and the end of New Zealand summer time", { timeout: 300_000 }, async () => {
    // 2026-11-01: Los Angeles has 01:00-02:00 twice (UTC-7 becomes UTC-8).
    const us = await simulate(
      [
        { name: "la-1", timeZone: "America/Los_Angeles", briefHour: 1 },
        { name: "la-7", timeZone: "America/Los_Angeles", briefHour: 7 },
      ],
      "2026-10-31T06:00:00Z",
      "2026-11-02T16:00:00Z",
    );
    expect(us.get("la-1")).toEqual([
      { briefDate: "2026-10-30", at: "2026-10-31T06:00:00.000Z" }, // the same-day catch-up, at 23:00 PDT
      { briefDate: "2026-10-31", at: "2026-10-31T08:00:00.000Z" },
      // The first of the two 01:00s, and only one brief for the day.
      { briefDate: "2026-11-01", at: "2026-11-01T08:00:00.000Z" },
      { briefDate: "2026-11-02", at: "2026-11-02T09:00:00.000Z" },
    ]);
    expect(us.get("la-7")).toEqual([
      { briefDate: "2026-10-30", at: "2026-10-31T06:00:00.000Z" },
      { briefDate: "2026-10-31", at: "2026-10-31T14:00:00.000Z" },
      { briefDate: "2026-11-01", at: "2026-11-01T15:00:00.000Z" },
      { briefDate: "2026-11-02", at: "2026-11-02T15:00:00.000Z" },
    ]);

    // 2026-04-05: Auckland goes from UTC+13 to UTC+12 at 03:00.
    const nz = await simulate([{ name: "auckland-7", timeZone: "Pacific/Auckland", briefHour: 7 }], "2026-04-03T12:00:00Z", "2026-04-05T23:55:00Z");
    expect(nz.get("auckland-7")).toEqual([
      { briefDate: "2026-04-04", at: "2026-04-03T18:00:00.000Z" }, // 07:00 NZDT, UTC+13
      { briefDate: "2026-04-05", at: "2026-04-04T19:00:00.000Z" }, // 07:00 NZST, UTC+12
      { briefDate: "2026-04-06", at: "2026-04-05T19:00:00.000Z" },
    ]);
  });

  it("composes each due reader's brief and queues one send job each, however often the scheduler runs", { timeout: 120_000 }, async () => {
    const topic = await rows.makeTopic("scheduler");
    const show = await rows.makeShow("scheduler-show");
    await rows.makeInsight(show, { topics: [topic.id], ageDays: 0.1 });
    const now = new Date();
    const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(now));
    const la = localDate("America/Los_Angeles", now);
    const kolkata = localDate("Asia/Kolkata", now);
    const readers = [
      { timeZone: "America/Los_Angeles", briefHour: hourIn("America/Los_Angeles") },
      { timeZone: "Asia/Kolkata", briefHour: hourIn("Asia/Kolkata") },
      // Weekly, on another day: not due today.
      { timeZone: "America/Los_Angeles", briefHour: 0, briefFrequency: "weekly" as const, briefWeekday: (weekdayOf(la) + 1) % 7 },
    ];
    const ids: string[] = [];
    for (const settings of readers) {
      const user = await db.user.create({ data: { email: `sched-${rows.run}-${ids.length}@example.com`, ...settings } });
      await db.topicFollow.create({ data: { userId: user.id, topicId: topic.id } });
      ids.push(user.id);
    }
    await queueDueBriefs(now);
    await queueDueBriefs(new Date(now.getTime() + 1_000));
    const briefs = await db.dailyBrief.findMany({ where: { userId: { in: ids } }, select: { userId: true, briefDate: true, status: true, scheduledFor: true } });
    expect(briefs.map((brief) => [ids.indexOf(brief.userId), brief.briefDate.toISOString().slice(0, 10), brief.status]).sort()).toEqual([
      [0, la, "pending"],
      [1, kolkata, "pending"],
    ]);
    expect(briefs.every((brief) => brief.scheduledFor.getTime() === now.getTime())).toBe(true);
    const jobs = await db.$queryRaw<{ user_id: string; n: number }[]>`
      SELECT data->>'userId' AS user_id, count(*)::int AS n FROM pgboss.job
      WHERE name = 'send-brief' AND data->>'userId' = ANY(${ids}::text[]) GROUP BY 1`;
    expect(jobs.map((job) => [ids.indexOf(job.user_id), job.n]).sort()).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
