"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef } from "react";
import { NavIcon, type NavIconName } from "@/components/nav-icons";
import { isCurrentSection } from "@/components/nav-links";
import { signOutAction } from "@/lib/actions/auth-actions";

const tabs: { href: string; label: string; icon: NavIconName }[] = [
  { href: "/feed", label: "Feed", icon: "feed" },
  { href: "/topics", label: "Topics", icon: "topics" },
  { href: "/saved", label: "Saved", icon: "saved" },
  { href: "/brief", label: "Brief", icon: "brief" },
];
const moreSections = [
  { href: "/podcasts", label: "Podcasts" },
  { href: "/alerts", label: "Alerts" },
  { href: "/settings", label: "Settings" },
];
const MORE_MENU_ID = "more-menu";

const tabClass = "flex min-h-14 w-full flex-col items-center justify-center gap-0.5 text-xs font-medium";
const tabColour = (current: boolean) =>
  current ? "text-brand-700 dark:text-brand-100" : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white";

/**
 * Below 640 px the sections sit in a tab bar at the bottom, in thumb's reach: four tabs and "More"
 * (the HTML popover, so it opens and light-dismisses without our code). A spacer as tall as the bar
 * comes first, so the end of every page scrolls clear of it, including the home-indicator inset.
 */
export function MobileTabBar({ email }: { email: string | null }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDivElement>(null);
  // A link inside the popover navigates without a page load, which would leave the popover open.
  const closeMenu = () => menu.current?.hidePopover();
  const moreCurrent = moreSections.some((section) => isCurrentSection(pathname, section.href));
  return (
    <div className="sm:hidden">
      <div aria-hidden="true" className="h-[calc(4rem+env(safe-area-inset-bottom))]" />
      <nav
        aria-label="Main"
        className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 pr-[env(safe-area-inset-right)] pb-[env(safe-area-inset-bottom)] pl-[env(safe-area-inset-left)] backdrop-blur dark:border-slate-800 dark:bg-slate-950/95"
      >
        <ul className="grid grid-cols-5">
          {tabs.map((tab) => {
            const current = isCurrentSection(pathname, tab.href);
            return (
              <li key={tab.href}>
                <Link href={tab.href} aria-current={current ? "page" : undefined} className={`${tabClass} ${tabColour(current)}`}>
                  <NavIcon name={tab.icon} />
                  {tab.label}
                </Link>
              </li>
            );
          })}
          <li>
            <button type="button" popoverTarget={MORE_MENU_ID} className={`${tabClass} ${tabColour(moreCurrent)}`}>
              <NavIcon name="more" />
              More
            </button>
          </li>
        </ul>
      </nav>
      <div
        ref={menu}
        id={MORE_MENU_ID}
        popover="auto"
        className="fixed inset-auto right-2 bottom-[calc(4.5rem+env(safe-area-inset-bottom))] m-0 w-60 max-w-[calc(100vw-1rem)] rounded-xl border border-slate-200 bg-white p-1 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <ul className="flex flex-col">
          {moreSections.map((section) => {
            const current = isCurrentSection(pathname, section.href);
            return (
              <li key={section.href}>
                <Link
                  href={section.href}
                  onClick={closeMenu}
                  aria-current={current ? "page" : undefined}
                  className={`block rounded-lg px-3 py-2.5 font-medium ${current ? "bg-brand-50 text-brand-800 dark:bg-slate-800 dark:text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
                >
                  {section.label}
                </Link>
              </li>
            );
          })}
          <li className="mt-1 border-t border-slate-200 pt-1 dark:border-slate-700">
            {email ? <p className="truncate px-3 pt-1.5 text-sm text-slate-600 dark:text-slate-400">{email}</p> : null}
            <form action={signOutAction}>
              <button type="submit" className="w-full rounded-lg px-3 py-2.5 text-left font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          </li>
        </ul>
      </div>
    </div>
  );
}
