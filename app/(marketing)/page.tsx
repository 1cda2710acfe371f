import Link from "next/link";
import { Logo } from "@/components/logo";
import { OAuthButtons } from "@/components/oauth-buttons";
import { SignInForm } from "@/components/sign-in-form";
import { listLandingInsights } from "@/lib/cards/landing-insights";
import { getCurrentUser } from "@/lib/session";
import { Showcase } from "./showcase";

const steps = [
  { title: "We scan new episodes", text: "Podbrief reads the transcripts of new podcast episodes as they are published." },
  { title: "We pull out the insights", text: "Short, self-contained takeaways, each traced to the moment it was said." },
  { title: "You get the top 5", text: "Ranked for the topics you follow, in your inbox at the hour you choose." },
];

export default async function LandingPage() {
  const [user, insights] = await Promise.all([getCurrentUser(), listLandingInsights()]);
  return (
    <div className="mx-auto flex min-h-screen max-w-6xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between py-5">
        <Logo />
        {user ? (
          <Link href="/feed" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            Open your feed
          </Link>
        ) : (
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            Sign in
          </Link>
        )}
      </header>
      <main className="flex flex-1 flex-col gap-14 py-8 sm:py-12">
        <div className="grid gap-10 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-center lg:gap-16">
          <section>
            <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">Get your free personalized podcast brief</h1>
            <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">We scan new podcasts and send you the top 5 insights daily.</p>
            {user ? (
              <Link href="/feed" className="mt-8 inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
                Go to your feed
              </Link>
            ) : (
              <div className="mt-8 flex max-w-xl flex-col gap-4">
                <SignInForm submitLabel="Get my free brief" />
                <p className="text-sm text-slate-600 dark:text-slate-400">Free. No password: we email you a sign-in link.</p>
                <OAuthButtons />
              </div>
            )}
          </section>
          <section aria-labelledby="how-it-works" className="rounded-2xl bg-slate-50 p-6 dark:bg-slate-900/60">
            <h2 id="how-it-works" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              How it works
            </h2>
            <ol className="mt-4 flex flex-col gap-5">
              {steps.map((step, index) => (
                <li key={step.title} className="flex gap-4">
                  <span aria-hidden className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
                    {index + 1}
                  </span>
                  <div>
                    <h3 className="font-semibold">{step.title}</h3>
                    <p className="mt-1 text-slate-700 dark:text-slate-300">{step.text}</p>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <Showcase insights={insights} />
      </main>
    </div>
  );
}
