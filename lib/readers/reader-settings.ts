/** A reader's own settings: onboarding, the brief's hour and time zone. */
import "server-only";
import { z } from "zod";
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
export async function finishOnboarding(userId: string, schedule: z.infer<typeof briefScheduleInput> | null): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { onboardedAt: new Date(), ...(schedule ?? {}) } });
}

export const briefSettingsInput = briefScheduleInput.extend({ briefEnabled: z.boolean() });

export async function getBriefSettings(userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { briefEnabled: true, briefHour: true, timeZone: true } });
}

/** Changes only this reader's own brief settings. */
export async function updateBriefSettings(userId: string, settings: z.infer<typeof briefSettingsInput>): Promise<void> {
  await db.user.update({ where: { id: userId }, data: settings });
}
