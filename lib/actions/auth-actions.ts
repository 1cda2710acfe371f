"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { publicMessage } from "@/lib/errors";
import { consumeMagicLinkQuota } from "@/lib/magic-link-quota";
import { requestClientIp } from "@/lib/net/client-address";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { getCurrentUser, revokeSessions } from "@/lib/session";
import { normalizeSignInEmail, singleField } from "@/lib/sign-in-email";

export type MagicLinkState = { error?: string; email?: string };

const magicLinkInput = z.object({
  // The address Auth.js will mail, normalized by the same function its provider uses.
  email: z.unknown().transform((value, ctx) => {
    try {
      return normalizeSignInEmail(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: publicMessage(error, "magic-link") });
      return z.NEVER;
    }
  }),
  // Only somewhere on this site, never an open redirect.
  callbackUrl: z.unknown().transform((value) => safeCallbackPath(value, getEnv().appUrl)),
});

export async function requestMagicLink(_previous: MagicLinkState, formData: FormData): Promise<MagicLinkState> {
  const typed = String(formData.get("email") ?? "");
  let parsed;
  try {
    // A repeated field is refused: which copy is "the" address must never be in doubt.
    parsed = magicLinkInput.safeParse({
      email: singleField(formData.getAll("email"), "one email address"),
      callbackUrl: singleField(formData.getAll("callbackUrl"), "the form"),
    });
  } catch (error) {
    return { error: publicMessage(error, "magic-link"), email: typed };
  }
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email: typed };
  try {
    const requestHeaders = await headers();
    const reader = await getCurrentUser();
    await consumeMagicLinkQuota({ email: parsed.data.email, ip: requestClientIp(requestHeaders), sessionEmail: reader?.email });
  } catch (error) {
    return { error: publicMessage(error, "magic-link"), email: parsed.data.email };
  }
  // Redirects to the "check your email" page; a redirect is thrown, so it stays outside try/catch.
  await signIn("nodemailer", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl });
  return {};
}

const oauthInput = z.object({ provider: z.enum(["github", "google"]) });

export async function signInWithOAuth(formData: FormData): Promise<void> {
  const { provider } = oauthInput.parse({ provider: formData.get("provider") });
  await signIn(provider, { redirectTo: "/feed" });
}

/**
 * Signing out ends the reader's sessions by bumping their session version before the cookie is
 * cleared, so a copy of the cookie stops working too. Done here as well as in Auth.js's sign-out
 * event because that event's errors are only logged: a failed revocation must not look like success.
 */
export async function signOutAction(): Promise<void> {
  const reader = await getCurrentUser();
  if (reader) await revokeSessions(reader.id);
  await signOut({ redirectTo: "/" });
}

/** "Sign out everywhere" in Settings: every browser and device, and any copied cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const reader = await getCurrentUser();
  if (reader) await revokeSessions(reader.id);
  await signOut({ redirectTo: "/sign-in" });
}
