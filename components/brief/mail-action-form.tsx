"use client";

import { useActionState } from "react";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { FormStatus } from "@/components/form-status";

type Choice = { label: string; fields: Record<string, string> };

/**
 * The confirm step of a link from an email: one button per choice, each posting the signed token
 * with its own fields. Mail scanners open links but never press buttons, so nothing is recorded for them.
 */
export function MailActionForm({ action, token, choices }: { action: (state: ActionResult, form: FormData) => Promise<ActionResult>; token: string; choices: Choice[] }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, IDLE_RESULT);
  if (state.ok && state.message) {
    return (
      <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
        {state.message}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {choices.map((choice, index) => (
          <form key={choice.label} action={formAction}>
            <input type="hidden" name="token" value={token} />
            {Object.entries(choice.fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" disabled={pending} className={index === 0 ? "button-primary" : "button-secondary"}>
              {choice.label}
            </button>
          </form>
        ))}
      </div>
      <FormStatus error={resultError(state)} />
    </div>
  );
}
