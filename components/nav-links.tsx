"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const appSections = [
  { href: "/feed", label: "Feed" },
  { href: "/topics", label: "Topics" },
  { href: "/saved", label: "Saved" },
  { href: "/search", label: "Search" },
  { href: "/podcasts", label: "Podcasts" },
  { href: "/brief", label: "Brief" },
  { href: "/settings", label: "Settings" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto">
      {appSections.map((section) => {
        const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <li key={section.href}>
            <Link
              href={section.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap ${
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
