/**
 * A sign-in mail sent through a real SMTP server (the loopback sink) leaves no copy of its link in
 * the database: only Auth.js's hash of the token is stored.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "@/tests/helpers/smtp-sink";

// Mail for this file goes to the sink: set before anything reads the environment.
const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;

const { db } = await import("@/lib/db");
const { sendMagicLink } = await import("@/lib/mail/magic-link-mail");
const { sendMail } = await import("@/lib/mail/send-mail");

afterAll(async () => {
  await sink.close();
});

describe("sign-in mail by SMTP", () => {
  it("is delivered, and no copy of the link is kept", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const token = randomUUID();
    await sendMagicLink(email, `https://podbrief.test/api/auth/callback/nodemailer?token=${token}`, new Date(Date.now() + 15 * 60_000));
    const mail = sink.received.find((m) => m.to.includes(email));
    expect(mail?.text).toContain(token);
    expect(await db.mailMessage.count({ where: { to: email } })).toBe(0);
    const rows = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM mail_messages WHERE text LIKE ${`%${token}%`}`;
    expect(Number(rows[0]!.count)).toBe(0);
  });

  it("still records mail that opens nothing (a brief), for the audit", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    await sendMail({ to: email, kind: "brief", subject: "Your brief", text: "Five insights." });
    expect(await db.mailMessage.count({ where: { to: email, kind: "brief", transport: "smtp" } })).toBe(1);
  });
});
