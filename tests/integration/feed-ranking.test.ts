/**
 * The feed ranks in SQL (rankFeedForUser) and the daily brief ranks in memory (CandidatePool, with
 * combineScore). Both must be one ranking: the same leads in the same order, with the same scores,
 * for a reader with every kind of signal. This holds the SQL to the in-memory formula on a real
 * database, page by page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type MadeInsight, rowFactory } from "@/tests/helpers/rows";

const { db } = await import("@/lib/db");
const { rankFeedForUser } = await import("@/lib/feed/rank-feed");
const { loadReaderSignals, unfollowedFeedbackTopics } = await import("@/lib/feed/reader-signals");
const { loadCandidateRows, loadTopicLinks } = await import("@/lib/feed/candidates");
const { CandidatePool } = await import("@/lib/brief/candidate-pool");
const { loadGrowingClusters } = await import("@/lib/feed/growing-stories");
const { WEIGHTS } = await import("@/lib/feed/score");
const { hideInsight, recordFeedback, recordOpened, saveInsight } = await import("@/lib/feed/feed-events");
const { followTopics } = await import("@/lib/topics/reader-topics");

const { run, makeShow, makeInsight, makeReader, makeTopic } = rowFactory();

/** mulberry32: the same made-up catalogue on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let reader: string;
const insights: MadeInsight[] = [];
const topics: Record<"followedA" | "followedB" | "unfollowedLess" | "unfollowedMore" | "other", string> = {} as never;
let subscribed: string;
let hidden: MadeInsight;
let hiddenMember: MadeInsight;
let clusterIds: string[];
/** Of the three stories the seeded catalogue makes, this many have takes from two shows this week. */
const GROWING_STORIES = 1;

beforeAll(async () => {
  const next = random(20261203);
  for (const key of ["followedA", "followedB", "unfollowedLess", "unfollowedMore", "other"] as const) topics[key] = (await makeTopic(`${key}-ranking`)).id;
  const shows = await Promise.all(["one", "two", "three", "four"].map((name) => makeShow(`ranking ${name} ${run}`)));
  subscribed = shows[3]!;
  const clusters = await Promise.all([1, 2, 3].map((n) => db.cluster.create({ data: { label: `ranking story ${n} ${run}`, size: 3 } })));
  clusterIds = clusters.map((cluster) => cluster.id);
  const all = Object.values(topics);
  for (let n = 0; n < 48; n++) {
    // One or two topics each, mostly the followed ones; a few in clusters; ages up to two weeks.
    const first = all[Math.floor(next() * 3) % 2]!;
    const second = next() < 0.4 ? all[2 + Math.floor(next() * 3)]! : null;
    insights.push(
      await makeInsight(shows[Math.floor(next() * shows.length)]!, {
        topics: n % 9 === 8 ? [] : second ? [first, second] : [first],
        ageDays: Math.round(next() * 14 * 24) / 24,
        quality: Math.round(next() * 100) / 100,
        score: 0.3 + Math.round(next() * 100) / 100,
        clusterId: n % 5 === 0 ? clusters[n % 3]!.id : null,
      }),
    );
  }
  // Old enough that its freshness is below what a float can hold: it ranks by match and quality alone.
  insights.push(await makeInsight(shows[0]!, { topics: [topics.followedA], ageDays: 365 * 12, quality: 0.97, score: 1.2 }));
  // A story two shows took up this week, middling otherwise: growing lifts it past a few others.
  const growing = await db.cluster.create({ data: { label: `ranking growing story ${run}`, size: 2 } });
  clusterIds.push(growing.id);
  for (const [show, ageDays] of [[shows[1]!, 5], [shows[2]!, 6.25]] as const) {
    insights.push(await makeInsight(show, { topics: [topics.followedA], ageDays, quality: 0.3, score: 0.6, clusterId: growing.id }));
  }

  reader = await makeReader();
  await followTopics(reader, [topics.followedA, topics.followedB]);
  await db.podcastSubscription.create({ data: { userId: reader, podcastId: subscribed } });
  const links = await db.insightTopic.findMany({ where: { insightId: { in: insights.map((made) => made.id) } } });
  const withTopic = (topicId: string) => ({ id: links.find((link) => link.topicId === topicId)!.insightId });
  // Every kind of signal: on followed and unfollowed topics, on shows, on insights, hides, opens, saves, email clicks.
  await recordFeedback(reader, { insightId: withTopic(topics.followedB).id, target: "topic", topicId: topics.followedB, direction: "less" });
  await recordFeedback(reader, { insightId: withTopic(topics.unfollowedLess).id, target: "topic", topicId: topics.unfollowedLess, direction: "less" });
  await recordFeedback(reader, { insightId: withTopic(topics.unfollowedMore).id, target: "topic", topicId: topics.unfollowedMore, direction: "more" });
  await recordFeedback(reader, { insightId: withTopic(topics.unfollowedMore).id, target: "topic", topicId: topics.unfollowedMore, direction: "more" });
  await recordFeedback(reader, { insightId: insights[3]!.id, target: "podcast", direction: "more" });
  // On two insights of different shows, so what they say about their shows does not cancel out.
  await recordFeedback(reader, { insightId: insights[11]!.id, target: "insight", direction: "more" });
  const elsewhere = insights.find((made) => made.podcastId !== insights[11]!.podcastId)!;
  await recordFeedback(reader, { insightId: elsewhere.id, target: "insight", direction: "less" });
  hidden = insights[2]!;
  await hideInsight(reader, hidden.id);
  // A member of a cluster, not its best: hidden from the cluster's others.
  hiddenMember = insights[10]!;
  await hideInsight(reader, hiddenMember.id);
  await recordOpened(reader, insights[4]!.id);
  await saveInsight(reader, insights[6]!.id);
  await db.feedEvent.create({ data: { userId: reader, insightId: insights[9]!.id, kind: "email_click" } });
});

/** The in-memory ranking of the same reader, as the brief ranks: one lead per cluster, best first. */
async function referenceLeads(asOf: Date, of = reader): Promise<string[]> {
  const signals = await loadReaderSignals(of);
  const rows = await loadCandidateRows({ topicIds: signals.topicIds, podcastIds: signals.podcastIds }, { asOf });
  const pool = new CandidatePool(rows, asOf, await loadGrowingClusters(rows.map((row) => row.cluster_id), asOf));
  pool.setFeedbackTopics(await loadTopicLinks(unfollowedFeedbackTopics(signals), pool.insightIds, pool.publishedRange()));
  const ranked = pool.rank(signals, true, asOf, Infinity, { insightIds: [signals.hidden], clusterIds: [] });
  const clusters = new Set<string>();
  return ranked.flatMap((candidate) => {
    const key = candidate.clusterId ?? candidate.insightId;
    if (clusters.has(key)) return [];
    clusters.add(key);
    return [candidate.insightId];
  });
}

describe("the feed's ranking", () => {
  it("is the brief's ranking: the same leads in the same order, page after page", async () => {
    const first = await rankFeedForUser(reader, { take: 7 });
    const asOf = new Date(JSON.parse(Buffer.from(first.nextCursor!, "base64url").toString("utf8")).asOf);
    const expected = await referenceLeads(asOf);
    // Enough to page through, and every signal in play.
    expect(expected.length).toBeGreaterThan(20);
    expect(unfollowedFeedbackTopics(await loadReaderSignals(reader)).sort()).toEqual([topics.unfollowedLess, topics.unfollowedMore].sort());
    // A growing story lifted and a quiet one not.
    expect((await loadGrowingClusters(clusterIds, asOf)).size).toBe(GROWING_STORIES);

    const shown = first.items.map((item) => item.insight.id);
    const scores = first.items.map((item) => item.score);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await rankFeedForUser(reader, { take: 7, cursor });
      shown.push(...page.items.map((item) => item.insight.id));
      scores.push(...page.items.map((item) => item.score));
      cursor = page.nextCursor;
    }
    expect(shown).toEqual(expected);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(shown).not.toContain(hidden.id);
    expect(shown).not.toContain(hiddenMember.id);
  });

  it("lifts a growing story above insights that would outscore it otherwise", async () => {
    const page = await rankFeedForUser(reader, { take: 100 });
    const at = page.items.findIndex((item) => item.insight.clusterId === clusterIds.at(-1));
    const lifted = page.items[at]!;
    expect(lifted.showsThisWeek).toBe(2);
    const passed = page.items.slice(at + 1).filter((item) => item.score > lifted.score - WEIGHTS.growing);
    expect(passed.length).toBeGreaterThan(0);
  });

  it("leaves hidden members out of a cluster's other shows", async () => {
    const page = await rankFeedForUser(reader, { take: 100 });
    const everyOther = page.items.flatMap((item) => item.others.map((other) => other.id));
    expect(everyOther.length).toBeGreaterThan(0);
    expect(everyOther).not.toContain(hiddenMember.id);
    expect(page.items.find((item) => item.insight.id === insights[6]!.id)?.saved).toBe(true);
  });

  it("gives each card its insight's own details, to the millisecond of its publication", async () => {
    const page = await rankFeedForUser(reader, { take: 100 });
    const stored = await db.insight.findMany({ where: { id: { in: page.items.map((item) => item.insight.id) } }, include: { episode: { include: { podcast: true } } } });
    expect(stored).toHaveLength(page.items.length);
    for (const insight of stored) {
      const card = page.items.find((item) => item.insight.id === insight.id)!.insight;
      expect(card.publishedAt.getTime()).toBe(insight.publishedAt!.getTime());
      expect([card.headline, card.episode.id, card.podcast.title, card.startSeconds]).toEqual([insight.headline, insight.episodeId, insight.episode.podcast.title, insight.startSeconds]);
    }
  });
});

describe("feedback on a topic the reader does not follow", () => {
  // More candidates than a page by far, all fresh; one older insight is also in a topic the reader
  // never followed but asked for more of. That feedback lifts it from the bottom to the top, in the
  // feed as in the brief, however many candidates rank above it before feedback.
  let lifted: MadeInsight;
  let follower: string;
  let bystander: string;

  beforeAll(async () => {
    const followed = (await makeTopic("crowded-ranking")).id;
    const wanted = (await makeTopic("wanted-ranking")).id;
    const show = await makeShow(`crowded ${run}`);
    for (let n = 0; n < 240; n++) await makeInsight(show, { topics: [followed], ageDays: (n % 12) / 24, quality: 0.4 + (n % 7) / 20, score: 1.2 });
    lifted = await makeInsight(show, { topics: [followed, wanted], ageDays: 6, quality: 0.5, score: 1.2 });
    // Another show's, so what the votes say about their show does not lift the whole page too.
    const asked = await makeInsight(await makeShow(`asked ${run}`), { topics: [wanted], ageDays: 1 });
    follower = await makeReader();
    await followTopics(follower, [followed]);
    bystander = await makeReader();
    await followTopics(bystander, [followed]);
    for (let n = 0; n < 3; n++) await recordFeedback(follower, { insightId: asked.id, target: "topic", topicId: wanted, direction: "more" });
  });

  it("lifts a candidate that ranked below the first two hundred onto the first page", async () => {
    const page = await rankFeedForUser(follower, { take: 20 });
    const asOf = new Date(JSON.parse(Buffer.from(page.nextCursor!, "base64url").toString("utf8")).asOf);
    const expected = await referenceLeads(asOf, follower);
    expect(expected.length).toBe(241);
    expect(page.items.map((item) => item.insight.id)).toEqual(expected.slice(0, 20));
    expect(page.items[0]!.insight.id).toBe(lifted.id);
    // Without that feedback, the same reader's feed ranks it last.
    expect((await referenceLeads(asOf, bystander)).indexOf(lifted.id)).toBe(240);
  });
});
