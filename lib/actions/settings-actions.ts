"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { checkboxField } from "@/lib/actions/form-fields";
import { briefSettingsInput, updateBriefSettings, type BriefSettingsInput } from "@/lib/readers/reader-settings";

const briefSettingsForm = briefSettingsInput.extend({
  briefEnabled: checkboxField,
  briefSavedReturns: checkboxField,
  // A form without the date field ends a pause, as an empty one does.
  briefPausedUntil: z.preprocess((value) => value ?? "", briefSettingsInput.shape.briefPausedUntil),
});

export const updateBriefSettingsAction = defineAction({
  name: "brief-settings",
  input: briefSettingsForm,
  invalidInput: "Choose an hour and a time zone for your brief, and a valid date for a pause.",
  schemaMessages: false,
  run: ({ input, user }) => updateBriefSettings(user.id, input),
  revalidate: ["/settings", "/brief"],
  message: (_, input) => describeSchedule(input),
});

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function describeSchedule(settings: BriefSettingsInput): string {
  if (!settings.briefEnabled) return "Your brief is off.";
  const hour = `${String(settings.briefHour).padStart(2, "0")}:00 (${settings.timeZone})`;
  const when = settings.briefFrequency === "weekly" ? `every ${WEEKDAYS[settings.briefWeekday ?? 1]} at ${hour}` : `every day at ${hour}`;
  const pause = settings.briefPausedUntil ? `, starting ${settings.briefPausedUntil.toISOString().slice(0, 10)}` : "";
  return `Your brief now arrives ${when}${pause}.`;
}
