"use client";

import { Fragment, useEffect, useId, useRef, useState } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { CheckIcon } from "@/components/ui/icons";

export type MenuItem = {
  key: string;
  label: string;
  icon?: React.ReactNode;
  onSelect: () => void;
  /** A choice that stays chosen ("Less like this"): a menuitemcheckbox, ticked when true. */
  checked?: boolean;
  /** Items of one group sit together, with a separator before each new group. */
  group?: string;
  action?: string;
};

type Props = {
  label: string;
  tooltip?: string;
  icon: React.ReactNode;
  items: MenuItem[];
};

/**
 * A menu button as the WAI-ARIA pattern describes it: Enter, Space or the arrow keys open it on its
 * first or last item, the arrows, Home and End move, Escape closes it and returns to the button, Tab
 * and a click elsewhere close it. Choosing an item closes the menu and returns focus to the button
 * before the item runs, so an item that moves focus itself (hiding its card) has the last word.
 */
export function MenuButton({ label, tooltip, icon, items }: Props) {
  const [open, setOpen] = useState(false);
  const [focusOnOpen, setFocusOnOpen] = useState<"first" | "last">("first");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const list = itemRefs.current.filter((item): item is HTMLButtonElement => item?.isConnected === true);
    (focusOnOpen === "first" ? list[0] : list.at(-1))?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, focusOnOpen]);

  const openAt = (where: "first" | "last") => {
    setFocusOnOpen(where);
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onButtonKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openAt(event.key === "ArrowDown" ? "first" : "last");
    }
  };

  const onMenuKeyDown = (event: React.KeyboardEvent) => {
    const list = itemRefs.current.filter((item): item is HTMLButtonElement => item?.isConnected === true);
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => list[(to + list.length) % list.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        move(index + 1);
        break;
      case "ArrowUp":
        move(index - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(list.length - 1);
        break;
      case "Escape":
        close();
        break;
      case "Tab":
        setOpen(false);
        return;
      default:
        // Letters stay with the menu: the feed's one-key shortcuts must not act on the card behind it.
        if (event.key.length === 1) event.stopPropagation();
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const choose = (item: MenuItem) => {
    close();
    item.onSelect();
  };

  return (
    <div ref={containerRef} className="relative">
      <IconButton
        ref={buttonRef}
        label={label}
        tooltip={tooltip}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(false) : openAt("first"))}
        onKeyDown={onButtonKeyDown}
        active={open}
      >
        {icon}
      </IconButton>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          className="absolute top-full right-0 z-40 mt-1 flex w-72 max-w-[calc(100vw-2.5rem)] flex-col rounded-xl border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {items.map((item, index) => {
            const separator = index > 0 && item.group !== items[index - 1]!.group;
            return (
              <Fragment key={item.key}>
                {separator ? <div role="separator" className="my-1 border-t border-slate-200 dark:border-slate-700" /> : null}
                <button
                  ref={(node) => {
                    itemRefs.current[index] = node;
                  }}
                  type="button"
                  role={item.checked === undefined ? "menuitem" : "menuitemcheckbox"}
                  aria-checked={item.checked}
                  tabIndex={-1}
                  data-action={item.action}
                  onClick={() => choose(item)}
                  className="flex items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-slate-800 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
                >
                  <span className="text-slate-500 dark:text-slate-400">{item.icon}</span>
                  <span className="min-w-0 flex-1">{item.label}</span>
                  {item.checked ? <CheckIcon className="size-4 text-brand-700 dark:text-sky-300" /> : null}
                </button>
              </Fragment>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
