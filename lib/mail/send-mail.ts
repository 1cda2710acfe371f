/**
 * The one mail path. With SMTP_URL set, mail goes out through nodemailer; without it, it lands in
 * the local outbox (shown at /dev/outbox). Either way every message is recorded, so what was sent
 * can be audited and the outbox needs no second store.
 */
import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for, e.g. "magic-link" or "brief". */
  kind: string;
  headers?: Record<string, string>;
  /** "<unique@domain>"; chosen by the caller when it must know the id before sending (see messageIdFor). */
  messageId?: string;
};

export type SendMailOptions = {
  /**
   * The caller's own bookkeeping, run in the transaction that records the mail: both land or
   * neither. With the local outbox, storing the mail is the sending, so this makes it exactly once.
   */
  recordWith?: (tx: Prisma.TransactionClient) => Promise<unknown>;
  /** A fault-test knob: runs after the mail server accepted the mail and before anything is recorded. */
  afterDelivery?: () => Promise<void> | void;
};

/** Thrown when the mail server refused the mail or could not be reached: it certainly did not go out. */
export class MailNotSentError extends Error {}

let transporter: nodemailer.Transporter | undefined;

function getTransporter(smtpUrl: string): nodemailer.Transporter {
  transporter ??= nodemailer.createTransport(smtpUrl);
  return transporter;
}

/** A Message-ID on the sender's domain, e.g. "<brief.abc123@podbrief.local>". */
export function messageIdFor(localPart: string): string {
  const domain = /@([^\s>]+)>?$/.exec(getEnv().MAIL_FROM)?.[1] ?? "podbrief.local";
  return `<${localPart.replace(/[^A-Za-z0-9.\-_]/g, "-")}@${domain}>`;
}

/**
 * Sends (or, without SMTP, stores) one mail and returns its record's id and Message-ID. A mail
 * server that refused the mail, or was never reached, raises MailNotSentError; any other failure
 * (the connection dropped after the message was handed over) leaves it unknown whether it went out.
 */
export async function sendMail(mail: OutgoingMail, options: SendMailOptions = {}): Promise<{ id: string; messageId: string | null }> {
  const env = getEnv();
  let messageId: string | null = mail.messageId ?? null;
  if (env.SMTP_URL) {
    try {
      const info = await getTransporter(env.SMTP_URL).sendMail({
        from: env.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
      messageId = info.messageId ?? messageId;
    } catch (error) {
      if (certainlyNotSent(error)) throw new MailNotSentError(`The mail server did not take the mail: ${(error as Error).message}`, { cause: error });
      throw error;
    }
    await options.afterDelivery?.();
  }
  const record = await db.$transaction(async (tx) => {
    const created = await tx.mailMessage.create({
      data: {
        to: mail.to,
        from: env.MAIL_FROM,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        kind: mail.kind,
        transport: env.mailTransport,
        messageId,
      },
      select: { id: true },
    });
    await options.recordWith?.(tx);
    return created;
  });
  return { id: record.id, messageId };
}

/**
 * A refusal from the server (it answered, so it decided) or never reaching it means the mail was not
 * taken. A socket that dropped or timed out may have dropped after the message was handed over.
 */
function certainlyNotSent(error: unknown): boolean {
  const { responseCode, code, message } = (error ?? {}) as { responseCode?: number; code?: string; message?: string };
  if (typeof responseCode === "number" && responseCode >= 400) return true;
  return code === "EDNS" || code === "EAUTH" || code === "EENVELOPE" || /ECONNREFUSED/.test(message ?? "");
}

/** The newest mails in the local outbox; empty when mail goes out by SMTP. */
export async function listOutbox(limit = 50) {
  if (getEnv().mailTransport !== "outbox") return [];
  return db.mailMessage.findMany({
    where: { transport: "outbox" },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}
