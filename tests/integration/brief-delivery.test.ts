/**
 * Briefs through a real SMTP server on loopback (the sink in tests/helpers): the mail that arrives,
 * its headers, both parts and links that work without signing in; one-click unsubscribe stopping the
 * next brief; and exactly once under retries, races, refusals and an abandoned send.
 */
import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { startSmtpSink } from "@/tests/helpers/smtp-sink";
import { rowFactory } from "@/tests/helpers/rows";

// Mail for this file goes to the sink: set before anything reads the environment.
const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
process.env.APP_URL = "https://podbrief.test";
process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";

const { db } = await import("@/lib/db");
const { runBrief } = await import("@/lib/brief/brief-jobs");
const { deliverBrief, BriefNotSentError } = await import("@/lib/brief/deliver-brief");
const { composeBrief } = await import("@/lib/brief/compose-brief");
const { verifyBriefLink } = await import("@/lib/brief/brief-links");
const { recordBriefFeedback, recordBriefOpen } = await import("@/lib/brief/brief-feedback");
const { recordBriefClickAction } = await import("@/lib/actions/brief-actions");
const clickRoute = await import("@/app/(public)/mail/click/route");
const { queueBriefNow } = await import("@/lib/brief/queue-brief-now");
const { SafeError } = await import("@/lib/errors");
const { loadReaderSignals } = await import("@/lib/feed/reader-signals");
const oneClick = await import("@/app/(public)/mail/unsubscribe/one-click/route");
const { metrics } = await import("@/lib/metrics/registry");

afterAll(async () => {
  await sink.close();
});

const rows = rowFactory();

async function readerWithInsights(count: number, { shows = 3 } = {}) {
  const topic = await rows.makeTopic(`t${Math.random().toString(36).slice(2, 7)}`);
  const showIds = await Promise.all(Array.from({ length: shows }, (_, i) => rows.makeShow(`show-${i}-${Math.random().toString(36).slice(2, 7)}`)));
  const insights = [];
  for (let i = 0; i < count; i++) insights.push(await rows.makeInsight(showIds[i % shows]!, { topics: [topic.id], ageDays: 0.05 + i * 0.01, quality: 0.9 - i * 0.05 }));
  const userId = await rows.makeReader();
  await db.topicFollow.create({ data: { userId, topicId: topic.id } });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return { userId, email: user.email!, insights, topic };
}

/** This process's count of brief mails by SMTP, sent or failed (what /metrics reports). */
async function briefMails(counter: "mailSent" | "mailFailed"): Promise<number> {
  const { values } = await metrics()[counter].get();
  return values.filter(({ labels }) => labels.kind === "brief" && labels.transport === "smtp").reduce((sum, { value }) => sum + value, 0);
}

const mailsTo = (email: string) => sink.received.filter((mail) => mail.to.includes(email));
const linksIn = (text: string) => [...text.matchAll(/https:\/\/podbrief\.test\/\S+/g)].map((match) => match[0]);
const tokenOf = (url: string) => new URL(url).searchParams.get("t")!;

describe("a brief by SMTP", () => {
  it("arrives with its headers, both parts and working links, and one-click unsubscribe stops the next", async () => {
    const { userId, email, insights } = await readerWithInsights(6);
    const now = new Date();
    expect(await runBrief(userId, "2026-03-02", { now })).toBe("sent");

    const [mail] = await sink.waitFor(sink.received.indexOf(mailsTo(email)[0]!) + 1).then(() => mailsTo(email));
    expect(mailsTo(email)).toHaveLength(1);
    const brief = await db.dailyBrief.findUniqueOrThrow({
      where: { userId_briefDate: { userId, briefDate: new Date("2026-03-02T00:00:00Z") } },
      include: { items: { orderBy: { position: "asc" }, include: { insight: true } } },
    });
    expect(brief.status).toBe("sent");
    expect(brief.items).toHaveLength(5);
    // Message-ID: ours, recorded before sending, and the one the server received.
    expect(brief.messageId).toMatch(/^<brief\..+@podbrief\.local>$/);
    expect(mail!.messageId).toBe(brief.messageId);
    expect(mail!.headers.get("list-unsubscribe")).toMatch(/^<https:\/\/podbrief\.test\/mail\/unsubscribe\/one-click\?t=[\w.-]+>$/);
    expect(mail!.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    for (const item of brief.items) {
      expect(mail!.text).toContain(item.insight.headline);
      expect(mail!.html).toContain(item.insight.headline);
    }
    // The insights are the five best: the sixth (lowest quality) is left out.
    expect(brief.items.map((item) => item.insightId)).not.toContain(insights[5]!.id);

    // Every link in the text part also appears in the HTML part, and each one verifies for its purpose.
    const links = linksIn(mail!.text);
    for (const link of links) expect(mail!.html).toContain(link.replace(/&/g, "&amp;"));
    const byPath = (path: string) => links.filter((link) => new URL(link).pathname === path);
    expect(byPath("/mail/click")).toHaveLength(5);
    expect(byPath("/mail/feedback")).toHaveLength(10);
    expect(byPath("/mail/brief")).toHaveLength(1);
    expect(byPath("/mail/unsubscribe")).toHaveLength(1);

    // Following the link (all a mail scanner does) lands on the insight at its moment and records nothing;
    // the page, once loaded in a browser, records the click (once).
    const clickLink = byPath("/mail/click")[0]!;
    const click = verifyBriefLink(tokenOf(clickLink), "click");
    for (let i = 0; i < 2; i++) {
      const followed = await clickRoute.GET(new NextRequest(clickLink));
      expect(followed.status).toBe(303);
      const landing = new URL(followed.headers.get("location")!);
      expect(landing.pathname + "?t=" + landing.searchParams.get("t")).toBe(`/insights/${brief.items[0]!.insightId}?t=${Math.floor(brief.items[0]!.insight.startSeconds)}`);
      expect(landing.searchParams.get("click")).toBe(tokenOf(clickLink));
    }
    expect(await db.feedEvent.count({ where: { userId, kind: "email_click" } })).toBe(0);
    await recordBriefClickAction(tokenOf(clickLink));
    await recordBriefClickAction(tokenOf(clickLink));
    expect(await db.feedEvent.count({ where: { userId, kind: "email_click", insightId: click.insightId } })).toBe(1);
    // A token for another purpose, or a forged one, records nothing.
    await recordBriefClickAction(tokenOf(byPath("/mail/brief")[0]!));
    await recordBriefClickAction("abc.def");
    expect(await db.feedEvent.count({ where: { userId, kind: "email_click" } })).toBe(1);

    // "Less like this" from the mail: a feed event the ranking reads.
    const lessLink = byPath("/mail/feedback").find((link) => new URL(link).searchParams.get("d") === "less")!;
    const less = verifyBriefLink(tokenOf(lessLink), "less");
    await recordBriefFeedback(less.userId, { briefId: less.briefId, insightId: less.insightId, direction: "less", target: { target: "insight" } });
    expect((await loadReaderSignals(userId)).insightFeedback.get(less.insightId!)).toBe(-1);

    // The web version: its first visit marks the brief's insights as opened.
    const view = verifyBriefLink(tokenOf(byPath("/mail/brief")[0]!), "view");
    await recordBriefOpen(view.userId, view.briefId!);
    await recordBriefOpen(view.userId, view.briefId!);
    expect(await db.feedEvent.count({ where: { userId, kind: "opened" } })).toBe(5);

    // One-click unsubscribe, as a mail provider sends it (RFC 8058): a POST with that body, no cookies.
    const header = mail!.headers.get("list-unsubscribe")!.slice(1, -1);
    const response = await oneClick.POST(
      new NextRequest(header, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    );
    expect(response.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).briefEnabled).toBe(false);
    expect(await runBrief(userId, "2026-03-03", { now: new Date(now.getTime() + 86_400_000) })).toBe("skipped");
    expect(mailsTo(email)).toHaveLength(1);

    // A forged or foreign token unsubscribes nobody.
    const forged = await oneClick.POST(new NextRequest("https://podbrief.test/mail/unsubscribe/one-click?t=abc.def", { method: "POST", body: "List-Unsubscribe=One-Click" }));
    expect(forged.status).toBe(400);
  });

  it("sends one copy when the job runs twice or two workers race", async () => {
    const { userId, email } = await readerWithInsights(3);
    const now = new Date();
    const outcomes = await Promise.all([runBrief(userId, "2026-03-02", { now }), runBrief(userId, "2026-03-02", { now }), runBrief(userId, "2026-03-02", { now })]);
    expect(outcomes).toContain("sent");
    expect(await runBrief(userId, "2026-03-02", { now })).toBe("sent");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsTo(email)).toHaveLength(1);
    expect(await db.dailyBrief.count({ where: { userId } })).toBe(1);
    expect(await db.mailMessage.count({ where: { to: email, kind: "brief" } })).toBe(1);
  });

  it("retries a brief the mail server refused, and sends it once it takes it", async () => {
    const { userId, email } = await readerWithInsights(2);
    const now = new Date();
    const [sentBefore, failedBefore] = [await briefMails("mailSent"), await briefMails("mailFailed")];
    sink.failNext(1, { code: 451, message: "Try again later" });
    await expect(runBrief(userId, "2026-03-02", { now })).rejects.toBeInstanceOf(BriefNotSentError);
    expect([await briefMails("mailSent"), await briefMails("mailFailed")]).toEqual([sentBefore, failedBefore + 1]);
    const failed = await db.dailyBrief.findFirstOrThrow({ where: { userId } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/451/);
    expect(await runBrief(userId, "2026-03-02", { now })).toBe("sent");
    expect(mailsTo(email)).toHaveLength(1);
    expect([await briefMails("mailSent"), await briefMails("mailFailed")]).toEqual([sentBefore + 1, failedBefore + 1]);
    // The brief keeps the items it was composed with: a retry never chooses again.
    const sent = await db.dailyBrief.findFirstOrThrow({ where: { userId }, include: { _count: { select: { items: true } } } });
    expect(sent._count.items).toBe(2);
    expect(sent.note).toMatch(/Only 2 new insights/);
  });

  it("never resends a brief a stopped worker may have handed over, and leaves a fresh one to its worker", async () => {
    const { userId, email } = await readerWithInsights(2);
    const now = new Date();
    const { briefId } = await composeBrief(userId, "2026-03-02", { now, frequency: "daily" });
    // As a worker killed mid-send leaves it: the intent recorded, the outcome not.
    await db.dailyBrief.update({ where: { id: briefId }, data: { status: "sending", sendStartedAt: now, messageId: "<brief.x@podbrief.local>" } });
    expect(await deliverBrief(briefId, { now: new Date(now.getTime() + 60_000) })).toBe("sending");
    expect(await deliverBrief(briefId, { now: new Date(now.getTime() + 10 * 60_000) })).toBe("unconfirmed");
    expect(await deliverBrief(briefId, { now: new Date(now.getTime() + 20 * 60_000) })).toBe("unconfirmed");
    expect(mailsTo(email)).toHaveLength(0);
  });

  it("composes an empty brief, with why, and mails nothing", async () => {
    const userId = await rows.makeReader();
    const quiet = await rows.makeTopic("quiet");
    await db.topicFollow.create({ data: { userId, topicId: quiet.id } });
    const email = (await db.user.findUniqueOrThrow({ where: { id: userId } })).email!;
    expect(await runBrief(userId, "2026-03-02")).toBe("empty");
    const brief = await db.dailyBrief.findFirstOrThrow({ where: { userId } });
    expect(brief.note).toBe("No new insights on your topics in the last day.");
    expect(mailsTo(email)).toHaveLength(0);
  });

  it("answers the development 'Send a brief now' in words: with a mail server it is not offered", async () => {
    const { userId } = await readerWithInsights(1);
    const refusal = await queueBriefNow(userId, new Date()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SafeError);
    expect((refusal as Error).message).toMatch(/^Sending a brief now is only for trying Podbrief with the local outbox\./);
  });
});
