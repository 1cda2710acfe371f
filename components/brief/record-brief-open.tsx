"use client";

import { useEffect } from "react";
import { recordBriefOpenAction } from "@/lib/actions/brief-actions";

/** Records that the brief's web version was opened in a browser (a prefetch or a link scanner runs no script). */
export function RecordBriefOpen(props: { token: string } | { briefId: string }) {
  const reference = "token" in props ? props.token : props.briefId;
  useEffect(() => {
    void recordBriefOpenAction("token" in props ? { token: props.token } : { briefId: props.briefId });
    // One record per brief: the reference is all that matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reference]);
  return null;
}
