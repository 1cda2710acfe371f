import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/logo";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  const outbox = getEnv().mailTransport === "outbox";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4">
      <Logo />
      <h1 className="text-2xl font-bold">Check your email</h1>
      <p className="text-slate-700 dark:text-slate-300">
        We sent you a sign-in link. It works once and expires in 15 minutes.
      </p>
      {outbox ? (
        <p className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
          This Podbrief runs without a mail server, so the link is printed in its console and kept in the{" "}
          <Link href="/dev/outbox" className="font-medium text-brand-700 underline dark:text-brand-100">
            local outbox
          </Link>
          , which opens on the computer Podbrief runs on.
        </p>
      ) : null}
    </main>
  );
}
