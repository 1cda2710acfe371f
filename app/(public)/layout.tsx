import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { Logo } from "@/components/logo";
import { MobileTabBar } from "@/components/mobile-tab-bar";
import { getCurrentUser } from "@/lib/session";

/** Pages anyone may open (shared insights): the app's header for readers, a sign-up link for everyone else. */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <div className="flex min-h-screen flex-col">
      {user ? (
        <AppHeader user={user} />
      ) : (
        <header className="border-b border-slate-200 pt-[env(safe-area-inset-top)] dark:border-slate-800">
          <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3 sm:px-6">
            <Logo href="/" />
            <Link href="/sign-in" className="button-primary shrink-0 whitespace-nowrap">
              Get your brief
            </Link>
          </div>
        </header>
      )}
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6">{children}</main>
      {user ? <MobileTabBar email={user.email} /> : null}
    </div>
  );
}
