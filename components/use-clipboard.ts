"use client";

import { useCallback, useState } from "react";

export type CopyOutcome = "idle" | "copied" | "failed";

/**
 * Copies text to the clipboard and remembers how that went, for a live region to say: "copied", or
 * "failed" when the browser refuses (no permission, an insecure origin) and the reader must select
 * the text by hand.
 */
export function useClipboard() {
  const [outcome, setOutcome] = useState<CopyOutcome>("idle");
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  }, []);
  const reset = useCallback(() => setOutcome("idle"), []);
  return { outcome, copy, reset };
}
