import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/session";
import { invitationProblem } from "@/lib/sign-ups/invitations";

// The token is the whole secret: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: "You are invited", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** An invitation link (made on the admin page): the sign-in form, carrying the invitation. */
export default async function InvitationPage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  if (await getCurrentUser()) redirect("/feed");
  const problem = await invitationProblem(token);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4">
      <Logo />
      <div>
        <h1 className="text-2xl font-bold">You are invited to Podbrief</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          {problem ? "This link cannot make an account." : "Enter your email and we will send you a link that signs you in. The invitation is for one address: the first you enter here."}
        </p>
      </div>
      {problem ? (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {problem}
        </p>
      ) : (
        <SignInForm invitation={token} />
      )}
    </main>
  );
}
