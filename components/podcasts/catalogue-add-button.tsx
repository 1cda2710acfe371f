"use client";

import { useActionState } from "react";
import { addPodcastAction, type FormState } from "@/lib/actions/podcast-actions";

/** One click adds a catalogue show; a feed that cannot be read says why beside the button. */
export function CatalogueAddButton({ feedUrl, title }: { feedUrl: string; title: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(addPodcastAction, {});
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="url" value={feedUrl} />
      <button type="submit" disabled={pending} className="button-secondary text-sm" aria-label={`Add ${title}`}>
        {pending ? "Adding…" : "Add"}
      </button>
      {state.error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
