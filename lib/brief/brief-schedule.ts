/**
 * When a reader's brief is due, in their own calendar and clock. Pure (every function takes `now`),
 * so the scheduler and the tests agree. A brief is dated with the reader's local date and due at
 * `briefHour`:00 local time; time zones come from Intl's IANA data, so when that hour does not exist
 * (clocks spring forward) it is due at the first instant after it, and when it happens twice at the first.
 */

export type BriefFrequency = "daily" | "weekly";

/** The reader's brief settings, as stored on the user. */
export type BriefScheduleSettings = {
  timeZone: string;
  /** 0-23, local time. */
  briefHour: number;
  briefEnabled: boolean;
  briefFrequency: BriefFrequency;
  /** 0 = Sunday .. 6 = Saturday, for weekly readers; Monday when unset. */
  briefWeekday: number | null;
  /** A calendar date (as Prisma reads a `date` column: midnight UTC). No brief is dated before it; its own day's brief is sent. */
  briefPausedUntil: Date | null;
};

/** A calendar date, "YYYY-MM-DD": the brief's key together with the reader. */
export type BriefDate = string;

export type BriefSlot = { briefDate: BriefDate; dueAt: Date };

/**
 * True for a real calendar date written "YYYY-MM-DD". The shape alone lets "2026-13-45" through,
 * and that date reaches the database as an invalid timestamp; a date that round-trips does not.
 */
export function isBriefDate(value: string): value is BriefDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

const DEFAULT_WEEKDAY = 1;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is one this runtime knows; asked once per zone, as building a formatter is costly. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at `instant`, as milliseconds of a UTC date with the same fields. */
function wallClock(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The reader's calendar date at `instant`. */
export function localDate(timeZone: string, instant: Date): BriefDate {
  return new Date(wallClock(timeZone, instant.getTime())).toISOString().slice(0, 10);
}

function parseDate(date: BriefDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The calendar date `days` after `date` (before it when negative). */
export function addDays(date: BriefDate, days: number): BriefDate {
  return new Date(parseDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(date: BriefDate): number {
  return new Date(parseDate(date)).getUTCDay();
}

/**
 * The first instant at which the wall clock in `timeZone` reads `hour`:00 or later on `date`: the
 * first of two when the hour repeats, the end of the gap when the clocks skip it.
 */
export function zonedHourToInstant(timeZone: string, date: BriefDate, hour: number): Date {
  const target = parseDate(date) + hour * 3_600_000;
  // The offsets in force a day either side cover any transition near the target.
  const offsets = new Set([-DAY_MS, DAY_MS].map((shift) => wallClock(timeZone, target + shift) - (target + shift)));
  const exact = [...offsets].map((offset) => target - offset).filter((instant) => wallClock(timeZone, instant) === target);
  if (exact.length > 0) return new Date(Math.min(...exact));

  // In a gap: the wall clock jumps past the target between these two instants; find the jump to the second.
  const around = [...offsets].map((offset) => target - offset);
  let low = Math.min(...around);
  let high = Math.max(...around);
  if (wallClock(timeZone, low) >= target) return new Date(low);
  while (high - low > 1_000) {
    const middle = low + Math.floor((high - low) / 2_000) * 1_000;
    if (wallClock(timeZone, middle) >= target) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** Whether the reader gets a brief dated `date` at all: on, on their weekday when weekly, and not paused. */
export function hasBriefOn(settings: BriefScheduleSettings, date: BriefDate): boolean {
  if (!settings.briefEnabled) return false;
  if (settings.briefPausedUntil && date < settings.briefPausedUntil.toISOString().slice(0, 10)) return false;
  if (settings.briefFrequency === "weekly" && weekdayOf(date) !== (settings.briefWeekday ?? DEFAULT_WEEKDAY)) return false;
  return true;
}

/** The brief of the reader's current local day and when it is due, or null when they have none today. */
export function briefForToday(settings: BriefScheduleSettings, now: Date): BriefSlot | null {
  const briefDate = localDate(settings.timeZone, now);
  if (!hasBriefOn(settings, briefDate)) return null;
  return { briefDate, dueAt: zonedHourToInstant(settings.timeZone, briefDate, settings.briefHour) };
}

/**
 * Whether today's brief (in the reader's calendar) should be made now: its hour has passed and no
 * brief with this date or a later one was made. A missed day is not sent late the next day.
 */
export function isDue(settings: BriefScheduleSettings, now: Date, lastBriefDate: BriefDate | null): boolean {
  const today = briefForToday(settings, now);
  if (!today || now < today.dueAt) return false;
  return lastBriefDate === null || lastBriefDate < today.briefDate;
}

/** The next brief due after `now`, or null when the reader has briefs turned off. */
export function nextDueAt(settings: BriefScheduleSettings, now: Date): BriefSlot | null {
  if (!settings.briefEnabled) return null;
  let date = localDate(settings.timeZone, now);
  const pausedUntil = settings.briefPausedUntil?.toISOString().slice(0, 10);
  if (pausedUntil && pausedUntil > date) date = pausedUntil;
  // A week and a day always reaches the weekday, even when today's hour has passed.
  for (let day = 0; day <= 8; day++, date = addDays(date, 1)) {
    if (!hasBriefOn(settings, date)) continue;
    const dueAt = zonedHourToInstant(settings.timeZone, date, settings.briefHour);
    if (dueAt > now) return { briefDate: date, dueAt };
  }
  return null;
}

/** "Monday 30 November": a brief date as a reader says it (a calendar date, so no time zone applies). */
export function briefDateLabel(date: BriefDate): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(parseDate(date)));
}
