"use client";

import { useEffect, useEffectEvent, useRef } from "react";
import { HIDE_CARD_EVENT } from "@/components/insights/insight-card-view";
import { KeyboardIcon } from "@/components/ui/icons";

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

const KEYS: [key: string, what: string][] = [
  ["j", "Next insight"],
  ["k", "Previous insight"],
  ["s", "Save or unsave, then go to the next"],
  ["h", "Hide (with undo), then go to the next"],
  ["o", "Open the insight"],
  ["?", "Show these keys"],
  ["Esc", "Close this list"],
];

/**
 * Keyboard reading on a list of insight cards: j / k move between cards, s saves, h hides, o opens,
 * ? lists the keys. The card in focus is the one acted on, and after saving or hiding focus goes on
 * to the next card, so a reader can work down the list without the mouse. The keys stay out of the
 * way while typing, inside a card's menu and while the key list is open.
 */
export function FeedKeyboard({ hint = false }: { hint?: boolean }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const openKeys = () => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
  };
  const openKeysFromKeyboard = useEffectEvent(openKeys);

  useEffect(() => {
    const cards = () => [...document.querySelectorAll<HTMLElement>("article[data-insight-id]")];
    const focus = (card: HTMLElement | undefined) => {
      if (!card) return;
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (dialogRef.current?.open) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable || target.closest('[role="menu"]'))) return;
      const list = cards();
      const active = document.activeElement;
      const index = list.findIndex((card) => card === active || card.contains(active));
      // With no card in focus (the page itself, or a hidden card's undo), "next" is the first card after the focus.
      const following = index >= 0 ? index + 1 : list.findIndex((card) => active !== null && active.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING);
      const card = list[index];
      const next = list[following] ?? list[index - 1];
      switch (event.key) {
        case "j":
          focus(list[following === -1 ? list.length - 1 : following]);
          break;
        case "k":
          focus(list[index >= 0 ? Math.max(0, index - 1) : following > 0 ? following - 1 : following === -1 ? list.length - 1 : 0]);
          break;
        case "s": {
          const save = card?.querySelector<HTMLButtonElement>('[data-action="save"]');
          if (!save) return;
          save.click();
          focus(list[following] ?? card);
          break;
        }
        case "h":
          if (!card) return;
          card.dispatchEvent(new Event(HIDE_CARD_EVENT));
          focus(next);
          break;
        case "o":
          card?.querySelector<HTMLAnchorElement>("h2 a")?.click();
          break;
        case "?":
          openKeysFromKeyboard();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      {hint ? (
        <p className="mt-8 hidden text-sm text-slate-600 sm:block dark:text-slate-400">
          <button type="button" onClick={openKeys} className="inline-flex items-center gap-2 rounded-lg px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-400">
            <KeyboardIcon className="size-4" />
            Keyboard shortcuts <kbd className="rounded border border-slate-300 px-1.5 font-sans text-xs dark:border-slate-600">?</kbd>
          </button>
        </p>
      ) : null}
      <dialog
        ref={dialogRef}
        aria-labelledby="feed-keys-title"
        onClose={() => returnTo.current?.focus({ preventScroll: true })}
        // A click on the backdrop lands on the dialog itself, outside its content.
        onClick={(event) => event.target === event.currentTarget && dialogRef.current?.close()}
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="p-5">
          <h2 id="feed-keys-title" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <dl className="mt-4 grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2.5 text-sm">
            {KEYS.map(([key, what]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="inline-block min-w-7 rounded-md border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs font-semibold shadow-[inset_0_-1px_0] shadow-slate-300 dark:border-slate-600 dark:bg-slate-800 dark:shadow-slate-600">
                    {key}
                  </kbd>
                </dt>
                <dd className="text-slate-700 dark:text-slate-300">{what}</dd>
              </div>
            ))}
          </dl>
          <form method="dialog" className="mt-5 text-right">
            <button type="submit" className="button-secondary px-3 py-1.5 text-sm">
              Close
            </button>
          </form>
        </div>
      </dialog>
    </>
  );
}
