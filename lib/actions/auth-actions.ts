"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { publicMessage } from "@/lib/errors";
import { clientIp, consumeMagicLinkQuota } from "@/lib/magic-link-quota";

const magicLinkInput = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  callbackUrl: z
    .string()
    .optional()
    // Only paths on this site, never an open redirect.
    .transform((value) => (value && value.startsWith("/") && !value.startsWith("//") ? value : "/feed")),
});

export type MagicLinkState = { error?: string; email?: string };

export async function requestMagicLink(_previous: MagicLinkState, formData: FormData): Promise<MagicLinkState> {
  const parsed = magicLinkInput.safeParse({
    email: formData.get("email"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email: String(formData.get("email") ?? "") };
  }
  try {
    await consumeMagicLinkQuota({ email: parsed.data.email, ip: clientIp(await headers()) });
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

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
