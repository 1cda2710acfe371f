/**
 * Briefs without SMTP (the embedded default): each lands in the local outbox, recorded in the same
 * transaction as "sent", so a stopped worker's brief is simply sent again and never twice.
 */
import { describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { runBrief } = await import("@/lib/brief/brief-jobs");
const { composeBrief } = await import("@/lib/brief/compose-brief");
const { deliverBrief } = await import("@/lib/brief/deliver-brief");
const { listOutbox } = await import("@/lib/mail/send-mail");

const rows = rowFactory();

async function reader() {
  const topic = await rows.makeTopic(`outbox-${Math.random().toString(36).slice(2, 7)}`);
  const show = await rows.makeShow(`outbox-show-${Math.random().toString(36).slice(2, 7)}`);
  const insight = await rows.makeInsight(show, { topics: [topic.id], ageDays: 0.1, headline: `Outbox headline ${rows.run}` });
  const userId = await rows.makeReader();
  await db.topicFollow.create({ data: { userId, topicId: topic.id } });
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return { userId, email: email!, insight };
}

describe("briefs in the local outbox", () => {
  it("stores the brief's mail with its links and marks it sent", async () => {
    const { userId, email } = await reader();
    expect(await runBrief(userId, "2026-03-02")).toBe("sent");
    const mail = (await listOutbox(500)).find((message) => message.to === email)!;
    expect(mail.kind).toBe("brief");
    expect(mail.subject).toContain(`Outbox headline ${rows.run}`);
    expect(mail.text).toMatch(/\/mail\/click\?t=/);
    const brief = await db.dailyBrief.findFirstOrThrow({ where: { userId } });
    expect(brief.status).toBe("sent");
    expect(mail.messageId).toBe(brief.messageId);
  });

  it("sends again a brief a stopped worker left sending, since nothing was stored, and only once", async () => {
    const { userId, email } = await reader();
    const now = new Date();
    const { briefId } = await composeBrief(userId, "2026-03-02", { now, frequency: "daily" });
    await db.dailyBrief.update({ where: { id: briefId }, data: { status: "sending", sendStartedAt: now } });
    expect(await deliverBrief(briefId, { now: new Date(now.getTime() + 10 * 60_000) })).toBe("sent");
    expect(await deliverBrief(briefId, { now: new Date(now.getTime() + 20 * 60_000) })).toBe("sent");
    expect(await db.mailMessage.count({ where: { to: email, kind: "brief" } })).toBe(1);
  });
});
