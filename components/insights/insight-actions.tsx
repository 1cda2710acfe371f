"use client";

import { useState } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { BookmarkIcon, EllipsisIcon, EyeOffIcon, MinusCircleIcon, PlusCircleIcon, ThumbsDownIcon, ThumbsUpIcon } from "@/components/ui/icons";
import { type MenuItem, MenuButton } from "@/components/ui/menu-button";
import { feedbackAction, setSavedAction } from "@/lib/actions/insight-actions";

type Props = {
  insightId: string;
  saved: boolean;
  canHide?: boolean;
  /** Hides the card this sits on (the card folds itself and offers an undo); without it there is no Hide. */
  onHide?: () => void;
  /** For "less about this topic" and "less / more from this show". */
  topics?: { id: string; name: string }[];
  podcast?: { id: string; title: string };
};

/**
 * What a reader can do with one insight, as compact icon buttons: save and "more like this" at
 * hand, and one menu for the rest (less like this, hide, tuning a topic or a show). Each shows at
 * once and rolls back if the server refuses. Nothing here reorders the list around the reader: a
 * saved card stays where it is, marked saved, and the ranking follows on the next visit.
 */
export function InsightActions({ insightId, saved, canHide = true, onHide, topics = [], podcast }: Props) {
  const [isSaved, setIsSaved] = useState(saved);
  const [savedProp, setSavedProp] = useState(saved);
  const [feedback, setFeedback] = useState<"more" | "less" | null>(null);
  const [noted, setNoted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A new `saved` from the server (another page load) wins over what was toggled here.
  if (saved !== savedProp) {
    setSavedProp(saved);
    setIsSaved(saved);
  }

  const toggleSave = async () => {
    const next = !isSaved;
    setIsSaved(next);
    const result = await setSavedAction({ insightId, saved: next });
    if (result.ok) setError(null);
    else {
      setIsSaved(!next);
      setError(result.error);
    }
  };

  const sendFeedback = async (direction: "more" | "less") => {
    const before = feedback;
    setFeedback(direction);
    const result = await feedbackAction({ insightId, direction, target: "insight" });
    if (result.ok) {
      setError(null);
      setNoted(direction === "more" ? "more like this" : "less like this");
    } else {
      setFeedback(before);
      setError(result.error);
    }
  };

  const tune = async (label: string, input: { target: "topic" | "podcast"; direction: "more" | "less"; topicId?: string }) => {
    const result = await feedbackAction({ insightId, ...input });
    if (result.ok) {
      setError(null);
      setNoted(label.charAt(0).toLowerCase() + label.slice(1));
    } else setError(result.error);
  };

  const items: MenuItem[] = [
    { key: "less", label: "Less like this", icon: <ThumbsDownIcon className="size-4" />, checked: feedback === "less", onSelect: () => void sendFeedback("less"), group: "insight", action: "less" },
  ];
  if (canHide && onHide) items.push({ key: "hide", label: "Hide", icon: <EyeOffIcon className="size-4" />, onSelect: onHide, group: "insight", action: "hide" });
  for (const topic of topics) {
    const label = `Less about ${topic.name}`;
    items.push({ key: `topic-${topic.id}`, label, icon: <MinusCircleIcon className="size-4" />, onSelect: () => void tune(label, { target: "topic", direction: "less", topicId: topic.id }), group: "tune" });
  }
  if (podcast) {
    const more = `More from ${podcast.title}`;
    const less = `Less from ${podcast.title}`;
    items.push(
      { key: "podcast-more", label: more, icon: <PlusCircleIcon className="size-4" />, onSelect: () => void tune(more, { target: "podcast", direction: "more" }), group: "tune" },
      { key: "podcast-less", label: less, icon: <MinusCircleIcon className="size-4" />, onSelect: () => void tune(less, { target: "podcast", direction: "less" }), group: "tune" },
    );
  }

  return (
    <div className="flex max-w-full flex-wrap items-center justify-end gap-1">
      <IconButton
        label={isSaved ? "Saved" : "Save"}
        tooltip={isSaved ? "Saved · press again to remove" : "Save for later"}
        text={isSaved ? "Saved" : undefined}
        aria-pressed={isSaved}
        active={isSaved}
        onClick={() => void toggleSave()}
        data-action="save"
      >
        <BookmarkIcon filled={isSaved} />
      </IconButton>
      <IconButton label="More like this" aria-pressed={feedback === "more"} active={feedback === "more"} onClick={() => void sendFeedback("more")} data-action="more">
        <ThumbsUpIcon filled={feedback === "more"} />
      </IconButton>
      <MenuButton label="More actions" tooltip={canHide && onHide ? "Less like this, hide, tune" : "Less like this, tune"} icon={<EllipsisIcon />} items={items} />
      {noted ? (
        <p role="status" className="basis-full text-right text-sm text-slate-600 dark:text-slate-400">
          Noted: {noted}. Your feed changes from the next page.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="basis-full text-right text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
