"use client";

import { useActionState } from "react";
import { type ActionResult, IDLE_RESULT, resultError, resultValue } from "@/lib/actions/action-result";
import { requestMagicLink } from "@/lib/actions/auth-actions";

export function SignInForm({ callbackUrl, invitation, submitLabel = "Send me a sign-in link" }: { callbackUrl?: string; invitation?: string; submitLabel?: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(requestMagicLink, IDLE_RESULT);
  const error = resultError(state);
  return (
    <form action={formAction} className="flex w-full flex-col gap-3 sm:flex-row" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      <label htmlFor="email" className="sr-only">
        Email address
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        placeholder="you@example.com"
        defaultValue={resultValue(state, "email")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
        className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-base text-slate-900 placeholder:text-slate-500 focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? "Sending…" : submitLabel}
      </button>
      {error ? (
        <p id="email-error" role="alert" className="text-sm text-red-700 sm:basis-full dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
