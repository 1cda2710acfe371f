"use client";

import { useEffect } from "react";
import { recordBriefClickAction } from "@/lib/actions/brief-actions";

/**
 * Records a click through a brief's link once the insight page has loaded in a browser (a link
 * scanner's fetch runs no script), then takes the link's token out of the address bar, so a copied
 * address is the plain insight page.
 */
export function RecordBriefClick({ token, param }: { token: string; param: string }) {
  useEffect(() => {
    void recordBriefClickAction(token);
    const url = new URL(window.location.href);
    if (url.searchParams.has(param)) {
      url.searchParams.delete(param);
      window.history.replaceState(null, "", url);
    }
  }, [token, param]);
  return null;
}
