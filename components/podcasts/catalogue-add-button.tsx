"use client";

import { useActionState } from "react";
import { type ActionResult, IDLE_RESULT, resultError } from "@/lib/actions/action-result";
import { addPodcastAction } from "@/lib/actions/podcast-actions";

/** One click adds a catalogue show; a feed that cannot be read says why beside the button. */
export function CatalogueAddButton({ feedUrl, title }: { feedUrl: string; title: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(addPodcastAction, IDLE_RESULT);
  const error = resultError(state);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="url" value={feedUrl} />
      <button type="submit" disabled={pending} className="button-secondary text-sm" aria-label={`Add ${title}`}>
        {pending ? "Adding…" : "Add"}
      </button>
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
