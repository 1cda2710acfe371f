"use client";

import { useActionState } from "react";
import { type FormState, importOpmlAction } from "@/lib/actions/podcast-actions";
import { FormStatus } from "@/components/form-status";

export function OpmlImportForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(importOpmlAction, {});
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <label htmlFor="opml-file" className="font-medium">
        Import from another app (OPML)
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <input id="opml-file" name="opml" type="file" accept=".opml,.xml,text/xml,application/xml,text/x-opml" required className="min-w-0 flex-1 text-sm" />
        <button type="submit" disabled={pending} className="button-secondary">
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      <FormStatus error={state.error} message={state.message} />
    </form>
  );
}
