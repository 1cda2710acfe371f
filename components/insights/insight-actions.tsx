"use client";

import { useOptimistic, useState, useTransition } from "react";
import { feedbackAction, setHiddenAction, setSavedAction } from "@/lib/actions/insight-actions";

type Props = { insightId: string; saved: boolean; canHide?: boolean; onHiddenChange?: (hidden: boolean) => void };

/** Save, hide and "more / less like this" on one insight; each shows at once and rolls back if the server refuses. */
export function InsightActions({ insightId, saved, canHide = true, onHiddenChange }: Props) {
  const [optimisticSaved, setOptimisticSaved] = useOptimistic(saved);
  const [feedback, setFeedback] = useState<"more" | "less" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const toggleSave = () =>
    startTransition(async () => {
      const next = !optimisticSaved;
      setOptimisticSaved(next);
      const result = await setSavedAction(insightId, next);
      setError(result.ok ? null : result.error);
    });

  const hide = () =>
    startTransition(async () => {
      onHiddenChange?.(true);
      const result = await setHiddenAction(insightId, true);
      if (!result.ok) {
        onHiddenChange?.(false);
        setError(result.error);
      }
    });

  const sendFeedback = (direction: "more" | "less") =>
    startTransition(async () => {
      setFeedback(direction);
      const result = await feedbackAction({ insightId, direction, target: "insight" });
      if (!result.ok) {
        setFeedback(null);
        setError(result.error);
      }
    });

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button type="button" onClick={toggleSave} aria-pressed={optimisticSaved} className="button-secondary px-3 py-1" data-action="save">
        {optimisticSaved ? "Saved" : "Save"}
      </button>
      {canHide ? (
        <button type="button" onClick={hide} className="button-secondary px-3 py-1" data-action="hide">
          Hide
        </button>
      ) : null}
      <button type="button" onClick={() => sendFeedback("more")} aria-pressed={feedback === "more"} className="button-secondary px-3 py-1">
        More like this
      </button>
      <button type="button" onClick={() => sendFeedback("less")} aria-pressed={feedback === "less"} className="button-secondary px-3 py-1">
        Less like this
      </button>
      {error ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
