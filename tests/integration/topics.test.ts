/**
 * Topics against a real database: the directory a reader browses (curated topics and their own, with
 * follower and insight counts), following and unfollowing, a topic's own ranked feed, and a topic
 * written in the reader's own words catching the recent insights it is about. Another reader's own
 * topic stays theirs. Curated topics are matched with their hierarchy, read by id from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InsightOptions, rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { listTopics, getTopicBySlug } = await import("@/lib/topics/topic-directory");
const { createReaderTopic, followTopics, unfollowTopic } = await import("@/lib/topics/reader-topics");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { offlineEmbedder } = await import("@/lib/insights/embeddings");
const { seedCuratedTopics, topicsForMatching } = await import("@/lib/topics/topic-store");
const { assignTopics } = await import("@/lib/insights/topics/assign-topics");

afterAll(async () => {
  await closeQueue();
});

const rows = rowFactory();
const { run, makeTopic, makeReader } = rows;
let showId: string;
const makeInsight = (topics: string[], options: Omit<InsightOptions, "topics">) => rows.makeInsight(showId, { topics, ...options });

let alpha: Awaited<ReturnType<typeof makeTopic>>;
let beta: Awaited<ReturnType<typeof makeTopic>>;

beforeAll(async () => {
  showId = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/topics`, title: `Topics show ${run}` } })).id;
  [alpha, beta] = await Promise.all([makeTopic("alpha"), makeTopic("beta")]);
  // alpha: three insights, two of them in the last 30 days; beta: none.
  await makeInsight([alpha.id], { ageDays: 1 });
  await makeInsight([alpha.id], { ageDays: 10 });
  await makeInsight([alpha.id], { ageDays: 45 });
});

describe("the topic directory", () => {
  it("lists each topic with its followers, its insights (all and recent), and whether this reader follows it, followed first", async () => {
    const reader = await makeReader();
    const others = await Promise.all([makeReader(), makeReader()]);
    for (const other of others) await followTopics(other, [alpha.id]);
    await followTopics(reader, [beta.id]);

    const topics = await listTopics(reader);
    const byId = new Map(topics.map((topic) => [topic.id, topic]));
    expect(byId.get(alpha.id)).toMatchObject({ name: alpha.name, followers: 2, insights: 3, recentInsights: 2, following: false });
    expect(byId.get(beta.id)).toMatchObject({ name: beta.name, followers: 1, insights: 0, recentInsights: 0, following: true });
    // Everything followed comes before everything not followed.
    const following = topics.map((topic) => topic.following);
    expect(following.indexOf(false)).toBeGreaterThan(following.lastIndexOf(true));
    expect(topics.findIndex((topic) => topic.id === beta.id)).toBeLessThan(topics.findIndex((topic) => topic.id === alpha.id));
  });

  it("reads a topic by its slug with the same figures, and nothing for a slug that does not exist", async () => {
    const reader = await makeReader();
    await followTopics(reader, [alpha.id]);
    expect(await getTopicBySlug(alpha.slug, reader)).toMatchObject({ id: alpha.id, insights: 3, recentInsights: 2, following: true });
    expect(await getTopicBySlug(`${run}-no-such-topic`, reader)).toBeNull();
    expect(await getTopicBySlug("", reader)).toBeNull();
  });

  it("shows a reader's own topic to them only: never listed, readable or followable for another reader", async () => {
    const owner = await makeReader();
    const stranger = await makeReader();
    const own = await makeTopic("private", owner);

    expect((await listTopics(owner)).map((topic) => topic.id)).toContain(own.id);
    expect(await getTopicBySlug(own.slug, owner)).toMatchObject({ id: own.id, kind: "custom" });

    expect((await listTopics(stranger)).map((topic) => topic.id)).not.toContain(own.id);
    expect(await getTopicBySlug(own.slug, stranger)).toBeNull();
    expect(await getTopicBySlug(own.slug, null)).toBeNull();
    expect(await followTopics(stranger, [own.id])).toBe(0);
    expect(await db.topicFollow.count({ where: { userId: stranger } })).toBe(0);
  });

  it("follows and unfollows, and the counts follow along", async () => {
    const reader = await makeReader();
    const before = (await getTopicBySlug(beta.slug, reader))!;
    expect(before.following).toBe(false);

    expect(await followTopics(reader, [beta.id])).toBe(1);
    // Following twice is harmless.
    expect(await followTopics(reader, [beta.id])).toBe(0);
    const followed = (await getTopicBySlug(beta.slug, reader))!;
    expect(followed.following).toBe(true);
    expect(followed.followers).toBe(before.followers + 1);

    await unfollowTopic(reader, beta.id);
    const unfollowed = (await getTopicBySlug(beta.slug, reader))!;
    expect(unfollowed.following).toBe(false);
    expect(unfollowed.followers).toBe(before.followers);
  });
});

describe("a topic's feed", () => {
  it("ranks that topic's insights for a reader who does not follow it, and nothing else", async () => {
    const topic = await makeTopic("ranked");
    const elsewhere = await makeTopic("elsewhere");
    const older = await makeInsight([topic.id], { ageDays: 3 });
    const newer = await makeInsight([topic.id], { ageDays: 0.2, quality: 0.9 });
    const unrelated = await makeInsight([elsewhere.id], { ageDays: 0.1 });
    const reader = await makeReader();
    await followTopics(reader, [elsewhere.id]);

    const page = await rankFeedForUser(reader, { topicId: topic.id });
    expect(page.items.map((item) => item.insight.id)).toEqual([newer.id, older.id]);
    expect(page.items.map((item) => item.insight.id)).not.toContain(unrelated.id);

    const paged = await rankFeedForUser(reader, { topicId: topic.id, take: 1 });
    expect(paged.items.map((item) => item.insight.id)).toEqual([newer.id]);
    const next = await rankFeedForUser(reader, { topicId: topic.id, take: 1, cursor: paged.nextCursor });
    expect(next.items.map((item) => item.insight.id)).toEqual([older.id]);
  });
});

describe("a topic in the reader's own words", () => {
  it("is created from a phrase, followed, listed for its reader, and catches the recent insights it is about", { timeout: 120_000 }, async () => {
    const texts = [
      { headline: `Heat pumps replace gas boilers in cold climates ${run}`, body: "Air-source heat pumps now heat homes through cold winters, and households are replacing gas boilers with them." },
      { headline: `A striker's late winner decides the cup final ${run}`, body: "The football cup final was decided by a striker's goal in the last minute of extra time." },
    ];
    const vectors = await offlineEmbedder.embed(texts.map((text) => `${text.headline}. ${text.body}`));
    const made = [];
    for (const [i, text] of texts.entries()) {
      const insight = await makeInsight([], { ageDays: 0.1, headline: text.headline });
      await db.insight.update({ where: { id: insight.id }, data: { body: text.body, embedding: Array.from(vectors[i]!), embeddingModel: offlineEmbedder.id } });
      made.push(insight);
    }

    const reader = await makeReader();
    const created = await createReaderTopic(reader, "heat pumps replacing gas boilers", offlineEmbedder);
    expect(created.caught).toBeGreaterThanOrEqual(1);

    const topic = await getTopicBySlug(created.slug, reader);
    expect(topic).toMatchObject({ id: created.topicId, kind: "custom", name: "heat pumps replacing gas boilers", following: true, followers: 1, insights: created.caught });
    expect((await listTopics(reader)).find((entry) => entry.id === created.topicId)?.following).toBe(true);

    const feed = await rankFeedForUser(reader, { topicId: created.topicId });
    const shown = feed.items.map((item) => item.insight.id);
    expect(shown).toContain(made[0]!.id);
    expect(shown).not.toContain(made[1]!.id);

    // Nobody else sees it.
    const stranger = await makeReader();
    expect(await getTopicBySlug(created.slug, stranger)).toBeNull();
  });

  it("catches an insight on its key phrase even without every word: \"semiconductor export controls and China\"", { timeout: 120_000 }, async () => {
    const texts = [
      { headline: `Export controls push Nvidia to a cut-down chip ${run}`, body: "The US tightened export controls on advanced AI chips, so Nvidia now sells a cut-down H20 to customers there.", labels: ["export controls", "Nvidia"] },
      { headline: `China's mining ban barely moves the hash rate ${run}`, body: "China announces a ban on Bitcoin mining almost every year, yet about 60% of the hash rate still runs in Chinese mining farms.", labels: ["China mining ban", "hash rate"] },
    ];
    const vectors = await offlineEmbedder.embed(texts.map((text) => `${text.headline}. ${text.body}`));
    const made = [];
    for (const [i, text] of texts.entries()) {
      const insight = await makeInsight([], { ageDays: 0.1, headline: text.headline });
      await db.insight.update({ where: { id: insight.id }, data: { body: text.body, topicLabels: text.labels, embedding: Array.from(vectors[i]!), embeddingModel: offlineEmbedder.id } });
      made.push(insight);
    }

    const created = await createReaderTopic(await makeReader(), "semiconductor export controls and China", offlineEmbedder);
    const filed = (await db.insightTopic.findMany({ where: { topicId: created.topicId }, select: { insightId: true } })).map((row) => row.insightId);
    expect(filed).toContain(made[0]!.id);
    expect(filed).not.toContain(made[1]!.id);
  });
});

describe("curated topics as the pipeline matches them", () => {
  it("carry their broader topic by id, so an insight about AI in general gets the umbrella, not a narrower AI topic", { timeout: 120_000 }, async () => {
    await seedCuratedTopics();
    const reader = await makeReader();
    const own = await createReaderTopic(reader, `chat interfaces ${run}`, offlineEmbedder);
    const topics = await topicsForMatching(offlineEmbedder);
    const curated = new Map((await db.topic.findMany({ where: { kind: "curated" }, select: { id: true, slug: true } })).map((topic) => [topic.slug, topic.id]));
    const byId = new Map(topics.map((topic) => [topic.id, topic]));
    expect(byId.get(curated.get("ai-business")!)?.parentId).toBe(curated.get("artificial-intelligence"));
    expect(byId.get(curated.get("mental-health")!)?.parentId).toBe(curated.get("health-medicine"));
    expect(byId.get(curated.get("artificial-intelligence")!)?.parentId).toBe(curated.get("technology"));
    expect(byId.get(curated.get("technology")!)?.parentId).toBeUndefined();
    expect(byId.get(own.topicId)?.parentId).toBeUndefined();

    const text =
      "Not every interaction should be a chat interface: a business analyst wants a table with a sum, not a model confidently saying two million. Often a button that runs one focused prompt is the better user interface.";
    const [embedding] = await offlineEmbedder.embed([text]);
    const described = new Set(curated.values());
    const assigned = assignTopics({ embedding: embedding!, topicLabels: ["chatbots", "user interface design", "LLM products"], text }, topics)
      .map((assignment) => assignment.topicId)
      .filter((id) => described.has(id));
    expect(assigned).toEqual([curated.get("artificial-intelligence")]);
  });
});
