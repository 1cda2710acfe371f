import Link from "next/link";
import { Logo } from "@/components/logo";
import { OAuthButtons } from "@/components/oauth-buttons";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/session";

const steps = [
  { title: "We scan new episodes", text: "Podbrief reads the transcripts of new podcast episodes as they are published." },
  { title: "We pull out the insights", text: "Short, self-contained takeaways, each traced to the moment it was said." },
  { title: "You get the top 5", text: "Ranked for the topics you follow, in your inbox at the hour you choose." },
];

export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto flex min-h-screen max-w-5xl flex-col px-4 sm:px-6">
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
      <main className="flex flex-1 flex-col justify-center gap-12 py-12">
        <section className="max-w-2xl">
          <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
            Get your free personalized podcast brief
          </h1>
          <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
            We scan new podcasts and send you the top 5 insights daily.
          </p>
          {user ? (
            <Link
              href="/feed"
              className="mt-8 inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700"
            >
              Go to your feed
            </Link>
          ) : (
            <div className="mt-8 flex max-w-xl flex-col gap-4">
              <SignInForm submitLabel="Get my free brief" />
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Free. No password: we email you a sign-in link.
              </p>
              <OAuthButtons />
            </div>
          )}
        </section>
        <section aria-labelledby="how-it-works">
          <h2 id="how-it-works" className="sr-only">
            How it works
          </h2>
          <ol className="grid gap-6 sm:grid-cols-3">
            {steps.map((step, index) => (
              <li key={step.title} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
                <p className="text-sm font-semibold text-brand-700 dark:text-brand-100">Step {index + 1}</p>
                <h3 className="mt-1 font-semibold">{step.title}</h3>
                <p className="mt-2 text-slate-700 dark:text-slate-300">{step.text}</p>
              </li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
