"use client";

import { useActionState } from "react";
import { updateBriefSettingsAction, type SettingsState } from "@/lib/actions/settings-actions";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** The brief's on/off, hour and time zone. Time zones are the browser's list (IANA names). */
export function SettingsBriefForm({ briefEnabled, briefHour, timeZone, timeZones }: { briefEnabled: boolean; briefHour: number; timeZone: string; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState<SettingsState, FormData>(updateBriefSettingsAction, {});
  return (
    <form action={formAction} className="flex max-w-lg flex-col gap-3">
      <label className="flex items-center gap-2">
        <input type="checkbox" name="briefEnabled" defaultChecked={briefEnabled} className="size-4" />
        Send me a daily brief of the top 5 insights
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Hour</span>
        <select name="briefHour" defaultValue={briefHour} className="input w-40">
          {HOURS.map((hour) => (
            <option key={hour} value={hour}>
              {String(hour).padStart(2, "0")}:00
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Time zone</span>
        <select name="timeZone" defaultValue={timeZone} className="input">
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {state.message}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={pending} className="button-primary">
          Save brief settings
        </button>
      </div>
    </form>
  );
}
