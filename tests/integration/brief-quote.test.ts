/**
 * What a brief's email shows of each insight, read from the database as the worker sends it: the
 * body, then the verbatim quote "as said, at 12:34", once when the body is the quote's words, and
 * no time at all for a transcript that had none.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

process.env.APP_URL = "https://podbrief.test";
process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters-long";

const { db } = await import("@/lib/db");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { buildBriefMail } = await import("@/lib/brief/brief-mail");

const run = randomUUID().slice(0, 8);

async function makeInsight(episodeId: string, fields: { headline: string; body: string; quote: string; startSeconds: number; endSeconds: number }) {
  const insight = await db.insight.create({
    data: { episodeId, ...fields, qualityScore: 0.8, model: "test", promptVersion: "test", publishedAt: new Date() },
    select: { id: true },
  });
  return insight.id;
}

describe("the brief email's quotes", () => {
  it("shows the body, then the quote as said and when; once when they are the same words; no time when untimed", async () => {
    const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/feed.xml`, title: `Grid Talk ${run}` } });
    const episode = (title: string) => db.episode.create({ data: { podcastId: podcast.id, guid: `${run}-${title}`, title, publishedAt: new Date() } });
    const [plain, timed] = await Promise.all([episode("From a text transcript"), episode("From captions")]);
    const untimed = await makeInsight(plain.id, {
      headline: "Batteries now set evening power prices in Texas",
      body: "Ana Ruiz says grid batteries, not gas plants, now set evening power prices in Texas.",
      quote: "What sets the price at seven in the evening in Texas now? It's batteries, not gas.",
      startSeconds: 0,
      endSeconds: 0,
    });
    const same = await makeInsight(timed.id, {
      headline: "Cheap storage changes which plants get built",
      body: "Cheap storage changes which power plants get built, and it changes it fast.",
      quote: "Um, cheap storage changes which, which power plants get built, and, you know, it changes it fast.",
      startSeconds: 754.4,
      endSeconds: 770,
    });
    const userId = (await db.user.create({ data: { email: `brief-quote-${run}@example.com` }, select: { id: true } })).id;
    const brief = await db.dailyBrief.create({
      data: {
        userId,
        briefDate: new Date("2026-03-02T00:00:00Z"),
        scheduledFor: new Date(),
        items: { create: [untimed, same].map((insightId, position) => ({ insightId, position, reason: "You follow Energy" })) },
      },
      select: { id: true },
    });

    const view = (await loadBrief(userId, { briefId: brief.id }))!;
    const mail = await buildBriefMail(view, { email: `brief-quote-${run}@example.com`, name: null }, new Date());
    for (const part of [(mail.html ?? "").replaceAll("&#x27;", "'"), mail.text]) {
      // From the first item's own headline: the subject and the preheader name headlines too.
      const items = part.slice(part.lastIndexOf("Batteries now set"));
      const first = items.slice(0, items.indexOf("Cheap storage changes which plants"));
      expect(first).toContain("Ana Ruiz says grid batteries, not gas plants");
      expect(first).toContain("“What sets the price at seven in the evening in Texas now? It's batteries, not gas.”");
      expect(first).toContain("as said");
      expect(first).not.toMatch(/\d:\d\d/);

      const second = items.slice(items.indexOf("Cheap storage changes which plants"));
      expect(second.match(/power plants get built/g)).toHaveLength(1);
      expect(second).not.toContain("which, which");
      expect(second).toContain("as said, at 12:34");
    }
  });
});
