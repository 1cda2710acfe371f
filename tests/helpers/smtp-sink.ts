/**
 * A real SMTP server on loopback for tests: the app sends through nodemailer exactly as it would to
 * a mail provider, and the test reads what arrived, parsed. No auth and no TLS, so nodemailer's
 * default settings work against `url`. For fault tests, `failNext` answers the next messages with
 * an SMTP error and `hangNext` never answers them, as a stuck provider would.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The whole message as it came over the wire. */
  raw: string;
  /** Lower-case header name -> value as received (unfolded, not decoded); the first one when repeated. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  /** With its angle brackets, as in the Message-ID header. */
  messageId: string;
};

export type SmtpFailure = { code?: number; message?: string };

export type SmtpSink = {
  /** smtp://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Accepted messages, in the order they were accepted. */
  received: ReceivedMail[];
  /** Resolves once `count` messages have been accepted; rejects after `timeoutMs` (5 s by default). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Answers the next `count` messages with an error, 451 (try again later) unless told otherwise. */
  failNext(count: number, failure?: SmtpFailure): void;
  /** Never answers the next `count` messages, until the sink closes. */
  hangNext(count: number): void;
  close(): Promise<void>;
};

type DataCallback = (error?: Error | null, message?: string) => void;

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const hung = new Set<DataCallback>();
  const failures: Required<SmtpFailure>[] = [];
  let toHang = 0;

  const server = new SMTPServer({
    name: "smtp-sink.test",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    // Hung and pooled connections must not hold close() for the default 30 s.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        const failure = failures.shift();
        if (failure) return callback(smtpError(failure));
        if (toHang > 0) {
          toHang--;
          hung.add(callback);
          return;
        }
        const raw = Buffer.concat(chunks);
        parseMail(raw, session.envelope.mailFrom, session.envelope.rcptTo).then(
          (mail) => {
            // Recorded before the 250 reply, so a test that awaited sendMail already sees it.
            received.push(mail);
            for (const wake of waiters) wake();
            callback(null, "Queued by the test sink");
          },
          (error: Error) => callback(smtpError({ code: 554, message: `The test sink could not parse the message: ${error.message}` })),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...received]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: expected ${count} message(s) within ${timeoutMs} ms, received ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    failNext(count, failure = {}) {
      for (let i = 0; i < count; i++) failures.push({ code: failure.code ?? 451, message: failure.message ?? "4.3.0 Temporary failure (test sink)" });
    },
    hangNext(count) {
      toHang += count;
    },
    async close() {
      for (const callback of hung) callback(smtpError({ code: 421, message: "4.3.2 The test sink is shutting down" }));
      hung.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function smtpError({ code, message }: Required<SmtpFailure>): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function parseMail(raw: Buffer, mailFrom: SMTPServerAddress | false, rcptTo: SMTPServerAddress[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    const name = key.toLowerCase();
    if (headers.has(name)) continue;
    headers.set(name, line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim());
  }
  return {
    from: mailFrom ? mailFrom.address : "",
    to: rcptTo.map((address) => address.address),
    raw: raw.toString("utf8"),
    headers,
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: parsed.html || "",
    messageId: parsed.messageId ?? "",
  };
}
