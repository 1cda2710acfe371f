/**
 * Sending a stored brief at most once: pending ──claim──▶ sending ──mail server took it──▶ sent.
 * The claim, a conditional update recording the Message-ID, commits before the mail goes out, so of two
 * racing workers one sends. A worker killed after the claim leaves the brief sending, and nobody knows
 * whether the server took it, so after a lease it is marked unconfirmed and never sent again: a reader
 * may miss a brief, never get two. The local outbox commits the mail with "sent": no such window.
 */
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { buildBriefMail } from "@/lib/brief/brief-mail";
import { loadBrief } from "@/lib/brief/load-brief";
import { MailNotSentError, messageIdFor, sendMail } from "@/lib/mail/send-mail";
import { SEND_LEASE_MS } from "@/lib/brief/send-lease";

export type DeliveryOutcome = "sent" | "unconfirmed" | "empty" | "sending" | "failed" | "skipped";

/** Fault-test knobs: each runs at its step, where the fault test kills the process. */
export type DeliveryKnobs = {
  beforeClaim?: () => Promise<void> | void;
  afterSmtp?: () => Promise<void> | void;
  afterRecord?: () => Promise<void> | void;
  leaseMs?: number;
};

export class BriefNotSentError extends Error {}

export async function deliverBrief(briefId: string, { now = new Date(), knobs = {} }: { now?: Date; knobs?: DeliveryKnobs } = {}): Promise<DeliveryOutcome> {
  const row = await db.dailyBrief.findUnique({
    where: { id: briefId },
    select: { status: true, sendStartedAt: true, messageId: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row) return "skipped";
  if (row.status === "sent" || row.status === "unconfirmed" || row.status === "empty") return row.status;

  const smtp = getEnv().mailTransport === "smtp";
  let claimFrom: { status: "pending" | "failed" | "sending"; sendStartedAt?: Date | null } = { status: row.status };
  if (row.status === "sending") {
    const lease = knobs.leaseMs ?? SEND_LEASE_MS;
    if (row.sendStartedAt && now.getTime() - row.sendStartedAt.getTime() < lease) return "sending";
    if (smtp) {
      await db.dailyBrief.updateMany({
        where: { id: briefId, status: "sending", sendStartedAt: row.sendStartedAt },
        data: { status: "unconfirmed", error: "The worker stopped while handing this brief to the mail server; it was not sent again." },
      });
      return "unconfirmed";
    }
    // The outbox commits the mail with "sent": still sending means nothing was stored.
    claimFrom = { status: "sending", sendStartedAt: row.sendStartedAt };
  }
  if (!row.user.email) {
    await db.dailyBrief.update({ where: { id: briefId }, data: { status: "failed", error: "The reader has no email address." } });
    return "failed";
  }

  const brief = await loadBrief(row.user.id, { briefId });
  if (!brief) return "skipped";
  const messageId = messageIdFor(`brief.${briefId}`);
  const mail = await buildBriefMail(brief, { email: row.user.email, name: row.user.name }, now);

  await knobs.beforeClaim?.();
  const claimed = await db.dailyBrief.updateMany({
    where: { id: briefId, ...claimFrom },
    data: { status: "sending", sendStartedAt: now, messageId, error: null },
  });
  if (claimed.count === 0) {
    const current = await db.dailyBrief.findUnique({ where: { id: briefId }, select: { status: true } });
    return current?.status === "pending" ? "sending" : (current?.status ?? "skipped");
  }

  try {
    await sendMail(mail, {
      afterDelivery: knobs.afterSmtp,
      recordWith: (tx) => tx.dailyBrief.update({ where: { id: briefId }, data: { status: "sent", sentAt: new Date() } }),
    });
  } catch (error) {
    if (error instanceof MailNotSentError) {
      await db.dailyBrief.updateMany({ where: { id: briefId, status: "sending" }, data: { status: "failed", error: error.message } });
      throw new BriefNotSentError(error.message, { cause: error });
    }
    // It may have gone out: left sending, resolved once the lease has passed.
    throw error;
  }
  await knobs.afterRecord?.();
  return "sent";
}
