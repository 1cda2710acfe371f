import "server-only";
import { getEnv } from "@/lib/env";
import { moduleLog } from "@/lib/log";
import { sendMail } from "@/lib/mail/send-mail";
import { formatCount } from "@/lib/format";

const log = moduleLog("mail");

/** Mails a sign-in link that stops working at `expires` (Auth.js's own expiry of the token). */
export async function sendMagicLink(email: string, url: string, expires: Date): Promise<void> {
  const { host } = new URL(url);
  const lifetime = expiresIn(expires);
  await sendMail({
    to: email,
    kind: "magic-link",
    subject: "Your Podbrief sign-in link",
    text: `Sign in to Podbrief:\n${url}\n\nThe link works once and expires in ${lifetime}. If you did not ask for it, ignore this mail.\n`,
    html: `<p>Sign in to Podbrief on ${escapeHtml(host)}:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in ${lifetime}. If you did not ask for it, ignore this mail.</p>`,
    // The link opens the account: no copy is kept when it goes out by SMTP, none past its expiry in the outbox.
    expiresAt: expires,
  });
  if (getEnv().mailTransport === "outbox") {
    // The embedded mode has no mail server: the link is in the outbox page and here.
    log.info(`sign-in link for ${email}: ${url}`);
  }
}

/** "15 minutes", "1 hour", "24 hours": the link's lifetime as a reader would say it. */
function expiresIn(expires: Date): string {
  const minutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000));
  if (minutes % 60 !== 0) return formatCount(minutes, "minute");
  const hours = minutes / 60;
  return formatCount(hours, "hour");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
