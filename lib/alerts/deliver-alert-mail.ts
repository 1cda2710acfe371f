/**
 * Matches of alerts set to "email" go out at once, one mail per reader per batch, exactly once:
 * a batch is claimed by recording its Message-ID on its matches (a conditional update, so of two
 * workers one claims), then sent, and marked emailed in the transaction that records the mail. With
 * the local outbox that record is the sending, so a claimed batch with no mail stored is sent again
 * under the same Message-ID; by SMTP it may have gone out, so it is never sent twice.
 */
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { messageIdFor, sendMail } from "@/lib/mail/send-mail";
import { alertMatchSelect, toAlertMatchView } from "@/lib/alerts/alerts";
import { renderAlertEmail } from "@/lib/alerts/alert-email";

/** Another worker recorded this batch first: rolls back the copy this one was about to store. */
class AlreadyEmailed extends Error {}

/** Sends these readers' unsent email matches; returns how many mails went out. */
export async function deliverAlertMail(userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const env = getEnv();
  let sent = 0;
  for (const userId of userIds) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user?.email) continue;
    const pending = await db.alertMatch.findMany({
      where: { userId, emailedAt: null, emailMessageId: null, alert: { delivery: "email" } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const batches: string[] = [];
    if (pending.length > 0) {
      const messageId = messageIdFor(`alerts.${pending[0]!.id}`);
      await db.alertMatch.updateMany({ where: { id: { in: pending.map((row) => row.id) }, emailMessageId: null }, data: { emailMessageId: messageId } });
      batches.push(messageId);
    }
    if (env.mailTransport === "outbox") {
      // Claimed by a worker that stopped before the outbox stored the mail: nothing went out yet.
      const stranded = await db.alertMatch.findMany({ where: { userId, emailedAt: null, emailMessageId: { not: null } }, distinct: ["emailMessageId"], select: { emailMessageId: true } });
      for (const { emailMessageId } of stranded) if (emailMessageId && !batches.includes(emailMessageId)) batches.push(emailMessageId);
    }
    for (const messageId of batches) {
      const rows = await db.alertMatch.findMany({ where: { userId, emailMessageId: messageId, emailedAt: null }, orderBy: { createdAt: "asc" }, select: alertMatchSelect });
      if (rows.length === 0) continue;
      if (env.mailTransport === "outbox" && (await db.mailMessage.count({ where: { messageId } })) > 0) continue;
      const mail = await renderAlertEmail(rows.map(toAlertMatchView), { appUrl: env.appUrl });
      try {
        await sendMail(
          { to: user.email, kind: "alert", messageId, ...mail },
          {
            recordWith: async (tx) => {
              const marked = await tx.alertMatch.updateMany({ where: { userId, emailMessageId: messageId, emailedAt: null }, data: { emailedAt: new Date() } });
              if (marked.count === 0) throw new AlreadyEmailed();
            },
          },
        );
        sent++;
      } catch (error) {
        if (!(error instanceof AlreadyEmailed)) throw error;
      }
    }
  }
  return sent;
}
