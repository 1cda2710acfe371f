"use server";

import { revalidatePath } from "next/cache";
import { briefSettingsInput, updateBriefSettings } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";

export type SettingsState = { error?: string; message?: string };

export async function updateBriefSettingsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const user = await requireUser("/settings");
  const input = briefSettingsInput.safeParse({
    briefEnabled: formData.get("briefEnabled") === "on",
    briefHour: formData.get("briefHour"),
    timeZone: formData.get("timeZone"),
  });
  if (!input.success) return { error: "Choose an hour and a time zone for your brief." };
  await updateBriefSettings(user.id, input.data);
  revalidatePath("/settings");
  return { message: input.data.briefEnabled ? `Your brief now arrives at ${String(input.data.briefHour).padStart(2, "0")}:00 (${input.data.timeZone}).` : "Your daily brief is off." };
}
