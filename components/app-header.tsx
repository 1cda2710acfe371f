import { Logo } from "@/components/logo";
import { NavLinks } from "@/components/nav-links";
import { signOutAction } from "@/lib/actions/auth-actions";
import type { CurrentUser } from "@/lib/session";

export function AppHeader({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Logo href="/feed" />
        <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
          <NavLinks />
        </nav>
        <div className="ml-auto flex items-center gap-3 sm:ml-0">
          <span className="hidden max-w-48 truncate text-sm text-slate-600 md:inline dark:text-slate-400" title={user.email ?? undefined}>
            {user.email}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
