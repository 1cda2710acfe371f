"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { type ActionResult, IDLE_RESULT, resultError, resultValue } from "@/lib/actions/action-result";
import { createAlertAction } from "@/lib/actions/alert-actions";
import { ALERT_PHRASE_MAX } from "@/lib/alerts/alert-input";

export function CreateAlertForm() {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(createAlertAction, IDLE_RESULT);
  const error = resultError(state);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <label htmlFor="alert-phrase" className="font-medium">
        A phrase or name to listen for
      </label>
      <p id="alert-phrase-hint" className="-mt-2 text-sm text-slate-600 dark:text-slate-400">
        Every new episode&apos;s transcript is searched for these words in order, and its insights for the same idea in other words.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="alert-phrase"
          name="phrase"
          required
          minLength={2}
          maxLength={ALERT_PHRASE_MAX}
          aria-describedby="alert-phrase-hint"
          defaultValue={resultValue(state, "phrase")}
          placeholder="e.g. Nvidia H20, export controls"
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? "create-alert-status" : undefined}
          className="input min-w-0 flex-1"
        />
        <button type="submit" disabled={pending} className="button-primary">
          {pending ? "Saving…" : "Add alert"}
        </button>
      </div>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Where matches go</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="delivery" value="brief" defaultChecked />
          In my brief
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="delivery" value="email" />
          By email, at once
        </label>
      </fieldset>
      <FormStatus id="create-alert-status" error={error} message={state.ok ? state.message : undefined} />
    </form>
  );
}
