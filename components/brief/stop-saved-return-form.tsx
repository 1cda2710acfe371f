"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { stopSavedReturnAction } from "@/lib/actions/brief-actions";

/** "Don't show again" under the saved insight that came back in the brief: it stays saved. */
export function StopSavedReturnForm({ insightId }: { insightId: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(stopSavedReturnAction, IDLE_RESULT);
  if (state.ok && state.message) {
    return (
      <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="mt-2">
      <input type="hidden" name="insightId" value={insightId} />
      <button type="submit" disabled={pending} className="button-secondary">
        Don&apos;t show again
      </button>
      <FormStatus error={resultError(state)} />
    </form>
  );
}
