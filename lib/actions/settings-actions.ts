"use server";

import { revalidatePath } from "next/cache";
import { briefSettingsInput, updateBriefSettings, type BriefSettingsInput } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";

export type SettingsState = { error?: string; message?: string };

export async function updateBriefSettingsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const user = await requireUser("/settings");
  const input = briefSettingsInput.safeParse({
    briefEnabled: formData.get("briefEnabled") === "on",
    briefHour: formData.get("briefHour"),
    timeZone: formData.get("timeZone"),
    briefFrequency: formData.get("briefFrequency") ?? undefined,
    briefWeekday: formData.get("briefWeekday") ?? undefined,
    briefPausedUntil: formData.get("briefPausedUntil") ?? "",
  });
  if (!input.success) return { error: "Choose an hour and a time zone for your brief, and a valid date for a pause." };
  await updateBriefSettings(user.id, input.data);
  revalidatePath("/settings");
  revalidatePath("/brief");
  return { message: describeSchedule(input.data) };
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function describeSchedule(settings: BriefSettingsInput): string {
  if (!settings.briefEnabled) return "Your brief is off.";
  const hour = `${String(settings.briefHour).padStart(2, "0")}:00 (${settings.timeZone})`;
  const when = settings.briefFrequency === "weekly" ? `every ${WEEKDAYS[settings.briefWeekday ?? 1]} at ${hour}` : `every day at ${hour}`;
  const pause = settings.briefPausedUntil ? `, starting ${settings.briefPausedUntil.toISOString().slice(0, 10)}` : "";
  return `Your brief now arrives ${when}${pause}.`;
}
