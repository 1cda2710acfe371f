"use client";

import { useOptimistic, useState, useTransition } from "react";
import { feedbackAction, setHiddenAction, setSavedAction } from "@/lib/actions/insight-actions";

type Props = {
  insightId: string;
  saved: boolean;
  canHide?: boolean;
  onHiddenChange?: (hidden: boolean) => void;
  /** For "less about this topic" and "less / more from this show". */
  topics?: { id: string; name: string }[];
  podcast?: { id: string; title: string };
};

/** Save, hide and "more / less like this" on one insight; each shows at once and rolls back if the server refuses. */
export function InsightActions({ insightId, saved, canHide = true, onHiddenChange, topics = [], podcast }: Props) {
  const [optimisticSaved, setOptimisticSaved] = useOptimistic(saved);
  const [feedback, setFeedback] = useState<"more" | "less" | null>(null);
  const [tuned, setTuned] = useState<string | null>(null);
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

  const tune = (label: string, input: { target: "topic" | "podcast"; direction: "more" | "less"; topicId?: string }) =>
    startTransition(async () => {
      const result = await feedbackAction({ insightId, ...input });
      if (result.ok) setTuned(label);
      else setError(result.error);
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
      {topics.length || podcast ? (
        <details className="relative">
          <summary className="cursor-pointer rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800">Tune</summary>
          <div className="absolute z-10 mt-1 flex w-64 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            {topics.map((topic) => (
              <button key={topic.id} type="button" className="rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => tune(`Less about ${topic.name}`, { target: "topic", direction: "less", topicId: topic.id })}>
                Less about {topic.name}
              </button>
            ))}
            {podcast ? (
              <>
                <button type="button" className="rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => tune(`More from ${podcast.title}`, { target: "podcast", direction: "more" })}>
                  More from {podcast.title}
                </button>
                <button type="button" className="rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => tune(`Less from ${podcast.title}`, { target: "podcast", direction: "less" })}>
                  Less from {podcast.title}
                </button>
              </>
            ) : null}
          </div>
        </details>
      ) : null}
      {tuned ? (
        <p role="status" className="w-full text-slate-600 dark:text-slate-400">
          Noted: {tuned.charAt(0).toLowerCase() + tuned.slice(1)}. Your feed changes from the next page.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
