"use client";

import { useActionState } from "react";
import { type ActionResult, IDLE_RESULT, resultError, resultValue } from "@/lib/actions/action-result";
import { createTopicAction } from "@/lib/actions/topic-actions";

export function CreateTopicForm() {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(createTopicAction, IDLE_RESULT);
  const error = resultError(state);
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <label htmlFor="topic-phrase" className="font-medium">
        Describe a topic in your own words
      </label>
      <p id="create-topic-hint" className="text-sm text-slate-600 dark:text-slate-400">
        A few words are enough. Podbrief files the recent insights it is about under it at once, and new ones as episodes are read.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="topic-phrase"
          name="phrase"
          required
          aria-describedby="create-topic-hint"
          minLength={3}
          maxLength={80}
          defaultValue={resultValue(state, "phrase")}
          placeholder="e.g. open-source LLM economics"
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? "create-topic-error" : undefined}
          className="input min-w-0 flex-1"
        />
        <button type="submit" disabled={pending} className="button-primary">
          {pending ? "Creating…" : "Create topic"}
        </button>
      </div>
      {error ? (
        <p id="create-topic-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
