"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { sendBriefNowAction } from "@/lib/actions/brief-actions";

/** The development button on /brief: the reader's next brief, made now and delivered to the local outbox. */
export function SendBriefNowForm() {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(sendBriefNowAction, IDLE_RESULT);
  return (
    <form action={formAction} className="mt-8 rounded-xl border border-dashed border-amber-400 p-4 text-sm dark:border-amber-700">
      <p className="text-slate-800 dark:text-slate-200">
        <strong>Development:</strong> mail goes to the <Link href="/dev/outbox" className="underline">local outbox</Link>. Make and send your next
        brief now, from every insight you have not been sent yet.
      </p>
      <button type="submit" disabled={pending} className="button-primary mt-3">
        Send a brief now
      </button>
      <div className="mt-2">
        <FormStatus error={resultError(state)} />
      </div>
    </form>
  );
}
