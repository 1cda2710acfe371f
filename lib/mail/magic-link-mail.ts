import "server-only";
import { getEnv } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";

export async function sendMagicLink(email: string, url: string): Promise<void> {
  const { host } = new URL(url);
  await sendMail({
    to: email,
    kind: "magic-link",
    subject: "Your Podbrief sign-in link",
    text: `Sign in to Podbrief:\n${url}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, ignore this mail.\n`,
    html: `<p>Sign in to Podbrief on ${escapeHtml(host)}:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in 15 minutes. If you did not ask for it, ignore this mail.</p>`,
  });
  if (getEnv().mailTransport === "outbox") {
    // The embedded mode has no mail server: the link is in the outbox page and here.
    console.log(`[mail] sign-in link for ${email}: ${url}`);
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
