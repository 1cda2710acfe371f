"use client";

import Link from "next/link";
import { useEffect } from "react";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";

/**
 * What a reader sees when a page or action fails in a way our code did not answer in words: never
 * a bare 500. The error itself is in the server's log; in production its message is withheld from
 * the browser, so only its digest is shown, for matching a report to that log line. "Try again"
 * fetches the page afresh from the server (retry), not only re-renders what failed.
 */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-slate-700 dark:text-slate-300">{GENERIC_ERROR_MESSAGE}</p>
      {error.digest ? <p className="text-sm text-slate-600 dark:text-slate-400">Reference: {error.digest}</p> : null}
      <div className="flex gap-4">
        <button type="button" className="button-primary" onClick={retry}>
          Try again
        </button>
        <Link href="/" className="self-center font-medium text-brand-700 underline dark:text-brand-100">
          Back to Podbrief
        </Link>
      </div>
    </main>
  );
}
