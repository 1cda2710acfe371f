"use client";

import { useClipboard } from "@/components/use-clipboard";

/** A feed address to follow: the link itself, and a button that copies it (saying so, or why not). */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const { outcome, copy } = useClipboard();
  return (
    <li className="flex min-w-0 flex-wrap items-center gap-2">
      <a href={url} className="font-medium underline">
        {label}
      </a>
      <span className="min-w-0 select-all break-all text-slate-600 dark:text-slate-400">{url}</span>
      <button type="button" onClick={() => copy(url)} className="button-secondary px-2 py-0.5 text-xs">
        Copy<span className="sr-only"> {label} link</span>
      </button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Select the address to copy it" : null}
      </span>
    </li>
  );
}
