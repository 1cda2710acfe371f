/**
 * One reader can never see or change another's saved insights, feed events, topics or settings,
 * whatever ids they send: every service a page or action calls takes the signed-in reader's id and
 * scopes by it. Reader B here holds every id of reader A's things and tries them all.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { hideInsight, recordFeedback, saveInsight, unhideInsight, unsaveInsight } = await import("@/lib/feed/feed-events");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { exportSaved, listSaved } = await import("@/lib/saved/saved-insights");
const { followTopics, unfollowTopic } = await import("@/lib/topics/reader-topics");
const { getTopicBySlug, listTopics } = await import("@/lib/topics/topic-directory");
const { getBriefSettings, updateBriefSettings } = await import("@/lib/readers/reader-settings");
const { getInsightPage } = await import("@/lib/insights/insight-page");

afterAll(async () => {
  await closeQueue();
});

const run = randomUUID().slice(0, 8);
let readerA: string;
let readerB: string;
let insightId: string;
let sharedTopic: string;
let ownTopic: { id: string; slug: string };

beforeAll(async () => {
  [readerA, readerB] = await Promise.all(
    ["a", "b"].map(async (name) => (await db.user.create({ data: { email: `${name}-${run}@example.com`, onboardedAt: new Date(), briefHour: 7, timeZone: "UTC" } })).id),
  ) as [string, string];
  sharedTopic = (await db.topic.create({ data: { slug: `shared-${run}`, name: `Shared ${run}`, description: "shared", kind: "curated" } })).id;
  ownTopic = await db.topic.create({ data: { slug: `own-${run}`, name: `own ${run}`, description: `own ${run}`, kind: "custom", createdById: readerA }, select: { id: true, slug: true } });
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}`, title: `Show ${run}` } });
  const publishedAt = new Date();
  const episode = await db.episode.create({ data: { podcastId: podcast.id, guid: run, title: "Episode", publishedAt } });
  insightId = (
    await db.insight.create({
      data: {
        episodeId: episode.id,
        headline: `Headline ${run}`,
        body: "Body.",
        quote: "Quote.",
        startSeconds: 1,
        endSeconds: 2,
        qualityScore: 0.5,
        model: "test",
        promptVersion: "test",
        publishedAt,
        topics: { create: [{ topicId: sharedTopic, score: 1, publishedAt }, { topicId: ownTopic.id, score: 1, publishedAt }] },
      },
    })
  ).id;
  await saveInsight(readerA, insightId);
  await hideInsight(readerA, insightId);
  await followTopics(readerA, [sharedTopic, ownTopic.id]);
});

describe("another reader's things", () => {
  it("saved insights: B sees none of A's and cannot unsave them", async () => {
    expect((await listSaved(readerB)).items).toHaveLength(0);
    expect(await exportSaved(readerB)).toHaveLength(0);
    await unsaveInsight(readerB, insightId);
    expect((await listSaved(readerA)).items.map((item) => item.insight.id)).toEqual([insightId]);
    expect((await getInsightPage(insightId, readerB))!.saved).toBe(false);
    expect((await getInsightPage(insightId, readerA))!.saved).toBe(true);
  });

  it("feed events: B cannot unhide A's hidden insight, and B's signals stay B's", async () => {
    await unhideInsight(readerB, insightId);
    await recordFeedback(readerB, { insightId, target: "insight", direction: "more" });
    const feedA = await rankFeedForUser(readerA);
    expect(feedA.items.map((item) => item.insight.id)).not.toContain(insightId);
    expect(await db.feedEvent.count({ where: { userId: readerA, insightId, kind: "hidden" } })).toBe(1);
    expect(await db.feedEvent.count({ where: { userId: readerA, kind: "more_like_this" } })).toBe(0);
  });

  it("topics: B cannot see, follow or unfollow A's own topic, nor unfollow A's follows", async () => {
    expect((await listTopics(readerB)).map((topic) => topic.id)).not.toContain(ownTopic.id);
    expect(await getTopicBySlug(ownTopic.slug, readerB)).toBeNull();
    expect(await getTopicBySlug(ownTopic.slug, null)).toBeNull();
    expect(await followTopics(readerB, [ownTopic.id])).toBe(0);
    await unfollowTopic(readerB, sharedTopic);
    await unfollowTopic(readerB, ownTopic.id);
    expect(await db.topicFollow.count({ where: { userId: readerA } })).toBe(2);
    expect(await db.topicFollow.count({ where: { userId: readerB } })).toBe(0);
    // A's own topic is not even named on the cards B reads.
    await followTopics(readerB, [sharedTopic]);
    const card = (await rankFeedForUser(readerB)).items.find((item) => item.insight.id === insightId);
    expect(card?.insight.topics.map((topic) => topic.id)).toEqual([sharedTopic]);
    await unfollowTopic(readerB, sharedTopic);
    // A topic page B opens by A's topic id ranks nothing of A's: the page resolves slugs through getTopicBySlug first.
    expect((await getTopicBySlug(ownTopic.slug, readerA))?.id).toBe(ownTopic.id);
  });

  it("settings: B's changes touch only B", async () => {
    await updateBriefSettings(readerB, { briefEnabled: false, briefHour: 22, timeZone: "Asia/Kolkata" });
    expect(await getBriefSettings(readerA)).toEqual({ briefEnabled: true, briefHour: 7, timeZone: "UTC" });
    expect(await getBriefSettings(readerB)).toEqual({ briefEnabled: false, briefHour: 22, timeZone: "Asia/Kolkata" });
  });
});
