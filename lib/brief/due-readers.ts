/**
 * Which readers' briefs are due now, found in one query whatever the number of readers. Time-zone
 * arithmetic stays in brief-schedule.ts (the same code the per-reader checks use): for each time zone
 * readers are in, it gives today's date there, its weekday and the latest brief hour already reached;
 * the query then matches readers against those few rows.
 */
import "server-only";
import { db } from "@/lib/db";
import { localDate, weekdayOf, zonedHourToInstant, type BriefDate } from "@/lib/brief/brief-schedule";

export type ZoneToday = { timeZone: string; briefDate: BriefDate; weekday: number; /** Readers with this hour or an earlier one are due; -1: none yet. */ latestDueHour: number };

/**
 * Today in `timeZone` as of `now`. A brief hour's instant only grows with the hour (an hour the
 * clocks skip maps to the first instant after it), so the hours already due are 0..latestDueHour.
 */
export function zoneToday(timeZone: string, now: Date): ZoneToday {
  const briefDate = localDate(timeZone, now);
  let latestDueHour = -1;
  for (let hour = 0; hour < 24 && zonedHourToInstant(timeZone, briefDate, hour) <= now; hour++) latestDueHour = hour;
  return { timeZone, briefDate, weekday: weekdayOf(briefDate), latestDueHour };
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type DueReader = { userId: string; briefDate: BriefDate; frequency: "daily" | "weekly" };

/**
 * Readers whose brief of today (their calendar) is due and not yet made: briefs on, their hour
 * reached, not paused, on their weekday when weekly, with an address to send to, and no brief of
 * today or later. Matches `isDue` in brief-schedule.ts reader for reader (an integration test checks).
 */
export async function findDueReaders(now: Date, { limit = 5_000, after = "" }: { limit?: number; /** Keyset: readers with ids after this. */ after?: string } = {}): Promise<DueReader[]> {
  const zones = await db.$queryRaw<{ time_zone: string }[]>`SELECT DISTINCT time_zone FROM users WHERE brief_enabled`;
  const todays = zones.map((zone) => zone.time_zone).filter(isKnownTimeZone).map((zone) => zoneToday(zone, now)).filter((zone) => zone.latestDueHour >= 0);
  if (todays.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string; brief_date: string; frequency: "daily" | "weekly" }[]>`
    SELECT u.id, z.brief_date::text AS brief_date, u.brief_frequency::text AS frequency
    FROM unnest(${todays.map((z) => z.timeZone)}::text[], ${todays.map((z) => z.briefDate)}::date[], ${todays.map((z) => z.weekday)}::int[], ${todays.map((z) => z.latestDueHour)}::int[])
      AS z(time_zone, brief_date, weekday, latest_due_hour)
    JOIN users AS u ON u.brief_enabled AND u.time_zone = z.time_zone AND u.brief_hour <= z.latest_due_hour
    WHERE u.id > ${after} AND u.email IS NOT NULL
      AND (u.brief_paused_until IS NULL OR u.brief_paused_until <= z.brief_date)
      AND (u.brief_frequency = 'daily' OR COALESCE(u.brief_weekday, 1) = z.weekday)
      -- b.user_id > after repeats the keyset for the planner: a merge anti join then starts its scan of
      -- the briefs there, not at the first reader (which made each page cost the pages before it).
      AND NOT EXISTS (SELECT 1 FROM daily_briefs AS b WHERE b.user_id = u.id AND b.user_id > ${after} AND b.brief_date >= z.brief_date)
    ORDER BY u.id
    LIMIT ${limit}`;
  return rows.map((row) => ({ userId: row.id, briefDate: row.brief_date, frequency: row.frequency }));
}
