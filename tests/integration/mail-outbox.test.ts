import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendMagicLink } from "@/lib/mail/magic-link-mail";
import { listOutbox } from "@/lib/mail/send-mail";

describe("mail without SMTP", () => {
  it("lands in the local outbox with the sign-in link", async () => {
    const email = `reader-${randomUUID()}@example.com`;
    const link = `http://localhost:3000/api/auth/callback/nodemailer?token=${randomUUID()}&email=${encodeURIComponent(email)}`;
    await sendMagicLink(email, link);
    const mail = (await listOutbox()).find((m) => m.to === email);
    expect(mail).toBeDefined();
    expect(mail!.kind).toBe("magic-link");
    expect(mail!.transport).toBe("outbox");
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(link.replace(/&/g, "&#38;"));
  });
});
