import Link from "next/link";
import { Logo } from "@/components/logo";
import { NavIcon } from "@/components/nav-icons";
import { NavLinks } from "@/components/nav-links";
import { signOutAction } from "@/lib/actions/auth-actions";
import type { CurrentUser } from "@/lib/session";

/**
 * The signed-in header. From 640 px it holds every section in one row; below, only the logo and
 * search, and the sections move to the bottom tab bar (MobileTabBar, which the layouts place after the page's main).
 * Eight sections leave no room for the reader's address, which Settings and the sign-out button's title show.
 */
export function AppHeader({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 pt-[env(safe-area-inset-top)] dark:border-slate-800">
      <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-3 md:gap-4 md:px-6 lg:gap-6">
        <Logo href="/feed" compactOnTablet />
        <nav aria-label="Main" className="hidden min-w-0 flex-1 sm:block">
          <NavLinks />
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <Link
            href="/search"
            className="-m-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 sm:hidden dark:text-slate-300 dark:hover:bg-slate-900"
            aria-label="Search"
            title="Search"
          >
            <NavIcon name="search" />
          </Link>
          <form action={signOutAction} className="hidden sm:block">
            <button type="submit" title={user.email ? `Signed in as ${user.email}` : undefined} className="rounded-md px-2 py-1.5 text-sm md:px-2.5 font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}

