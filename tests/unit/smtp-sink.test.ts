import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "@/tests/helpers/smtp-sink";

let sink: SmtpSink;

beforeEach(async () => {
  sink = await startSmtpSink();
});

afterEach(async () => {
  await sink.close();
});

const UNSUBSCRIBE = "https://podbrief.example.com/b/unsubscribe/tok-abc";

function message(n = 1) {
  return {
    from: "Podbrief <brief@podbrief.example.com>",
    to: "ana@example.com",
    subject: `Chips are the new oil, and ${n} more — €5 café`,
    text: `Plain part ${n}\nhttps://podbrief.example.com/b/click/tok-${n}`,
    html: `<p>HTML part ${n} <a href="https://podbrief.example.com/b/click/tok-${n}">Read</a></p>`,
    headers: { "List-Unsubscribe": `<${UNSUBSCRIBE}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

describe("SMTP sink", () => {
  it("receives a mail nodemailer sends with its default settings, with both parts, the headers and the Message-ID", async () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    const transport = nodemailer.createTransport(sink.url);
    const info = await transport.sendMail(message());

    const [mail] = await sink.waitFor(1);
    expect(mail!.from).toBe("brief@podbrief.example.com");
    expect(mail!.to).toEqual(["ana@example.com"]);
    expect(mail!.subject).toBe("Chips are the new oil, and 1 more — €5 café");
    expect(mail!.text.trim()).toBe("Plain part 1\nhttps://podbrief.example.com/b/click/tok-1");
    expect(mail!.html).toContain('<a href="https://podbrief.example.com/b/click/tok-1">Read</a>');
    expect(mail!.headers.get("list-unsubscribe")).toBe(`<${UNSUBSCRIBE}>`);
    expect(mail!.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail!.headers.get("content-type")).toMatch(/^multipart\/alternative/);
    expect(mail!.messageId).toMatch(/^<.+@.+>$/);
    expect(mail!.messageId).toBe(info.messageId);
    expect(mail!.headers.get("message-id")).toBe(info.messageId);
    expect(mail!.raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("answers the next messages with an error on demand, then accepts again", async () => {
    const transport = nodemailer.createTransport(sink.url);
    sink.failNext(1);
    sink.failNext(1, { code: 550, message: "5.1.1 No such mailbox" });
    await expect(transport.sendMail(message(1))).rejects.toMatchObject({ responseCode: 451 });
    await expect(transport.sendMail(message(2))).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining("No such mailbox") });
    await transport.sendMail(message(3));
    expect(sink.received.map((mail) => mail.subject)).toEqual(["Chips are the new oil, and 3 more — €5 café"]);
  });

  it("never answers a hung message, so the sender's timeout fires", async () => {
    const transport = nodemailer.createTransport(`${sink.url}?socketTimeout=300`);
    sink.hangNext(1);
    await expect(transport.sendMail(message(1))).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(sink.received).toEqual([]);
    await transport.sendMail(message(2));
    expect(await sink.waitFor(1)).toHaveLength(1);
  });

  it("says how many arrived when waiting runs out", async () => {
    await expect(sink.waitFor(1, 50)).rejects.toThrow(/expected 1 message\(s\) within 50 ms, received 0/);
  });
});
