"use client";

import { useEffect } from "react";

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * Keyboard reading on a list of insight cards: j / k move between cards, s saves, o opens, h hides.
 * The card in focus is the one acted on; the shortcuts stay out of the way while typing.
 */
export function FeedKeyboard() {
  useEffect(() => {
    const cards = () => [...document.querySelectorAll<HTMLElement>("article[data-insight-id]")];
    const current = () => {
      const active = document.activeElement;
      return cards().findIndex((card) => card === active || card.contains(active));
    };
    const focus = (index: number) => {
      const list = cards();
      const card = list[Math.max(0, Math.min(list.length - 1, index))];
      if (!card) return;
      card.tabIndex = -1;
      card.focus();
      card.scrollIntoView({ block: "nearest" });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      const index = current();
      const card = cards()[index];
      switch (event.key) {
        case "j":
          focus(index + 1);
          break;
        case "k":
          focus(index === -1 ? 0 : index - 1);
          break;
        case "s":
          card?.querySelector<HTMLButtonElement>('[data-action="save"]')?.click();
          break;
        case "h": {
          card?.querySelector<HTMLButtonElement>('[data-action="hide"]')?.click();
          break;
        }
        case "o":
          card?.querySelector<HTMLAnchorElement>("h2 a")?.click();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
