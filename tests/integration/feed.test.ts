/**
 * The personalized feed against a real database: what a reader follows decides what they see,
 * clusters show once, their signals (hide, open, more / less like this) move the ranking, pages stay
 * stable while new insights arrive, and one reader's signals never touch another's feed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeInsight, rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { loadReaderSignals, loadReaderSignalsForMany } = await import("@/lib/feed/reader-signals");
const { hideInsight, unhideInsight, recordFeedback, recordOpened, saveInsight } = await import("@/lib/feed/feed-events");
const { createReaderTopic, followTopics } = await import("@/lib/topics/reader-topics");
const { getInsightPage } = await import("@/lib/cards/insight-page");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { SafeError } = await import("@/lib/errors");

afterAll(async () => {
  await closeQueue();
});

const { run, makeShow, makeInsight, makeReader, ...rows } = rowFactory();
const makeTopic = async (name: string) => (await rows.makeTopic(name)).id;
type Made = MadeInsight;

let topicA: string;
let topicB: string;
let topicC: string;
let showX: string;
let showY: string;

const ids = (page: Awaited<ReturnType<typeof rankFeedForUser>>) => page.items.map((item) => item.insight.id);

const made: Record<string, Made> = {};

beforeAll(async () => {
  [topicA, topicB, topicC] = await Promise.all([makeTopic("alpha"), makeTopic("beta"), makeTopic("gamma")]);
  [showX, showY] = await Promise.all([makeShow(`X ${run}`), makeShow(`Y ${run}`)]);
  made.a1 = await makeInsight(showX, { topics: [topicA], ageDays: 1, quality: 0.9 });
  made.a2 = await makeInsight(showX, { topics: [topicA], ageDays: 3 });
  made.b1 = await makeInsight(showY, { topics: [topicB], ageDays: 1 });
  made.c1 = await makeInsight(showY, { topics: [topicC], ageDays: 0.5 });
  const cluster = await db.cluster.create({ data: { label: "same point", size: 2 } });
  made.twinX = await makeInsight(showX, { topics: [topicA], ageDays: 2, quality: 0.8, clusterId: cluster.id });
  made.twinY = await makeInsight(showY, { topics: [topicA], ageDays: 2, quality: 0.6, clusterId: cluster.id });
});

describe("the personalized feed", () => {
  it("shows the insights of followed topics and shows, each with why", async () => {
    const reader = await makeReader();
    await followTopics(reader, [topicA]);
    const page = await rankFeedForUser(reader);
    expect(page.personalized).toBe(true);
    const shown = ids(page);
    expect(shown).toContain(made.a1!.id);
    expect(shown).not.toContain(made.b1!.id);
    expect(shown).not.toContain(made.c1!.id);
    expect(page.items.find((item) => item.insight.id === made.a1!.id)!.reason).toContain(`You follow alpha ${run}`);

    await db.podcastSubscription.create({ data: { userId: reader, podcastId: showY } });
    const withShow = await rankFeedForUser(reader);
    expect(ids(withShow)).toContain(made.c1!.id);
    expect(withShow.items.find((item) => item.insight.id === made.c1!.id)!.reason).toBe("From a show you follow");
  });

  it("shows a cluster once, as its best member, with the other shows that made the point", async () => {
    const reader = await makeReader();
    await followTopics(reader, [topicA]);
    const page = await rankFeedForUser(reader);
    const shown = ids(page);
    expect(shown).toContain(made.twinX!.id);
    expect(shown).not.toContain(made.twinY!.id);
    const item = page.items.find((entry) => entry.insight.id === made.twinX!.id)!;
    expect(item.others.map((other) => other.id)).toEqual([made.twinY!.id]);
    expect(item.otherShows).toBe(1);
    expect(item.reason).toContain("2 shows discussed this");
    // Both shows aired it two days ago: a growing story, "2 shows this week".
    expect(item.showsThisWeek).toBe(2);
  });

  it("drops hidden insights and sinks opened ones, for this reader only", async () => {
    const reader = await makeReader();
    const other = await makeReader();
    await followTopics(reader, [topicA]);
    await followTopics(other, [topicA]);
    const before = ids(await rankFeedForUser(reader));
    // The story two shows told this week is growing: it leads, then the best of the rest.
    expect(before.slice(0, 2)).toEqual([made.twinX!.id, made.a1!.id]);

    await hideInsight(reader, made.a2!.id);
    await recordOpened(reader, made.twinX!.id);
    const after = ids(await rankFeedForUser(reader));
    expect(after).not.toContain(made.a2!.id);
    // The opened lead sinks: its story is now told by the other show's take, which the reader has not seen, below a1.
    expect(after.slice(0, 2)).toEqual([made.a1!.id, made.twinY!.id]);
    // Another reader's feed is untouched.
    expect(ids(await rankFeedForUser(other))).toEqual(before);

    await unhideInsight(reader, made.a2!.id);
    expect(ids(await rankFeedForUser(reader))).toContain(made.a2!.id);
  });

  it("moves a topic down after 'less like this' and up after 'more like this'", async () => {
    const reader = await makeReader();
    await followTopics(reader, [topicA, topicB]);
    const position = async (id: string) => ids(await rankFeedForUser(reader)).indexOf(id);
    const start = await position(made.b1!.id);
    await recordFeedback(reader, { insightId: made.b1!.id, target: "topic", topicId: topicB, direction: "less" });
    await recordFeedback(reader, { insightId: made.b1!.id, target: "topic", topicId: topicB, direction: "less" });
    const lower = await position(made.b1!.id);
    expect(lower).toBeGreaterThan(start);
    for (let i = 0; i < 4; i++) await recordFeedback(reader, { insightId: made.b1!.id, target: "topic", topicId: topicB, direction: "more" });
    expect(await position(made.b1!.id)).toBeLessThan(lower);
  });

  it("refuses signals about insights that do not exist or topics the insight does not have", async () => {
    const reader = await makeReader();
    await expect(saveInsight(reader, "no-such-insight")).rejects.toBeInstanceOf(SafeError);
    await expect(hideInsight(reader, "no-such-insight")).rejects.toBeInstanceOf(SafeError);
    await expect(recordFeedback(reader, { insightId: made.a1!.id, target: "topic", topicId: topicC, direction: "less" })).rejects.toBeInstanceOf(SafeError);
  });

  it("pages by cursor without repeats, and keeps the pages still while new insights arrive", async () => {
    const reader = await makeReader();
    await followTopics(reader, [topicA, topicB, topicC]);
    const all = ids(await rankFeedForUser(reader, { take: 100 }));
    const first = await rankFeedForUser(reader, { take: 2 });
    expect(first.nextCursor).not.toBeNull();
    const newcomer = await makeInsight(showX, { topics: [topicA], ageDays: 0, quality: 1 });
    const seen = [...ids(first)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await rankFeedForUser(reader, { take: 2, cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(seen).not.toContain(newcomer.id);
    // A fresh visit shows it first.
    expect(ids(await rankFeedForUser(reader))[0]).toBe(newcomer.id);
  });

  it("shows a reader who follows nothing everything new", async () => {
    const reader = await makeReader();
    const page = await rankFeedForUser(reader, { take: 500 });
    expect(page.personalized).toBe(false);
    expect(ids(page)).toEqual(expect.arrayContaining([made.a1!.id, made.b1!.id, made.c1!.id]));
  });
});

describe("a reader's signals", () => {
  it("reads many readers at once, each exactly as alone, and an empty entry for a reader with none", async () => {
    const [busy, quiet] = [await makeReader(), await makeReader()];
    await followTopics(busy, [topicA, topicB]);
    await db.podcastSubscription.create({ data: { userId: busy, podcastId: showY } });
    await saveInsight(busy, made.a1!.id);
    await hideInsight(busy, made.a2!.id);
    await recordOpened(busy, made.b1!.id);
    await recordFeedback(busy, { insightId: made.c1!.id, target: "topic", topicId: topicC, direction: "less" });
    await recordFeedback(busy, { insightId: made.c1!.id, target: "podcast", direction: "more" });

    const many = await loadReaderSignalsForMany([busy, quiet]);
    expect(many.get(busy)).toEqual(await loadReaderSignals(busy));
    expect(many.get(quiet)).toEqual(await loadReaderSignals(quiet));
    const signals = many.get(busy)!;
    expect([...signals.topicIds].sort()).toEqual([topicA, topicB].sort());
    expect(signals.topicNames.get(topicA)).toBe(`alpha ${run}`);
    expect(signals.podcastIds).toEqual([showY]);
    expect([...signals.saved]).toEqual([made.a1!.id]);
    expect([...signals.hidden]).toEqual([made.a2!.id]);
    expect([...signals.seen].sort()).toEqual([made.a1!.id, made.b1!.id].sort());
    expect(Object.fromEntries(signals.topicFeedback)).toEqual({ [topicC]: -1 });
    expect(Object.fromEntries(signals.podcastFeedback)).toEqual({ [showY]: 1 });
    expect(many.get(quiet)!.topicIds).toEqual([]);
    expect(many.get(quiet)!.seen.size).toBe(0);
  });
});

describe("a topic in the reader's own words", () => {
  it("catches the recent insights it is about at once, and no others", { timeout: 120_000 }, async () => {
    const texts = [
      { headline: `Open-weight language models cut inference costs ${run}`, body: "Open-source LLM economics favour self-hosting: open-weight language models cost less per token once traffic is steady." },
      { headline: `Sourdough needs a slow overnight rise ${run}`, body: "Bakers get better sourdough bread with a long cold fermentation of the dough overnight in the fridge." },
    ];
    const vectors = await offlineEmbedder.embed(texts.map((text) => `${text.headline}. ${text.body}`));
    const created = [];
    for (const [i, text] of texts.entries()) {
      const insight = await makeInsight(showX, { topics: [], ageDays: 0.1, headline: text.headline });
      await db.insight.update({ where: { id: insight.id }, data: { body: text.body, embedding: Array.from(vectors[i]!), embeddingModel: offlineEmbedder.id } });
      created.push(insight);
    }
    const reader = await makeReader();
    const topic = await createReaderTopic(reader, "  open-source LLM economics ", offlineEmbedder);
    expect(topic.caught).toBeGreaterThanOrEqual(1);
    const links = await db.insightTopic.findMany({ where: { topicId: topic.topicId }, select: { insightId: true } });
    expect(links.map((link) => link.insightId)).toContain(created[0]!.id);
    expect(links.map((link) => link.insightId)).not.toContain(created[1]!.id);
    // Followed at once, and the feed shows what it caught: somewhere in it, as other test files' insights share the database.
    const everything: string[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await rankFeedForUser(reader, { cursor });
      everything.push(...ids(page));
      cursor = page.nextCursor;
    }
    expect(everything).toContain(created[0]!.id);
    // The same phrase again is the same topic.
    expect((await createReaderTopic(reader, "open-source LLM economics", offlineEmbedder)).topicId).toBe(topic.topicId);
  });

  it("refuses a phrase too short to mean anything", async () => {
    const reader = await makeReader();
    await expect(createReaderTopic(reader, " a ", offlineEmbedder)).rejects.toThrow(/few words/);
  });
});

describe("the insight page", () => {
  it("lists stored related insights, other episodes first, and whether this reader saved it", async () => {
    const reader = await makeReader();
    await db.insightRelation.createMany({
      data: [
        { insightId: made.a1!.id, relatedInsightId: made.b1!.id, score: 0.6 },
        { insightId: made.a1!.id, relatedInsightId: made.c1!.id, score: 0.7 },
      ],
    });
    await saveInsight(reader, made.a1!.id);
    const page = await getInsightPage(made.a1!.id, reader);
    expect(page!.related.map((card) => card.id)).toEqual([made.c1!.id, made.b1!.id]);
    expect(page!.saved).toBe(true);
    expect(page!.audio?.url).toMatch(/\.mp3$/);
    expect((await getInsightPage(made.a1!.id, null))!.saved).toBe(false);
    expect(await getInsightPage("../../etc/passwd", null)).toBeNull();
  });
});
