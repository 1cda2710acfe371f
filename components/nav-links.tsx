"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const appSections = [
  { href: "/feed", label: "Feed" },
  { href: "/topics", label: "Topics" },
  { href: "/saved", label: "Saved" },
  { href: "/search", label: "Search" },
  { href: "/alerts", label: "Alerts" },
  { href: "/podcasts", label: "Podcasts" },
  { href: "/brief", label: "Brief" },
  { href: "/settings", label: "Settings" },
] as const;

export type AppSection = (typeof appSections)[number]["href"];

export function isCurrentSection(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The header's row of sections, from 640 px up (below, the bottom tab bar takes over); it fits without scrolling down to 640 px. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-0.5 md:gap-1">
      {appSections.map((section) => {
        const current = isCurrentSection(pathname, section.href);
        return (
          <li key={section.href}>
            <Link
              href={section.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-1.5 py-1.5 text-sm font-medium whitespace-nowrap md:px-2 lg:px-2.5 ${
                current
                  ? "bg-brand-50 text-brand-800 dark:bg-slate-800 dark:text-white"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900"
              }`}
            >
              {section.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
