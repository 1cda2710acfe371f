/** A reader's own settings: onboarding, and the brief's hour, time zone, frequency, pause and saved returns. */
import "server-only";
import { z } from "zod";
import type { BriefScheduleSettings } from "@/lib/brief/brief-schedule";
import { db } from "@/lib/db";

export async function readerNeedsOnboarding(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { onboardedAt: true } });
  return user !== null && user.onboardedAt === null;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const briefScheduleInput = z.object({
  briefHour: z.coerce.number().int().min(0).max(23),
  timeZone: z.string().min(1).max(64).refine(isTimeZone, "is not a time zone"),
});

/** Marks onboarding done (or skipped), with the brief's hour and time zone when given. */
export async function finishOnboarding(userId: string, schedule: Partial<z.infer<typeof briefScheduleInput>> | null): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { onboardedAt: new Date(), ...(schedule ?? {}) } });
}

/** A calendar date from a date input ("" for none), stored as a `date` column reads back: midnight UTC. */
const calendarDate = z.preprocess((value) => (value === "" ? null : value), z.iso.date().nullable()).transform((date) => (date === null ? null : new Date(`${date}T00:00:00Z`)));

export const briefSettingsInput = briefScheduleInput.extend({
  briefEnabled: z.boolean(),
  briefFrequency: z.enum(["daily", "weekly"]).optional(),
  /** 0 = Sunday .. 6 = Saturday, for weekly briefs. */
  briefWeekday: z.coerce.number().int().min(0).max(6).optional(),
  /** No brief before this date (the reader's calendar); null ends a pause. */
  briefPausedUntil: calendarDate.optional(),
  /** Whether the brief ends with a saved insight come back ("From your saved"). */
  briefSavedReturns: z.boolean().optional(),
});

/** Everything that decides when this reader's brief is due (see brief-schedule.ts). */
export type BriefSettingsInput = z.infer<typeof briefSettingsInput>;

export async function getBriefSettings(userId: string): Promise<BriefScheduleSettings> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { briefEnabled: true, briefHour: true, timeZone: true, briefFrequency: true, briefWeekday: true, briefPausedUntil: true },
  });
}

/** Changes only this reader's own brief settings. */
export async function updateBriefSettings(userId: string, settings: z.infer<typeof briefSettingsInput>): Promise<void> {
  await db.user.update({ where: { id: userId }, data: settings });
}
