/**
 * The scheduler chooses briefs on worker threads (lib/brief/brief-threads.ts): each thread loads the
 * sources itself and reads through its own database client. Its briefs must be exactly those the
 * main thread chooses, for readers who differ in every way the brief reads.
 */
import { afterAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { chooseBriefsForMany } = await import("@/lib/brief/choose-brief");
const { BriefThreads } = await import("@/lib/brief/brief-threads");
const { hideInsight, recordFeedback, recordOpened } = await import("@/lib/feed/feed-events");

const threads = new BriefThreads(2);
afterAll(async () => {
  await threads.close();
});

const HOUR = 3_600_000;
// An hour ahead, so the insights made now (extracted at the database's clock) are in the window.
const NOW = new Date(Date.now() + HOUR);
const rows = rowFactory(undefined, NOW.getTime());

/** A fixed sequence of numbers in [0, 1): the same readers on every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

describe("briefs chosen on worker threads", () => {
  it("are exactly the briefs the main thread chooses", async () => {
    const random = seeded(17);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const topics = await Promise.all(["a", "b", "c", "d"].map((name) => rows.makeTopic(`threads-${name}-${rows.run}`)));
    const shows = await Promise.all(["s", "t", "u"].map((name) => rows.makeShow(`threads-${name}-${rows.run}`)));
    const clusters = await Promise.all([1, 2, 3].map(async () => (await db.cluster.create({ data: { label: `story ${rows.run}`, size: 2 } })).id));
    const insights: string[] = [];
    const topicsOf = new Map<string, string[]>();
    for (let i = 0; i < 40; i++) {
      const own = [pick(topics).id, ...(random() < 0.3 ? [pick(topics).id] : [])];
      const made = await rows.makeInsight(pick(shows), {
        topics: [...new Set(own)],
        ageDays: random() * 1.5,
        // Equal qualities and ages make ties, which go to the smaller id on both paths.
        quality: Math.round(random() * 4) / 4,
        clusterId: random() < 0.3 ? pick(clusters) : null,
        score: 0.5 + Math.round(random() * 4) / 8,
      });
      insights.push(made.id);
      topicsOf.set(made.id, [...new Set(own)]);
    }

    // A narrow topic: its readers' briefs are short, with a note.
    const narrow = await rows.makeTopic(`threads-narrow-${rows.run}`);
    for (let i = 0; i < 3; i++) insights.push((await rows.makeInsight(shows[i]!, { topics: [narrow.id], ageDays: 0.1 * i })).id);

    const readers: string[] = [];
    for (let i = 0; i < 16; i++) {
      const reader = await rows.makeReader();
      readers.push(reader);
      // Every fifth reader follows nothing and sees everything new.
      if (i % 5 === 4) continue;
      const follows = i % 5 === 3 ? [narrow.id] : [...new Set([pick(topics).id, pick(topics).id])];
      await db.topicFollow.createMany({ data: follows.map((topicId) => ({ userId: reader, topicId })) });
      if (random() < 0.4) await db.podcastSubscription.create({ data: { userId: reader, podcastId: pick(shows) } });
      if (random() < 0.5) {
        // Often on a topic the reader does not follow: that feedback counts through the insight's other links.
        const insightId = pick(insights);
        await recordFeedback(reader, { insightId, target: "topic", topicId: pick(topicsOf.get(insightId)!), direction: random() < 0.5 ? "more" : "less" });
      }
      if (random() < 0.4) await recordFeedback(reader, { insightId: pick(insights), target: "podcast", direction: "less" });
      if (random() < 0.4) await recordFeedback(reader, { insightId: pick(insights), target: "insight", direction: "more" });
      if (random() < 0.4) await hideInsight(reader, pick(insights));
      if (random() < 0.4) await recordOpened(reader, pick(insights));
      if (random() < 0.3) {
        const scheduledFor = new Date(NOW.getTime() - 10 * HOUR);
        await db.dailyBrief.create({
          data: {
            userId: reader,
            briefDate: new Date(Date.UTC(2020, 0, 1 + i)),
            status: "sent",
            scheduledFor,
            sentAt: scheduledFor,
            items: { create: [pick(insights)].map((insightId, position) => ({ insightId, position, reason: "test" })) },
          },
        });
      }
    }

    const requests = readers.map((userId, i) => ({ userId, since: new Date(NOW.getTime() - (i % 3 === 0 ? 24 : 36) * HOUR), sincePreviousBrief: i % 7 !== 6 }));
    const here = await chooseBriefsForMany(requests, NOW);
    // Two batches at once, so both threads choose.
    const [first, second] = await Promise.all([threads.choose(requests.slice(0, 8), NOW), threads.choose(requests.slice(8), NOW)]);
    const onThreads = new Map([...first!, ...second!]);

    expect(onThreads).toEqual(here);
    // Readers with full briefs, short ones and notes: the comparison covers more than empty briefs.
    const sizes = [...here.values()].map((choice) => choice.items.length);
    expect(Math.max(...sizes)).toBe(5);
    expect([...here.values()].filter((choice) => choice.items.length < 5 && choice.note !== null).length).toBeGreaterThan(0);
  });
});
