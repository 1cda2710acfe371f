/**
 * The one mail path. With SMTP_URL set, mail goes out through nodemailer; without it, it lands in
 * the local outbox (shown at /dev/outbox). Every message is recorded, so what was sent can be
 * audited and the outbox needs no second store, except a mail that is itself a key (a sign-in
 * link, `expiresAt` set): sent by SMTP it leaves no copy, and the outbox holds it only until it
 * expires. Only the hash of a sign-in token is ever stored for long (Auth.js's verification_tokens).
 */
import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { metrics } from "@/lib/metrics/registry";
import { isLocalClient } from "@/lib/net/client-address";

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
  /**
   * When what the mail carries stops working, for a mail that opens an account (a sign-in link).
   * Sent by SMTP, no copy is kept; in the local outbox it is kept, and shown, until then only.
   */
  expiresAt?: Date;
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
 * Sends (or, without SMTP, stores) one mail and returns its record's id (null when no copy is kept)
 * and Message-ID. A mail server that refused the mail, or was never reached, raises
 * MailNotSentError; any other failure (the connection dropped after the message was handed over)
 * leaves it unknown whether it went out.
 */
export async function sendMail(mail: OutgoingMail, options: SendMailOptions = {}): Promise<{ id: string | null; messageId: string | null }> {
  const env = getEnv();
  // Counted by kind and transport only: never the address.
  const counted = { kind: mail.kind, transport: env.mailTransport };
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
      metrics().mailFailed.inc(counted);
      if (certainlyNotSent(error)) throw new MailNotSentError(`The mail server did not take the mail: ${(error as Error).message}`, { cause: error });
      throw error;
    }
    // The server took it: sent, whatever happens to our own bookkeeping next.
    metrics().mailSent.inc(counted);
    await options.afterDelivery?.();
    if (mail.expiresAt) {
      // A working sign-in link in the database would be a second way into the account.
      const { recordWith } = options;
      if (recordWith) await db.$transaction((tx) => recordWith(tx));
      return { id: null, messageId };
    }
  }
  const record = await db.$transaction(async (tx) => {
    // Links that stopped working go as new ones arrive (and hourly, in purge-expired).
    if (mail.expiresAt) await tx.mailMessage.deleteMany({ where: { expiresAt: { lte: new Date() } } });
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
        expiresAt: mail.expiresAt ?? null,
      },
      select: { id: true },
    });
    await options.recordWith?.(tx);
    return created;
  }).catch((error: unknown) => {
    // Through the local outbox, storing the mail is sending it.
    if (!env.SMTP_URL) metrics().mailFailed.inc(counted);
    throw error;
  });
  if (!env.SMTP_URL) metrics().mailSent.inc(counted);
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

/**
 * Whether this request may read the local outbox, whose sign-in links open any account: only when
 * there is one (no SMTP), and only from this computer (isLocalClient: the socket's own address, and
 * no forwarding header naming another) unless MAIL_OUTBOX=on opens it to every client on purpose.
 */
export function canReadOutbox(headers: Headers, env = getEnv()): boolean {
  if (env.mailTransport !== "outbox") return false;
  if (env.MAIL_OUTBOX === "on") return true;
  return isLocalClient(headers);
}

/** The newest mails in the local outbox, without sign-in links that expired; empty when mail goes out by SMTP. */
export async function listOutbox(limit = 50) {
  if (getEnv().mailTransport !== "outbox") return [];
  return db.mailMessage.findMany({
    where: { transport: "outbox", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}

/**
 * Deletes mails whose content stopped working, and sign-in mails stored before mails had an expiry
 * (earlier versions kept a copy of each, SMTP or not). Returns how many went.
 */
export async function purgeExpiredMail(now = new Date()): Promise<number> {
  const { count } = await db.mailMessage.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { kind: "magic-link", expiresAt: null }] },
  });
  return count;
}
