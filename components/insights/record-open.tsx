"use client";

import { useEffect } from "react";
import { recordOpenedAction } from "@/lib/actions/insight-actions";

/** Tells the feed this insight was read, once it is open in a browser (a prefetch renders the page without this). */
export function RecordOpen({ insightId }: { insightId: string }) {
  useEffect(() => {
    void recordOpenedAction({ insightId });
  }, [insightId]);
  return null;
}
