"use client";

import "./globals.css";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";

/** The last resort, when even the root layout failed: it replaces the layout, so it has its own html and body. */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
          <h1 className="text-2xl font-bold">Something went wrong</h1>
          <p className="text-slate-700 dark:text-slate-300">{GENERIC_ERROR_MESSAGE}</p>
          {error.digest ? <p className="text-sm text-slate-600 dark:text-slate-400">Reference: {error.digest}</p> : null}
          <button type="button" className="button-primary self-start" onClick={retry}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
