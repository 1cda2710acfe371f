/**
 * The one mail path. With SMTP_URL set, mail goes out through nodemailer; without it, it lands in
 * the local outbox (shown at /dev/outbox). Either way every message is recorded, so what was sent
 * can be audited and the outbox needs no second store.
 */
import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for, e.g. "magic-link" or "brief". */
  kind: string;
  headers?: Record<string, string>;
};

let transporter: nodemailer.Transporter | undefined;

function getTransporter(smtpUrl: string): nodemailer.Transporter {
  transporter ??= nodemailer.createTransport(smtpUrl);
  return transporter;
}

/** Sends (or, without SMTP, stores) one mail and returns its record's id and Message-ID. */
export async function sendMail(mail: OutgoingMail): Promise<{ id: string; messageId: string | null }> {
  const env = getEnv();
  let messageId: string | null = null;
  if (env.SMTP_URL) {
    const info = await getTransporter(env.SMTP_URL).sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    messageId = info.messageId ?? null;
  }
  const record = await db.mailMessage.create({
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
  return { id: record.id, messageId };
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
