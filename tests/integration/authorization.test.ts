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
const { getInsightPage } = await import("@/lib/cards/insight-page");
const { getEpisodePage } = await import("@/lib/podcasts/episode-page");
const { searchInsights } = await import("@/lib/search/search-insights");

afterAll(async () => {
  await closeQueue();
});

const run = randomUUID().slice(0, 8);
let readerA: string;
let readerB: string;
let insightId: string;
let sharedTopic: string;
let ownTopic: { id: string; slug: string };
let podcastId: string;
let episodeId: string;

beforeAll(async () => {
  [readerA, readerB] = await Promise.all(
    ["a", "b"].map(async (name) => (await db.user.create({ data: { email: `${name}-${run}@example.com`, onboardedAt: new Date(), briefHour: 7, timeZone: "UTC" } })).id),
  ) as [string, string];
  sharedTopic = (await db.topic.create({ data: { slug: `shared-${run}`, name: `Shared ${run}`, description: "shared", kind: "curated" } })).id;
  ownTopic = await db.topic.create({ data: { slug: `own-${run}`, name: `own ${run}`, description: `own ${run}`, kind: "custom", createdById: readerA }, select: { id: true, slug: true } });
  const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}`, title: `Show ${run}` } });
  const publishedAt = new Date();
  const episode = await db.episode.create({ data: { podcastId: podcast.id, guid: run, title: "Episode", publishedAt } });
  [podcastId, episodeId] = [podcast.id, episode.id];
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

  it("cards: A's own topic is named on an insight's card for A only, in search, saved, the episode page and the insight page", async () => {
    // Another insight that lists this one as related, so its page shows this one's card too.
    const other = await db.insight.create({
      data: { episodeId, headline: `Other ${run}`, body: "Other.", quote: "Other.", startSeconds: 5, endSeconds: 6, qualityScore: 0.5, model: "test", promptVersion: "test", publishedAt: new Date() },
    });
    await db.insightRelation.create({ data: { insightId: other.id, relatedInsightId: insightId, score: 0.9 } });
    await saveInsight(readerB, insightId);

    const topicsSeenBy = async (reader: string | null) => {
      const pick = (cards: { id: string; topics: { id: string }[] }[]) => cards.find((card) => card.id === insightId)?.topics.map((topic) => topic.id).sort();
      const searched = reader ? pick((await searchInsights(reader, { q: `Headline ${run}` })).results.map((result) => result.insight)) : undefined;
      const saved = reader ? pick((await listSaved(reader)).items.map((item) => item.insight)) : undefined;
      const episode = reader ? pick((await getEpisodePage(podcastId, episodeId, reader))!.insights) : undefined;
      const page = pick([(await getInsightPage(insightId, reader))!.card]);
      const related = pick((await getInsightPage(other.id, reader))!.related);
      return { searched, saved, episode, page, related };
    };
    const both = [sharedTopic, ownTopic.id].sort();
    expect(await topicsSeenBy(readerA)).toEqual({ searched: both, saved: both, episode: both, page: both, related: both });
    expect(await topicsSeenBy(readerB)).toEqual({ searched: [sharedTopic], saved: [sharedTopic], episode: [sharedTopic], page: [sharedTopic], related: [sharedTopic] });
    // Nobody signed in (the public insight page): curated topics only.
    expect(await topicsSeenBy(null)).toEqual({ searched: undefined, saved: undefined, episode: undefined, page: [sharedTopic], related: [sharedTopic] });
    await unsaveInsight(readerB, insightId);
  });

  it("settings: B's changes touch only B", async () => {
    const bSettings = {
      briefEnabled: false,
      briefHour: 22,
      timeZone: "Asia/Kolkata",
      briefFrequency: "weekly" as const,
      briefWeekday: 5,
      briefPausedUntil: new Date("2026-12-24T00:00:00Z"),
    };
    await updateBriefSettings(readerB, bSettings);
    const defaults = { briefEnabled: true, briefHour: 7, timeZone: "UTC", briefFrequency: "daily", briefWeekday: 1, briefPausedUntil: null };
    expect(await getBriefSettings(readerA)).toEqual(defaults);
    expect(await getBriefSettings(readerB)).toEqual(bSettings);
  });
});
