/**
 * Choosing a reader's brief against a real database: the five best new insights in the feed's
 * order, one per story and two per show, nothing already sent or hidden, nothing from before the
 * window, and a note instead of padding when fewer than five qualify.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

const { db } = await import("@/lib/db");
const { chooseBriefItems, chooseBriefsForMany } = await import("@/lib/brief/choose-brief");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { hideInsight, recordFeedback } = await import("@/lib/feed/feed-events");

const run = randomUUID().slice(0, 8);
const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const SINCE = hoursAgo(24);

let counter = 0;

async function makeTopic(name: string) {
  const topic = await db.topic.create({ data: { slug: `${run}-${name}`, name: `${name} ${run}`, description: `${name} things`, kind: "curated" } });
  return { id: topic.id, name: topic.name };
}

async function makeShow(title: string) {
  return (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/${title}/${randomUUID()}`, title: `${title} ${run}` } })).id;
}

/** An insight published `ageHours` ago and extracted an hour later (or `arrivedHoursAgo`). */
async function makeInsight(
  podcastId: string,
  {
    topics = [],
    ageHours = 2,
    arrivedHoursAgo,
    quality = 0.5,
    clusterId = null,
    match = 0.8,
  }: { topics?: string[]; ageHours?: number; arrivedHoursAgo?: number; quality?: number; clusterId?: string | null; match?: number },
): Promise<string> {
  counter++;
  const publishedAt = hoursAgo(ageHours);
  const episode = await db.episode.create({ data: { podcastId, guid: `${run}-${counter}`, title: `Episode ${counter}`, publishedAt, audioUrl: `https://example.com/${counter}.mp3` } });
  const insight = await db.insight.create({
    data: {
      episodeId: episode.id,
      headline: `Insight ${counter} ${run}`,
      body: `Body of insight ${counter}.`,
      quote: `quote ${counter}`,
      startSeconds: 60,
      endSeconds: 80,
      qualityScore: quality,
      model: "test",
      promptVersion: "test",
      publishedAt,
      createdAt: hoursAgo(arrivedHoursAgo ?? ageHours - 1),
      clusterId,
      topics: { create: topics.map((topicId) => ({ topicId, score: match, publishedAt, clusterId })) },
    },
  });
  return insight.id;
}

async function makeCluster() {
  return (await db.cluster.create({ data: { label: `story ${run}`, size: 2 } })).id;
}

async function makeReader(topicIds: string[] = []) {
  const reader = await db.user.create({ data: { email: `brief-${randomUUID()}@example.com`, onboardedAt: new Date() } });
  if (topicIds.length) await db.topicFollow.createMany({ data: topicIds.map((topicId) => ({ userId: reader.id, topicId })) });
  return reader.id;
}

let briefDays = 0;

/** A brief this reader already received, with these insights. Its date does not matter here, only that each is different. */
async function sendBrief(userId: string, { scheduledFor, insightIds, status = "sent" }: { scheduledFor: Date; insightIds: string[]; status?: "sent" | "failed" | "empty" }) {
  await db.dailyBrief.create({
    data: {
      userId,
      briefDate: new Date(Date.UTC(2020, 0, 1 + briefDays++)),
      status,
      scheduledFor,
      sentAt: status === "sent" ? scheduledFor : null,
      items: { create: insightIds.map((insightId, position) => ({ insightId, position, reason: "test" })) },
    },
  });
}

const choose = (userId: string, since = SINCE) => chooseBriefItems(userId, { since, now: NOW });
const ids = (choice: Awaited<ReturnType<typeof choose>>) => choice.items.map((item) => item.insightId);

describe("choosing the brief", () => {
  it("chooses the five best new insights, in the order the feed ranks them, each with why", async () => {
    const topic = await makeTopic("ai-geopolitics");
    const shows = await Promise.all(["a", "b", "c", "d"].map((name) => makeShow(`ranked-${name}`)));
    const insights: string[] = [];
    for (const [index, quality] of [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3].entries()) {
      insights.push(await makeInsight(shows[index % 4]!, { topics: [topic.id], quality }));
    }
    const reader = await makeReader([topic.id]);

    const choice = await choose(reader);
    expect(ids(choice)).toEqual(insights.slice(0, 5));
    expect(choice.note).toBeNull();
    for (const item of choice.items) expect(item.reason).toBe(`You follow ${topic.name}`);

    // The feed puts them in the same order.
    const feed = (await rankFeedForUser(reader)).items.map((item) => item.insight.id);
    expect(feed.filter((id) => ids(choice).includes(id))).toEqual(ids(choice));

    // "Less like this" on a show moves its insights down the brief as it does in the feed.
    await recordFeedback(reader, { insightId: insights[0]!, target: "podcast", direction: "less" });
    const after = ids(await choose(reader));
    expect(after.indexOf(insights[0]!)).toBeGreaterThan(0);
  });

  it("tells each story once and takes at most two insights from one show", async () => {
    const topic = await makeTopic("limits");
    const [a, b, c, d, e, f] = await Promise.all(["a", "b", "c", "d", "e", "f"].map((name) => makeShow(`limits-${name}`)));
    const story = await makeCluster();
    const a1 = await makeInsight(a!, { topics: [topic.id], quality: 0.95 });
    const a2 = await makeInsight(a!, { topics: [topic.id], quality: 0.92 });
    const bStory = await makeInsight(b!, { topics: [topic.id], quality: 0.9, clusterId: story });
    await makeInsight(a!, { topics: [topic.id], quality: 0.88 }); // a third from show a
    await makeInsight(c!, { topics: [topic.id], quality: 0.85, clusterId: story }); // the same story again
    const d1 = await makeInsight(d!, { topics: [topic.id], quality: 0.7 });
    const e1 = await makeInsight(e!, { topics: [topic.id], quality: 0.6 });
    await makeInsight(f!, { topics: [topic.id], quality: 0.5 });
    const reader = await makeReader([topic.id]);

    const choice = await choose(reader);
    // The story, two shows this week, is growing: it rises to the top.
    expect(ids(choice)).toEqual([bStory, a1, a2, d1, e1]);
    expect(choice.items[0]!.reason).toBe(`You follow ${topic.name} · 2 shows discussed this`);
  });

  it("tells a story through its next-best show when the best one already has two", async () => {
    const topic = await makeTopic("story-room");
    const [a, g, h] = await Promise.all(["a", "g", "h"].map((name) => makeShow(`room-${name}`)));
    const story = await makeCluster();
    // Closer to the topic than the story, so they outrank it even though it is growing (two shows today).
    const a1 = await makeInsight(a!, { topics: [topic.id], quality: 0.95, match: 1.2 });
    const a2 = await makeInsight(a!, { topics: [topic.id], quality: 0.94, match: 1.2 });
    await makeInsight(a!, { topics: [topic.id], quality: 0.93, clusterId: story });
    const gStory = await makeInsight(g!, { topics: [topic.id], quality: 0.55, clusterId: story });
    const h1 = await makeInsight(h!, { topics: [topic.id], quality: 0.5 });
    const reader = await makeReader([topic.id]);

    const choice = await choose(reader);
    expect(ids(choice)).toEqual([a1, a2, gStory, h1]);
    expect(choice.note).toBe("Only 4 new insights on your topics in the last day.");
  });

  it("never repeats what the reader was sent, another show's take on it, or what they hid", async () => {
    const topic = await makeTopic("repeats");
    const shows = await Promise.all(["a", "b", "c", "d", "e", "f", "g"].map((name) => makeShow(`repeats-${name}`)));
    const story = await makeCluster();
    // The previous brief went out three hours ago, composed a little late: it already had x1 and the story.
    const x1 = await makeInsight(shows[0]!, { topics: [topic.id], ageHours: 2, quality: 0.9 });
    const sentStory = await makeInsight(shows[1]!, { topics: [topic.id], ageHours: 2, quality: 0.8, clusterId: story });
    const sameStory = await makeInsight(shows[2]!, { topics: [topic.id], ageHours: 1, quality: 0.9, clusterId: story });
    const hidden = await makeInsight(shows[3]!, { topics: [topic.id], ageHours: 1, quality: 0.9 });
    const y1 = await makeInsight(shows[4]!, { topics: [topic.id], ageHours: 1, quality: 0.7 });
    const y2 = await makeInsight(shows[5]!, { topics: [topic.id], ageHours: 1, quality: 0.6 });
    const y3 = await makeInsight(shows[6]!, { topics: [topic.id], ageHours: 1, quality: 0.5 });

    const reader = await makeReader([topic.id]);
    const other = await makeReader([topic.id]);
    await sendBrief(reader, { scheduledFor: hoursAgo(3), insightIds: [x1, sentStory] });
    await hideInsight(reader, hidden);
    // Another reader's brief and hides change nothing for this one.
    await sendBrief(other, { scheduledFor: hoursAgo(3), insightIds: [y1] });
    await hideInsight(other, y2);

    const choice = await choose(reader);
    expect(ids(choice)).toEqual([y1, y2, y3]);
    expect(choice.note).toBe("Only 3 new insights on your topics since your last brief.");
    expect(choice.windowStart).toEqual(hoursAgo(3));

    expect(new Set(ids(await choose(other)))).toEqual(new Set([x1, sameStory, hidden, y3]));
  });

  it("says why when there is nothing, or when a show had more than two", async () => {
    const topic = await makeTopic("quiet");
    const show = await makeShow("quiet");
    const reader = await makeReader([topic.id]);
    await sendBrief(reader, { scheduledFor: hoursAgo(5), insightIds: [], status: "empty" });
    expect(await choose(reader)).toEqual({ items: [], note: "No new insights on your topics since your last brief.", windowStart: hoursAgo(5) });

    const busy = await makeTopic("one-show");
    for (const quality of [0.9, 0.8, 0.7, 0.6]) await makeInsight(show, { topics: [busy.id], quality });
    const fan = await makeReader([busy.id]);
    const choice = await choose(fan, hoursAgo(24 * 7));
    expect(choice.items).toHaveLength(2);
    expect(choice.note).toBe("Only 2 new insights on your topics in the last 7 days. 2 more came from a show already in this brief twice.");
  });

  it("takes a followed show's new insights, saying so", async () => {
    const show = await makeShow("followed");
    const fresh = await makeInsight(show, { quality: 0.6 });
    const reader = await makeReader();
    await db.podcastSubscription.create({ data: { userId: reader, podcastId: show } });
    const choice = await choose(reader);
    expect(choice.items).toEqual([{ insightId: fresh, reason: "From a show you follow" }]);
    expect(choice.note).toBe("Only 1 new insight from your shows in the last day.");
  });

  it("takes nothing from before the window, nor anything after now, but keeps late arrivals", async () => {
    const topic = await makeTopic("window");
    const shows = await Promise.all(["a", "b", "c", "d", "e", "f"].map((name) => makeShow(`window-${name}`)));
    const beforeSince = await makeInsight(shows[0]!, { topics: [topic.id], ageHours: 30, quality: 0.9 });
    // An old episode extracted only now (a back catalogue): old news, not new.
    const backCatalogue = await makeInsight(shows[1]!, { topics: [topic.id], ageHours: 24 * 5, arrivedHoursAgo: 1, quality: 0.9 });
    // Published just before the window but extracted after it: the previous brief could not have had it.
    const lateArrival = await makeInsight(shows[2]!, { topics: [topic.id], ageHours: 26, arrivedHoursAgo: 2, quality: 0.9 });
    const fresh = await makeInsight(shows[3]!, { topics: [topic.id], ageHours: 3, quality: 0.9 });
    const earlierToday = await makeInsight(shows[3]!, { topics: [topic.id], ageHours: 12, quality: 0.9 });
    // Not yet there at the brief's moment.
    await makeInsight(shows[4]!, { topics: [topic.id], ageHours: 1, arrivedHoursAgo: -1, quality: 0.9 });
    await makeInsight(shows[5]!, { topics: [topic.id], ageHours: -2, quality: 0.9 });
    const reader = await makeReader([topic.id]);

    const choice = await choose(reader);
    expect(ids(choice)).toEqual([fresh, earlierToday, lateArrival]);
    expect(ids(choice)).not.toContain(beforeSince);
    expect(ids(choice)).not.toContain(backCatalogue);

    // A previous brief narrows the window; a failed one did not reach the reader and does not.
    const later = await makeReader([topic.id]);
    await sendBrief(later, { scheduledFor: hoursAgo(10), insightIds: [], status: "failed" });
    expect(ids(await choose(later))).toEqual([fresh, earlierToday, lateArrival]);
    await sendBrief(later, { scheduledFor: hoursAgo(6), insightIds: [] });
    // The late arrival came after that brief too, so it is still new.
    expect(ids(await choose(later))).toEqual([fresh, lateArrival]);
  });

  it("chooses for many readers at once exactly what it chooses for each alone", async () => {
    const topics = await Promise.all(["m1", "m2", "m3"].map((name) => makeTopic(name)));
    const shows = await Promise.all(["a", "b", "c", "d"].map((name) => makeShow(`many-${name}`)));
    const cluster = await makeCluster();
    const insights: string[] = [];
    for (let i = 0; i < 24; i++) {
      insights.push(
        await makeInsight(shows[i % 4]!, {
          topics: [topics[i % 3]!.id, ...(i % 5 === 0 ? [topics[(i + 1) % 3]!.id] : [])],
          ageHours: 1 + i,
          quality: 0.3 + ((i * 7) % 10) / 20,
          clusterId: i < 3 ? cluster : null,
        }),
      );
    }
    // Readers who differ in every way the brief reads: follows, shows, feedback, hides, what they were sent, their window.
    const readers = [
      await makeReader([topics[0]!.id]),
      await makeReader([topics[0]!.id, topics[1]!.id]),
      await makeReader([topics[2]!.id]),
      await makeReader([]),
      await makeReader([topics[1]!.id, topics[2]!.id]),
    ];
    await db.podcastSubscription.create({ data: { userId: readers[2]!, podcastId: shows[0]! } });
    await recordFeedback(readers[1]!, { insightId: insights[4]!, target: "podcast", direction: "less" });
    // Feedback on a topic the reader does not follow.
    await recordFeedback(readers[0]!, { insightId: insights[1]!, target: "topic", topicId: topics[1]!.id, direction: "more" });
    // …and another reader's on one too, over candidates the two share.
    await recordFeedback(readers[4]!, { insightId: insights[0]!, target: "topic", topicId: topics[0]!.id, direction: "less" });
    await hideInsight(readers[4]!, insights[5]!);
    await sendBrief(readers[4]!, { scheduledFor: hoursAgo(8), insightIds: [insights[2]!] });

    const requests = readers.map((userId, index) => ({ userId, since: index === 3 ? hoursAgo(12) : SINCE }));
    const together = await chooseBriefsForMany(requests, NOW);
    for (const request of requests) {
      const alone = await chooseBriefItems(request.userId, { since: request.since, now: NOW });
      expect(together.get(request.userId), request.userId).toEqual(alone);
    }
    expect(together.get(readers[1]!)!.items.length).toBeGreaterThan(0);
  });

  it("reads 'less like this' on an insight from an earlier brief as less of its show, and a click from the email as seen", async () => {
    const topic = await makeTopic("spread");
    const [s, t, u] = await Promise.all(["s", "t", "u"].map((name) => makeShow(`spread-${name}`)));
    const old = await makeInsight(s!, { topics: [topic.id], ageHours: 24 * 5, quality: 0.9 });
    const fromS = await makeInsight(s!, { topics: [topic.id], ageHours: 3, quality: 0.8 });
    const fromT = await makeInsight(t!, { topics: [topic.id], ageHours: 3, quality: 0.7 });
    const fromU = await makeInsight(u!, { topics: [topic.id], ageHours: 3, quality: 0.6 });
    const reader = await makeReader([topic.id]);
    expect(ids(await choose(reader))).toEqual([fromS, fromT, fromU]);

    // The old insight is long out of the window; what the reader said about it still counts for its show.
    await sendBrief(reader, { scheduledFor: hoursAgo(24 * 4), insightIds: [old] });
    await recordFeedback(reader, { insightId: old, target: "insight", direction: "less" });
    expect(ids(await choose(reader))).toEqual([fromT, fromU, fromS]);

    // Followed from the email: seen, so it sinks like an opened one.
    await db.feedEvent.create({ data: { userId: reader, insightId: fromT, kind: "email_click" } });
    expect(ids(await choose(reader))).toEqual([fromU, fromS, fromT]);
  });
});
