"use client";

import { useActionState } from "react";
import { type ActionResult, IDLE_RESULT, resultError, resultValue } from "@/lib/actions/action-result";
import { addPodcastAction } from "@/lib/actions/podcast-actions";

export function AddPodcastForm() {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(addPodcastAction, IDLE_RESULT);
  const error = resultError(state);
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <label htmlFor="feed-url" className="font-medium">
        Add a podcast by its feed address
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="feed-url"
          name="url"
          type="url"
          inputMode="url"
          required
          placeholder="https://example.com/feed.xml"
          defaultValue={resultValue(state, "url")}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "feed-url-error" : undefined}
          className="input min-w-0 flex-1"
        />
        <button type="submit" disabled={pending} className="button-primary">
          {pending ? "Adding…" : "Add podcast"}
        </button>
      </div>
      {error ? (
        <p id="feed-url-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
