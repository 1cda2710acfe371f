"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FormStatus } from "@/components/form-status";
import { OPML_MAX_BYTES, OPML_TOO_LARGE_MESSAGE as TOO_LARGE } from "@/lib/podcasts/opml-limits";

type Outcome = { error?: string; message?: string };

/**
 * Posts the file to /api/podcasts/opml, which refuses one over the limit in words (a server action's
 * body limit answered with an error page). A file that is plainly too large is refused before it is sent.
 */
export function OpmlImportForm() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("opml");
    if (!(file instanceof File) || file.size === 0) return setOutcome({ error: "Choose an OPML file to import." });
    if (file.size > OPML_MAX_BYTES) return setOutcome({ error: TOO_LARGE });
    setPending(true);
    try {
      // The browser posting to Podbrief's own route: not an outbound request of the server.
      // eslint-disable-next-line no-restricted-globals
      const response = await fetch("/api/podcasts/opml", { method: "POST", body: form });
      const answer = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
      if (response.ok && answer?.message) {
        setOutcome({ message: answer.message });
        router.refresh();
      } else {
        setOutcome({ error: answer?.error?.message ?? (response.status === 413 ? TOO_LARGE : "The import did not go through. Please try again in a moment.") });
      }
    } catch {
      setOutcome({ error: "Podbrief could not be reached. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label htmlFor="opml-file" className="font-medium">
        Import from another app (OPML)
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <input id="opml-file" name="opml" type="file" accept=".opml,.xml,text/xml,application/xml,text/x-opml" required className="min-w-0 flex-1 text-sm" />
        <button type="submit" disabled={pending} className="button-secondary">
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      <FormStatus error={outcome.error} message={outcome.message} />
    </form>
  );
}
