"use client";

import { useActionState, useState } from "react";
import { HourOptions } from "@/components/brief/hour-options";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { updateBriefSettingsAction } from "@/lib/actions/settings-actions";
import { FormStatus } from "@/components/form-status";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type BriefFormValues = {
  briefEnabled: boolean;
  briefHour: number;
  timeZone: string;
  briefFrequency: "daily" | "weekly";
  briefWeekday: number | null;
  /** "YYYY-MM-DD" or "". */
  briefPausedUntil: string;
  briefSavedReturns: boolean;
};

/** The brief's on/off, hour, time zone, daily or weekly, a pause, and saved insights coming back. Time zones are the runtime's IANA list. */
export function SettingsBriefForm({ values, timeZones }: { values: BriefFormValues; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(updateBriefSettingsAction, IDLE_RESULT);
  const [frequency, setFrequency] = useState(values.briefFrequency);
  return (
    <form action={formAction} className="flex max-w-lg flex-col gap-3">
      <label className="flex items-center gap-2">
        <input type="checkbox" name="briefEnabled" defaultChecked={values.briefEnabled} className="size-4" />
        Send me a brief of the top 5 insights by email
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">How often</legend>
        <div className="flex flex-wrap gap-4">
          <label className="flex items-center gap-2">
            <input type="radio" name="briefFrequency" value="daily" checked={frequency === "daily"} onChange={() => setFrequency("daily")} />
            Every day
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="briefFrequency" value="weekly" checked={frequency === "weekly"} onChange={() => setFrequency("weekly")} />
            Once a week
          </label>
        </div>
      </fieldset>
      {frequency === "weekly" ? (
        <label className="flex flex-col gap-1">
          <span className="font-medium">On</span>
          <select name="briefWeekday" defaultValue={values.briefWeekday ?? 1} className="input w-40">
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={index}>
                {day}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-1">
        <span className="font-medium">Hour</span>
        <select name="briefHour" defaultValue={values.briefHour} className="input w-40">
          <HourOptions />
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Time zone</span>
        <select name="timeZone" defaultValue={values.timeZone} className="input">
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Pause until</span>
        <input type="date" name="briefPausedUntil" defaultValue={values.briefPausedUntil} className="input w-48" aria-describedby="pause-help" />
        <span id="pause-help" className="text-sm text-slate-600 dark:text-slate-400">
          No brief before this date; it starts again on the day. Leave empty for no pause.
        </span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="briefSavedReturns" defaultChecked={values.briefSavedReturns} className="mt-1 size-4" aria-describedby="saved-returns-help" />
        <span>
          End the brief with one of my saved insights
          <span id="saved-returns-help" className="block text-sm text-slate-600 dark:text-slate-400">
            &ldquo;From your saved&rdquo;: a saved insight comes back 1, 3, 7, 21 and 60 days after you save it.
          </span>
        </span>
      </label>
      <FormStatus error={resultError(state)} message={state.ok ? state.message : undefined} />
      <div>
        <button type="submit" disabled={pending} className="button-primary">
          Save brief settings
        </button>
      </div>
    </form>
  );
}
