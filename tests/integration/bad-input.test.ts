/**
 * Input a reader (or an attacker) can send that the database must never see as is, against a real
 * database: an impossible brief date, NUL in a topic phrase or a saved-list search, and "more / less
 * like this" about another reader's private topic, which must be refused with the same words whether
 * or not that topic exists or is linked to the insight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { loadBrief } = await import("@/lib/brief/load-brief");
const { createReaderTopic } = await import("@/lib/topics/reader-topics");
const { listSaved } = await import("@/lib/saved/saved-insights");
const { recordFeedback, saveInsight } = await import("@/lib/feed/feed-events");
const { SafeError } = await import("@/lib/errors");
const { followPodcast } = await import("@/lib/podcasts/add-podcast");

afterAll(async () => {
  await closeQueue();
});

const rows = rowFactory();
let showId: string;

/** Never reached by a phrase that is refused; a zero vector for one that is accepted. */
const zeroEmbedder = { id: "test-zero", dimensions: 512, embed: async (texts: string[]) => texts.map(() => new Float32Array(512)) };

beforeAll(async () => {
  showId = await rows.makeShow(`bad-input ${rows.run}`);
});

/** The error a promise rejects with, for checking its kind and its words. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

describe("a brief date that is not on the calendar", () => {
  it("finds no brief rather than sending an invalid date to the database", async () => {
    const reader = await rows.makeReader();
    await db.dailyBrief.create({ data: { userId: reader, briefDate: new Date("2026-03-02T00:00:00Z"), scheduledFor: new Date("2026-03-02T07:00:00Z"), status: "empty" } });
    expect(await loadBrief(reader, { briefDate: "2026-03-02" })).toMatchObject({ briefDate: "2026-03-02" });
    for (const date of ["2026-13-45", "2026-02-30", "2026-00-10", "0000-00-00"]) {
      expect(await loadBrief(reader, { briefDate: date })).toBeNull();
    }
  });
});

describe("NUL and other control characters", () => {
  it("refuses a topic phrase with NUL in words, and stores nothing", async () => {
    const reader = await rows.makeReader();
    const error = await rejection(createReaderTopic(reader, `heat pumps\u0000 ${rows.run}`, zeroEmbedder));
    expect(error).toBeInstanceOf(SafeError);
    expect(error.message).toMatch(/^Write the topic in words/);
    expect(await db.topic.count({ where: { createdById: reader } })).toBe(0);
    // The same phrase without it is a topic.
    await expect(createReaderTopic(reader, `heat pumps ${rows.run}`, zeroEmbedder)).resolves.toMatchObject({ caught: 0 });
  });

  it("searches saved insights with NUL in the words as if it were a space", async () => {
    const reader = await rows.makeReader();
    const made = await rows.makeInsight(showId, { topics: [], ageDays: 1, headline: `Kettle ${rows.run} boils` });
    await saveInsight(reader, made.id);
    const page = await listSaved(reader, { q: `kettle\u0000${rows.run}` });
    expect(page.items.map((item) => item.insight.id)).toEqual([made.id]);
  });
});

describe("feedback about another reader's private topic", () => {
  it("is refused with the same words whether that topic is linked to the insight, unlinked, or does not exist", async () => {
    const owner = await rows.makeReader();
    const stranger = await rows.makeReader();
    const curated = await rows.makeTopic("curated-feedback");
    const linked = await rows.makeTopic("private-linked", owner);
    const unlinked = await rows.makeTopic("private-unlinked", owner);
    const insight = await rows.makeInsight(showId, { topics: [curated.id, linked.id], ageDays: 1 });

    const answers = [];
    for (const topicId of [linked.id, unlinked.id, `no-such-topic-${rows.run}`]) {
      const error = await rejection(recordFeedback(stranger, { insightId: insight.id, target: "topic", topicId, direction: "less" }));
      expect(error).toBeInstanceOf(SafeError);
      answers.push([error.message, (error as InstanceType<typeof SafeError>).code]);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(await db.feedEvent.count({ where: { userId: stranger } })).toBe(0);

    // The owner may, and anyone may about a curated topic of the insight.
    await recordFeedback(owner, { insightId: insight.id, target: "topic", topicId: linked.id, direction: "more" });
    await recordFeedback(stranger, { insightId: insight.id, target: "topic", topicId: curated.id, direction: "more" });
    expect(await db.feedEvent.count({ where: { userId: owner, topicId: linked.id } })).toBe(1);
    expect(await db.feedEvent.count({ where: { userId: stranger, topicId: curated.id } })).toBe(1);
  });
});

describe("following a show by a forged id", () => {
  it("writes nothing and says so, instead of failing on the database's foreign key", async () => {
    const reader = await rows.makeReader();
    expect(await followPodcast(reader, `no-such-show-${rows.run}`)).toBe(false);
    expect(await followPodcast(reader, showId)).toBe(true);
    expect((await db.podcastSubscription.findMany({ where: { userId: reader } })).map((row) => row.podcastId)).toEqual([showId]);
  });
});
