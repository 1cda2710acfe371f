import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { OAuthButtons } from "@/components/oauth-buttons";
import { SignInForm } from "@/components/sign-in-form";
import { EMAIL_UNVERIFIED_ERROR } from "@/lib/auth-providers";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { getCurrentUser } from "@/lib/session";
import { refusalMessage, SIGN_UPS_CLOSED_ERROR, signUpPolicyFromEnv } from "@/lib/sign-ups/sign-up-policy";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends its error codes here; readers get words, not codes.
const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "Sign-in was refused.",
  OAuthAccountNotLinked: "That email already signs in another way. Use the method you used first.",
  [EMAIL_UNVERIFIED_ERROR]: "Your sign-in provider has not verified your email address. Verify it there, then try again.",
};

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  // Only somewhere on this site: `/\host` and `/<TAB>/host` look like paths but browsers go elsewhere.
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl, getEnv().appUrl));
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const policy = signUpPolicyFromEnv();
  const error = !errorCode
    ? undefined
    : errorCode === SIGN_UPS_CLOSED_ERROR
      ? refusalMessage(policy)
      : (errorMessages[errorCode] ?? "Sign-in did not work. Please try again.");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4">
      <Logo />
      <div>
        <h1 className="text-2xl font-bold">Sign in or sign up</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">Enter your email and we will send you a link that signs you in.</p>
        {policy.mode === "open" ? null : (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {policy.mode === "closed"
              ? "New accounts are by invitation only."
              : `New accounts are for ${policy.domains.map((domain) => `@${domain}`).join(", ")} addresses, or by invitation.`}
          </p>
        )}
      </div>
      {error ? (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {error}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl === undefined ? undefined : safeCallbackPath(callbackUrl, getEnv().appUrl)} />
      <OAuthButtons />
    </main>
  );
}
