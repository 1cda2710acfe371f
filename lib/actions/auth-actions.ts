"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { fieldValues } from "@/lib/actions/form-fields";
import { signIn, signOut } from "@/lib/auth";
import { OAUTH_PROVIDER_IDS } from "@/lib/auth-providers";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { consumeMagicLinkQuota } from "@/lib/magic-link-quota";
import { requestClientIp } from "@/lib/net/client-address";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { revokeSessions } from "@/lib/session";
import { normalizeSignInEmail, singleField } from "@/lib/sign-in-email";
import { admitSignIn } from "@/lib/sign-ups/sign-up-policy";

const INVALID_EMAIL = "Enter a valid email address.";

/**
 * One form field read by `read`, refused in words when it was sent more than once (which copy counts
 * must never be in doubt) or when `read` throws a SafeError.
 */
function singleFieldOf<Value>(label: string, read: (value: unknown) => Value) {
  // optional(): a form leaves out a field it does not have (no callbackUrl), and `read` decides what that means.
  return z.unknown().optional().transform((value, ctx) => {
    try {
      return read(singleField(fieldValues(value), label));
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof SafeError ? error.message : INVALID_EMAIL });
      return z.NEVER;
    }
  });
}

const magicLinkInput = z.object({
  // The address Auth.js will mail, normalized by the same function its provider uses.
  email: singleFieldOf("one email address", normalizeSignInEmail),
  // Only somewhere on this site, never an open redirect.
  callbackUrl: singleFieldOf("the form", (value) => safeCallbackPath(value, getEnv().appUrl)),
  // The token of the invitation link the form was opened from (app/invite/[token]); checked by admitSignIn.
  invitation: singleFieldOf("the form", (value) => (typeof value === "string" && value.length <= 64 ? value : undefined)),
});

export const requestMagicLink = defineAction({
  name: "magic-link",
  session: "optional",
  input: magicLinkInput,
  invalidInput: INVALID_EMAIL,
  echo: ["email"],
  run: async ({ input, user }) => {
    await consumeMagicLinkQuota({ email: input.email, ip: requestClientIp(await headers()), sessionEmail: user?.email });
    // A new address the sign-up policy refuses is told so here, in words, before any mail is sent.
    await admitSignIn(input.email, { invitation: input.invitation });
    // Redirects to the "check your email" page (a redirect is thrown, and defineAction lets it through).
    await signIn("nodemailer", { email: input.email, redirectTo: input.callbackUrl });
  },
});

export const signInWithOAuth = defineAction({
  name: "oauth-sign-in",
  session: "none",
  input: z.object({ provider: z.enum(OAUTH_PROVIDER_IDS) }),
  run: async ({ input }) => {
    await signIn(input.provider, { redirectTo: "/feed" });
  },
});

/**
 * Signing out ends the reader's sessions by bumping their session version before the cookie is
 * cleared, so a copy of the cookie stops working too. Done here as well as in Auth.js's sign-out
 * event because that event's errors are only logged: a failed revocation must not look like success.
 */
function signOutTo(name: string, redirectTo: string) {
  return defineAction({
    name,
    session: "optional",
    input: z.unknown(),
    run: async ({ user }) => {
      if (user) await revokeSessions(user.id);
      await signOut({ redirectTo });
    },
  });
}

export const signOutAction = signOutTo("sign-out", "/");

/** "Sign out everywhere" in Settings: every browser and device, and any copied cookie. */
export const signOutEverywhereAction = signOutTo("sign-out-everywhere", "/sign-in");
