"use client";

import { useClipboard } from "@/components/use-clipboard";

type Props = {
  /** The page's canonical address, as the share sheet or the clipboard gets it. */
  url: string;
  title: string;
};

/**
 * Shares a link: through the system's share sheet where the browser has the Web Share API (phones,
 * most desktops), by copying it otherwise, saying so in a live region. A cancelled share sheet is not
 * an error; a refused clipboard shows the link to copy by hand.
 */
export function ShareButton({ url, title }: Props) {
  const { outcome, copy, reset } = useClipboard();

  const share = async () => {
    reset();
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === "AbortError") return;
        // Refused for another reason (no sheet, a policy): copying still works.
      }
    }
    await copy(url);
  };

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
      <button type="button" onClick={share} className="button-secondary inline-flex items-center gap-1.5 px-3 py-1">
        <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-4">
          <path d="M10 13V3M6.5 6.5 10 3l3.5 3.5M5 10H4v7h12v-7h-1" />
        </svg>
        Share
      </button>
      <p role="status" aria-live="polite" className="min-w-0 text-slate-600 dark:text-slate-400">
        {outcome === "copied" ? "Link copied" : null}
        {outcome === "failed" ? (
          <>
            Copy this link: <span className="select-all break-all text-slate-900 dark:text-slate-100">{url}</span>
          </>
        ) : null}
      </p>
    </div>
  );
}
