"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { createInvitationAction } from "@/lib/actions/admin-actions";

/** Makes an invitation link and shows it this once: only its hash is stored. */
export function InvitationForm() {
  const [result, create, pending] = useActionState<ActionResult<string>, FormData>(createInvitationAction, IDLE_RESULT);
  const link = result.ok ? result.data : undefined;
  return (
    <div className="space-y-2">
      <form action={create} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
          Who it is for (a note for you; optional)
          <input name="note" maxLength={120} className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <button type="submit" disabled={pending} className="button-primary">
          Make an invitation link
        </button>
      </form>
      {link ? (
        <p>
          <label className="flex flex-col gap-1 text-sm">
            Invitation link
            <input readOnly value={link} onFocus={(event) => event.currentTarget.select()} data-testid="invitation-link" className="rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900" />
          </label>
        </p>
      ) : null}
      <FormStatus error={resultError(result)} message={result.ok ? result.message : undefined} />
    </div>
  );
}
