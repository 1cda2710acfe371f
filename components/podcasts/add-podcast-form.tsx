"use client";

import { useActionState } from "react";
import { addPodcastAction, type FormState } from "@/lib/actions/podcast-actions";

export function AddPodcastForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(addPodcastAction, {});
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
          defaultValue={state.value}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "feed-url-error" : undefined}
          className="input min-w-0 flex-1"
        />
        <button type="submit" disabled={pending} className="button-primary">
          {pending ? "Adding…" : "Add podcast"}
        </button>
      </div>
      {state.error ? (
        <p id="feed-url-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
