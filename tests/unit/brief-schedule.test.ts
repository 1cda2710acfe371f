import { describe, expect, it } from "vitest";
import { briefForToday, isDue, localDate, nextDueAt, zonedHourToInstant, type BriefScheduleSettings } from "@/lib/brief/brief-schedule";

const LOS_ANGELES = "America/Los_Angeles"; // UTC-8, UTC-7 in summer
const KOLKATA = "Asia/Kolkata"; // UTC+5:30, no daylight saving
const AUCKLAND = "Pacific/Auckland"; // UTC+13 in (southern) summer, UTC+12 in winter
const TONGATAPU = "Pacific/Tongatapu"; // UTC+13 all year

function reader(overrides: Partial<BriefScheduleSettings> = {}): BriefScheduleSettings {
  return { timeZone: "UTC", briefHour: 7, briefEnabled: true, briefFrequency: "daily", briefWeekday: 1, briefPausedUntil: null, ...overrides };
}

const at = (iso: string) => new Date(iso);

/**
 * A scheduler that looks every five minutes from `from` to `to` and makes each brief that is due,
 * remembering the last brief's date as the database would: what each reader would receive, and when.
 * The reader already had the brief of the day the simulation starts on.
 */
function simulate(settings: BriefScheduleSettings, from: string, to: string): { briefDate: string; sentAt: string }[] {
  const sent: { briefDate: string; sentAt: string }[] = [];
  let last: string | null = localDate(settings.timeZone, new Date(from));
  for (let tick = Date.parse(from); tick <= Date.parse(to); tick += 5 * 60_000) {
    const now = new Date(tick);
    if (!isDue(settings, now, last)) continue;
    const brief = briefForToday(settings, now)!;
    sent.push({ briefDate: brief.briefDate, sentAt: now.toISOString() });
    last = brief.briefDate;
  }
  return sent;
}

/** The local wall-clock "YYYY-MM-DD HH:MM" of an instant, to say in the reader's terms when a brief arrived. */
function wallTime(timeZone: string, iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe("the reader's brief date and due time", () => {
  it("dates the brief by the reader's calendar, not UTC's", () => {
    // 03:00 UTC on the 16th is still the evening of the 15th in Los Angeles.
    expect(localDate(LOS_ANGELES, at("2026-01-16T03:00:00Z"))).toBe("2026-01-15");
    // 20:00 UTC on the 14th is already 01:30 on the 15th in Kolkata, 09:00 on the 15th in Tonga.
    expect(localDate(KOLKATA, at("2026-01-14T20:00:00Z"))).toBe("2026-01-15");
    expect(localDate(TONGATAPU, at("2026-01-14T20:00:00Z"))).toBe("2026-01-15");
  });

  it("is due at the reader's hour in UTC-8, UTC+5:30 and UTC+13", () => {
    expect(briefForToday(reader({ timeZone: LOS_ANGELES }), at("2026-01-15T12:00:00Z"))).toEqual({ briefDate: "2026-01-15", dueAt: at("2026-01-15T15:00:00Z") });
    expect(briefForToday(reader({ timeZone: KOLKATA }), at("2026-01-15T12:00:00Z"))).toEqual({ briefDate: "2026-01-15", dueAt: at("2026-01-15T01:30:00Z") });
    expect(briefForToday(reader({ timeZone: AUCKLAND }), at("2026-01-15T12:00:00Z"))).toEqual({ briefDate: "2026-01-16", dueAt: at("2026-01-15T18:00:00Z") });
    expect(briefForToday(reader({ timeZone: TONGATAPU }), at("2026-06-30T19:00:00Z"))).toEqual({ briefDate: "2026-07-01", dueAt: at("2026-06-30T18:00:00Z") });
    // Auckland is UTC+12 in its winter; Tonga stays at UTC+13.
    expect(briefForToday(reader({ timeZone: AUCKLAND }), at("2026-06-30T19:00:00Z"))!.dueAt).toEqual(at("2026-06-30T19:00:00Z"));
  });

  it("is due once its hour has passed and until a brief with that date exists", () => {
    const kolkata = reader({ timeZone: KOLKATA, briefHour: 7 });
    expect(isDue(kolkata, at("2026-01-15T01:29:59Z"), "2026-01-14")).toBe(false);
    expect(isDue(kolkata, at("2026-01-15T01:30:00Z"), "2026-01-14")).toBe(true);
    expect(isDue(kolkata, at("2026-01-15T01:30:00Z"), null)).toBe(true);
    expect(isDue(kolkata, at("2026-01-15T17:00:00Z"), "2026-01-15")).toBe(false);
    // A reader who moved west past the date line already has a brief dated after their new today.
    expect(isDue(reader({ timeZone: LOS_ANGELES }), at("2026-01-15T20:00:00Z"), "2026-01-16")).toBe(false);
  });

  it("sends readers in each time zone one brief a day, at their hour, on ordinary days", () => {
    for (const timeZone of [LOS_ANGELES, KOLKATA, AUCKLAND, TONGATAPU]) {
      const sent = simulate(reader({ timeZone, briefHour: 7 }), "2026-01-10T00:00:00Z", "2026-01-14T23:59:00Z");
      expect(sent.map((brief) => wallTime(timeZone, brief.sentAt).slice(11))).toEqual(sent.map(() => "07:00"));
      expect(new Set(sent.map((brief) => brief.briefDate)).size).toBe(sent.length);
      expect(sent.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe("daylight-saving transition days", () => {
  it("Los Angeles springs forward on 2026-03-08: 07:00 is now UTC-7, and 02:00 (which does not exist) becomes 03:00", () => {
    const la = (briefHour: number) => reader({ timeZone: LOS_ANGELES, briefHour });
    expect(briefForToday(la(7), at("2026-03-07T20:00:00Z"))!.dueAt).toEqual(at("2026-03-07T15:00:00Z"));
    expect(briefForToday(la(7), at("2026-03-08T20:00:00Z"))!.dueAt).toEqual(at("2026-03-08T14:00:00Z"));
    expect(briefForToday(la(2), at("2026-03-08T20:00:00Z"))!.dueAt).toEqual(at("2026-03-08T10:00:00Z"));
    expect(wallTime(LOS_ANGELES, "2026-03-08T10:00:00Z")).toBe("2026-03-08 03:00");
    // The hours before the gap are untouched.
    expect(briefForToday(la(1), at("2026-03-08T20:00:00Z"))!.dueAt).toEqual(at("2026-03-08T09:00:00Z"));

    for (const hour of [1, 2, 3, 7]) {
      const sent = simulate(la(hour), "2026-03-06T00:00:00Z", "2026-03-10T23:59:00Z");
      expect(sent.map((brief) => brief.briefDate)).toEqual(["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
      const onTheDay = sent.find((brief) => brief.briefDate === "2026-03-08")!;
      expect(wallTime(LOS_ANGELES, onTheDay.sentAt)).toBe(`2026-03-08 ${String(hour === 2 ? 3 : hour).padStart(2, "0")}:00`);
    }
  });

  it("Los Angeles falls back on 2026-11-01: 01:00 happens twice and the brief comes at the first, once", () => {
    const la = (briefHour: number) => reader({ timeZone: LOS_ANGELES, briefHour });
    expect(briefForToday(la(1), at("2026-11-01T20:00:00Z"))!.dueAt).toEqual(at("2026-11-01T08:00:00Z")); // 01:00 PDT
    expect(briefForToday(la(7), at("2026-11-01T20:00:00Z"))!.dueAt).toEqual(at("2026-11-01T15:00:00Z")); // 07:00 PST
    expect(briefForToday(la(7), at("2026-10-31T20:00:00Z"))!.dueAt).toEqual(at("2026-10-31T14:00:00Z")); // 07:00 PDT
    // The second 01:00 (09:00 UTC) does not bring a second brief.
    expect(isDue(la(1), at("2026-11-01T09:00:00Z"), "2026-11-01")).toBe(false);

    const sent = simulate(la(1), "2026-10-31T00:00:00Z", "2026-11-02T23:59:00Z");
    expect(sent.map((brief) => [brief.briefDate, brief.sentAt])).toEqual([
      ["2026-10-31", "2026-10-31T08:00:00.000Z"],
      ["2026-11-01", "2026-11-01T08:00:00.000Z"],
      ["2026-11-02", "2026-11-02T09:00:00.000Z"],
    ]);
  });

  it("Auckland falls back on 2026-04-05 (UTC+13 to +12) and springs forward on 2026-09-27 (02:00 does not exist)", () => {
    const nz = (briefHour: number) => reader({ timeZone: AUCKLAND, briefHour });
    expect(briefForToday(nz(7), at("2026-04-03T23:00:00Z"))!.dueAt).toEqual(at("2026-04-03T18:00:00Z")); // Apr 4, 07:00 NZDT
    expect(briefForToday(nz(7), at("2026-04-05T00:00:00Z"))!.dueAt).toEqual(at("2026-04-04T19:00:00Z")); // Apr 5, 07:00 NZST
    expect(briefForToday(nz(2), at("2026-04-05T00:00:00Z"))!.dueAt).toEqual(at("2026-04-04T13:00:00Z")); // the first 02:00
    expect(briefForToday(nz(7), at("2026-09-27T00:00:00Z"))!.dueAt).toEqual(at("2026-09-26T18:00:00Z")); // Sep 27, 07:00 NZDT
    expect(briefForToday(nz(2), at("2026-09-27T00:00:00Z"))!.dueAt).toEqual(at("2026-09-26T14:00:00Z")); // 03:00 NZDT
    expect(wallTime(AUCKLAND, "2026-09-26T14:00:00Z")).toBe("2026-09-27 03:00");

    for (const [from, to, day] of [
      ["2026-04-02T00:00:00Z", "2026-04-07T00:00:00Z", "2026-04-05"],
      ["2026-09-24T00:00:00Z", "2026-09-29T00:00:00Z", "2026-09-27"],
    ] as const) {
      for (const hour of [2, 7]) {
        const sent = simulate(nz(hour), from, to);
        expect(new Set(sent.map((brief) => brief.briefDate)).size).toBe(sent.length);
        const onTheDay = sent.filter((brief) => brief.briefDate === day);
        expect(onTheDay).toHaveLength(1);
        const expected = hour === 2 && day === "2026-09-27" ? "03:00" : `${String(hour).padStart(2, "0")}:00`;
        expect(wallTime(AUCKLAND, onTheDay[0]!.sentAt)).toBe(`${day} ${expected}`);
        // Every other day of those weeks also came at the reader's hour.
        for (const brief of sent) expect(wallTime(AUCKLAND, brief.sentAt)).toBe(`${brief.briefDate} ${brief.briefDate === day ? expected : `${String(hour).padStart(2, "0")}:00`}`);
      }
    }
  });

  it("handles a transition at midnight and a half-hour one", () => {
    // Santiago springs forward at 00:00 on 2026-09-06: midnight does not exist, 01:00 is the first instant of the day.
    expect(wallTime("America/Santiago", zonedHourToInstant("America/Santiago", "2026-09-06", 0).toISOString())).toBe("2026-09-06 01:00");
    // Lord Howe moves by 30 minutes, 02:00 to 02:30, on 2026-10-04.
    expect(zonedHourToInstant("Australia/Lord_Howe", "2026-10-04", 2)).toEqual(at("2026-10-03T15:30:00Z"));
  });
});

describe("weekly readers, pauses and readers who turned the brief off", () => {
  it("sends weekly readers their brief only on their weekday, in their own calendar", () => {
    // Mondays in Auckland begin on Sunday in UTC.
    const sent = simulate(reader({ timeZone: AUCKLAND, briefFrequency: "weekly", briefWeekday: 1 }), "2026-01-01T00:00:00Z", "2026-01-31T23:59:00Z");
    expect(sent.map((brief) => brief.briefDate)).toEqual(["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]);
    expect(sent.map((brief) => brief.sentAt)).toEqual(["2026-01-04T18:00:00.000Z", "2026-01-11T18:00:00.000Z", "2026-01-18T18:00:00.000Z", "2026-01-25T18:00:00.000Z"]);

    const friday = simulate(reader({ timeZone: LOS_ANGELES, briefFrequency: "weekly", briefWeekday: 5, briefHour: 18 }), "2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z");
    expect(friday.map((brief) => brief.briefDate)).toEqual(["2026-01-02", "2026-01-09", "2026-01-16"]);
    // A weekly reader with no weekday set gets Mondays.
    expect(simulate(reader({ briefFrequency: "weekly", briefWeekday: null }), "2026-01-01T00:00:00Z", "2026-01-14T00:00:00Z").map((brief) => brief.briefDate)).toEqual(["2026-01-05", "2026-01-12"]);
  });

  it("sends nothing before a pause ends and resumes on its date", () => {
    const paused = reader({ timeZone: KOLKATA, briefPausedUntil: new Date("2026-01-20T00:00:00Z") });
    expect(briefForToday(paused, at("2026-01-19T12:00:00Z"))).toBeNull();
    expect(isDue(paused, at("2026-01-19T12:00:00Z"), "2026-01-09")).toBe(false);
    expect(isDue(paused, at("2026-01-20T01:30:00Z"), "2026-01-09")).toBe(true);
    expect(simulate(paused, "2026-01-15T00:00:00Z", "2026-01-21T23:00:00Z").map((brief) => brief.briefDate)).toEqual(["2026-01-20", "2026-01-21"]);
    // A pause that ended long ago changes nothing.
    expect(isDue(reader({ briefPausedUntil: new Date("2025-06-01T00:00:00Z") }), at("2026-01-19T08:00:00Z"), null)).toBe(true);
  });

  it("never sends to a reader who turned the brief off", () => {
    const off = reader({ timeZone: LOS_ANGELES, briefEnabled: false });
    expect(simulate(off, "2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z")).toEqual([]);
    expect(briefForToday(off, at("2026-01-05T20:00:00Z"))).toBeNull();
    expect(nextDueAt(off, at("2026-01-05T20:00:00Z"))).toBeNull();
  });
});

describe("the next brief", () => {
  it("is today's when its hour is still ahead, otherwise the next day's", () => {
    const la = reader({ timeZone: LOS_ANGELES });
    expect(nextDueAt(la, at("2026-01-15T14:59:00Z"))).toEqual({ briefDate: "2026-01-15", dueAt: at("2026-01-15T15:00:00Z") });
    expect(nextDueAt(la, at("2026-01-15T15:00:00Z"))).toEqual({ briefDate: "2026-01-16", dueAt: at("2026-01-16T15:00:00Z") });
    // Across the spring-forward night, the next morning's 07:00 is an hour earlier in UTC.
    expect(nextDueAt(la, at("2026-03-07T20:00:00Z"))).toEqual({ briefDate: "2026-03-08", dueAt: at("2026-03-08T14:00:00Z") });
  });

  it("is on the weekday for weekly readers, and after the pause for paused ones", () => {
    const weekly = reader({ timeZone: TONGATAPU, briefFrequency: "weekly", briefWeekday: 3 });
    // Wednesday 2026-01-14 07:00 in Tonga is 18:00 UTC on Tuesday.
    expect(nextDueAt(weekly, at("2026-01-10T00:00:00Z"))).toEqual({ briefDate: "2026-01-14", dueAt: at("2026-01-13T18:00:00Z") });
    expect(nextDueAt(weekly, at("2026-01-13T18:00:00Z"))).toEqual({ briefDate: "2026-01-21", dueAt: at("2026-01-20T18:00:00Z") });

    const paused = reader({ timeZone: KOLKATA, briefPausedUntil: new Date("2026-02-20T00:00:00Z") });
    expect(nextDueAt(paused, at("2026-01-10T00:00:00Z"))).toEqual({ briefDate: "2026-02-20", dueAt: at("2026-02-20T01:30:00Z") });
    expect(nextDueAt({ ...paused, briefFrequency: "weekly", briefWeekday: 1 }, at("2026-01-10T00:00:00Z"))).toEqual({ briefDate: "2026-02-23", dueAt: at("2026-02-23T01:30:00Z") });
  });
});
