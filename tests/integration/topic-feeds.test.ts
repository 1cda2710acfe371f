/**
 * Topic and cluster feeds through their route handlers against a real database. Each feed is read
 * back the way its subscribers read it: the RSS by Podbrief's own podcast feed parser and by
 * feedsmith, the JSON Feed by feedsmith. Conditional GETs answer 304; a reader's own topic is
 * reachable by its private token only, and a regenerated or revoked token is a 404.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseJsonFeed, parseRssFeed } from "feedsmith";
import { rowFactory } from "@/tests/helpers/rows";

const APP_URL = "https://podbrief.test";
process.env.APP_URL = APP_URL;

const { db } = await import("@/lib/db");
const { formatTimestamp } = await import("@/lib/format");
const { parseFeed } = await import("@/lib/ingest/feed/parse-feed");
const { FEED_ITEM_LIMIT } = await import("@/lib/topic-feeds/feed-documents");
const { regenerateTopicFeedToken, revokeTopicFeedToken } = await import("@/lib/topic-feeds/feed-tokens");
const curatedRss = await import("@/app/feeds/topics/[slug]/rss.xml/route");
const curatedJson = await import("@/app/feeds/topics/[slug]/feed.json/route");
const privateRss = await import("@/app/feeds/private/[token]/rss.xml/route");
const privateJson = await import("@/app/feeds/private/[token]/feed.json/route");
const clusterRss = await import("@/app/feeds/clusters/[id]/rss.xml/route");
const clusterJson = await import("@/app/feeds/clusters/[id]/feed.json/route");

const rows = rowFactory();
let made = 0;
/** Names unique in this run: each test makes its own topics and shows. */
const fresh = (name: string) => `${name}-${++made}`;

type Handler<Params> = { GET: (request: Request, context: { params: Promise<Params> }) => Promise<Response> };

function get<Params>(route: Handler<Params>, params: Params, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return route.GET(new Request(`${APP_URL}${path}`, { headers }), { params: Promise.resolve(params) });
}

const insightUrl = (id: string) => `${APP_URL}/insights/${id}`;

/** A show, a curated topic with three insights from two shows (newest first), one of them said by a named speaker. */
async function curatedTopicWithInsights() {
  const topic = await rows.makeTopic(fresh("geopolitics"));
  const [showA, showB] = await Promise.all([rows.makeShow(fresh(`Show A ${rows.run}`)), rows.makeShow(fresh(`Show B ${rows.run}`))]);
  const newest = await rows.makeInsight(showA, { topics: [topic.id], ageDays: 1, headline: `Export controls bite ${rows.run}` });
  const middle = await rows.makeInsight(showB, { topics: [topic.id], ageDays: 2, headline: `Chips move east ${rows.run}` });
  const oldest = await rows.makeInsight(showA, { topics: [topic.id], ageDays: 3, headline: `Tariffs & <trade> ${rows.run}` });
  await db.insight.update({ where: { id: newest.id }, data: { speaker: "Ana Ruiz", startSeconds: 754, endSeconds: 770 } });
  return { topic, showA, showB, insights: [newest, middle, oldest] };
}

describe("a curated topic's feeds", () => {
  it("serve RSS 2.0 that Podbrief's own parser and feedsmith read back item for item", async () => {
    const { topic, insights } = await curatedTopicWithInsights();
    const stored = await db.insight.findMany({ where: { id: { in: insights.map((insight) => insight.id) } }, include: { episode: { include: { podcast: true } } } });
    const byId = new Map(stored.map((row) => [row.id, row]));

    const response = await get(curatedRss, { slug: topic.slug }, `/feeds/topics/${topic.slug}/rss.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^public, /);
    const body = await response.text();

    const ours = parseFeed(body, { baseUrl: `${APP_URL}/feeds/topics/${topic.slug}/rss.xml`, contentType: response.headers.get("content-type") });
    expect(ours.title).toBe(`${topic.name} from podcasts`);
    expect(ours.siteUrl).toBe(`${APP_URL}/topics/${topic.slug}`);
    expect(ours.episodes.map((episode) => episode.guid)).toEqual(insights.map((insight) => insightUrl(insight.id)));
    for (const episode of ours.episodes) {
      const insight = byId.get(episode.guid.split("/").at(-1)!)!;
      expect(episode.title).toBe(insight.headline);
      expect(episode.publishedAt?.toUTCString()).toBe(insight.publishedAt.toUTCString());
      expect(episode.link).toBe(`${insightUrl(insight.id)}?t=${Math.floor(insight.startSeconds)}`);
      expect(episode.showNotesHtml).toContain(insight.body);
      expect(episode.showNotesHtml).toContain(insight.quote);
      expect(episode.showNotesHtml).toContain(insight.episode.podcast.title);
    }
    expect(ours.episodes[0]!.showNotesHtml).toContain("as said by Ana Ruiz, at 12:34");
    expect(ours.episodes[1]!.showNotesHtml).toContain(`as said, at ${formatTimestamp(byId.get(insights[1]!.id)!.startSeconds)}`);
    // A headline with markup characters is text, not markup.
    expect(ours.episodes[2]!.title).toBe(`Tariffs & <trade> ${rows.run}`);

    const theirs = parseRssFeed(body);
    expect(theirs.items?.map((item) => item.guid?.value)).toEqual(insights.map((insight) => insightUrl(insight.id)));
    for (const item of theirs.items ?? []) {
      const insight = byId.get(item.guid!.value!.split("/").at(-1)!)!;
      expect(item.title).toBe(insight.headline);
      expect(new Date(item.pubDate!).getTime()).toBe(Math.floor(insight.publishedAt.getTime() / 1000) * 1000);
      expect(item.dc?.creators).toEqual([insight.episode.podcast.title]);
      expect(item.categories?.map((category) => category.name)).toEqual([insight.episode.podcast.title]);
      expect(item.content?.encoded).toContain(insight.quote);
    }
    expect(theirs.atom?.links?.[0]?.href).toBe(`${APP_URL}/feeds/topics/${topic.slug}/rss.xml`);
  });

  it("serve JSON Feed 1.1 with the same items, which feedsmith reads", async () => {
    const { topic, insights } = await curatedTopicWithInsights();
    const response = await get(curatedJson, { slug: topic.slug }, `/feeds/topics/${topic.slug}/feed.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const body = await response.text();
    expect(JSON.parse(body).version).toBe("https://jsonfeed.org/version/1.1");

    const feed = parseJsonFeed(body);
    expect(feed.title).toBe(`${topic.name} from podcasts`);
    expect(feed.feed_url).toBe(`${APP_URL}/feeds/topics/${topic.slug}/feed.json`);
    expect(feed.items?.map((item) => item.id)).toEqual(insights.map((insight) => insightUrl(insight.id)));
    const stored = await db.insight.findUniqueOrThrow({ where: { id: insights[0]!.id }, include: { episode: { include: { podcast: true } } } });
    const [first] = feed.items ?? [];
    expect(first).toMatchObject({
      title: stored.headline,
      url: `${insightUrl(stored.id)}?t=754`,
      summary: stored.body,
      date_published: stored.publishedAt.toISOString(),
      authors: [{ name: stored.episode.podcast.title }],
    });
    expect(first!.content_html).toContain("as said by Ana Ruiz, at 12:34");
  });

  it("answer 304 to a reader that has this version, by ETag or by date, and 200 when it changed", async () => {
    const { topic, showA } = await curatedTopicWithInsights();
    const path = `/feeds/topics/${topic.slug}/rss.xml`;
    const first = await get(curatedRss, { slug: topic.slug }, path);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const byEtag = await get(curatedRss, { slug: topic.slug }, path, { "If-None-Match": etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);
    expect((await get(curatedRss, { slug: topic.slug }, path, { "If-None-Match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(curatedRss, { slug: topic.slug }, path, { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await get(curatedRss, { slug: topic.slug }, path, { "If-None-Match": '"something-else"' })).status).toBe(200);

    // A new insight on the topic: the old ETag no longer matches, and the new one is in the feed.
    const added = await rows.makeInsight(showA, { topics: [topic.id], ageDays: 0.5 });
    const changed = await get(curatedRss, { slug: topic.slug }, path, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(parseFeed(await changed.text()).episodes[0]!.guid).toBe(insightUrl(added.id));
  });

  it(`hold the newest ${FEED_ITEM_LIMIT} insights only`, async () => {
    const topic = await rows.makeTopic(fresh("busy"));
    const show = await rows.makeShow(`Busy show ${rows.run}`);
    const made = [];
    for (let i = 0; i < FEED_ITEM_LIMIT + 2; i++) made.push(await rows.makeInsight(show, { topics: [topic.id], ageDays: 1 + i }));
    const feed = parseFeed(await (await get(curatedRss, { slug: topic.slug }, `/feeds/topics/${topic.slug}/rss.xml`)).text());
    expect(feed.episodes.map((episode) => episode.guid)).toEqual(made.slice(0, FEED_ITEM_LIMIT).map((insight) => insightUrl(insight.id)));
  });

  it("are a 404 for a topic that does not exist", async () => {
    const response = await get(curatedRss, { slug: `${rows.run}-nothing` }, `/feeds/topics/${rows.run}-nothing/rss.xml`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("a reader's own topic's feeds", () => {
  async function ownTopic() {
    const reader = await rows.makeReader();
    const topic = await rows.makeTopic(fresh("own"), reader);
    const show = await rows.makeShow(fresh(`Own show ${rows.run}`));
    const insight = await rows.makeInsight(show, { topics: [topic.id], ageDays: 1 });
    return { reader, topic, insight };
  }
  const rssAt = (token: string, headers?: Record<string, string>) => get(privateRss, { token }, `/feeds/private/${token}/rss.xml`, headers);
  const jsonAt = (token: string) => get(privateJson, { token }, `/feeds/private/${token}/feed.json`);

  it("are not public by the topic's slug", async () => {
    const { topic } = await ownTopic();
    expect((await get(curatedRss, { slug: topic.slug }, `/feeds/topics/${topic.slug}/rss.xml`)).status).toBe(404);
    expect((await get(curatedJson, { slug: topic.slug }, `/feeds/topics/${topic.slug}/feed.json`)).status).toBe(404);
  });

  it("open with the private token, which the database keeps only as a hash", async () => {
    const { reader, topic, insight } = await ownTopic();
    const token = await regenerateTopicFeedToken(reader, topic.id);
    expect(token).toMatch(/^[\w-]{43}$/);
    const stored = await db.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect(stored.feedTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);

    const response = await rssAt(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    const body = await response.text();
    const ours = parseFeed(body);
    expect(ours.title).toBe(`${topic.name} from podcasts`);
    expect(ours.episodes.map((episode) => episode.guid)).toEqual([insightUrl(insight.id)]);
    expect(parseRssFeed(body).atom?.links?.[0]?.href).toBe(`${APP_URL}/feeds/private/${token}/rss.xml`);
    expect(parseJsonFeed(await (await jsonAt(token)).text()).items?.map((item) => item.id)).toEqual([insightUrl(insight.id)]);
  });

  it("are a 404 once the token is regenerated or revoked, and for a token that was never made", async () => {
    const { reader, topic } = await ownTopic();
    const first = await regenerateTopicFeedToken(reader, topic.id);
    const second = await regenerateTopicFeedToken(reader, topic.id);
    expect(second).not.toBe(first);
    expect((await rssAt(first)).status).toBe(404);
    expect((await rssAt(second)).status).toBe(200);

    await revokeTopicFeedToken(reader, topic.id);
    const revoked = await rssAt(second);
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get("cache-control")).toBe("no-store");
    expect((await jsonAt(second)).status).toBe(404);
    expect((await rssAt("A".repeat(43))).status).toBe(404);
    expect((await rssAt("not-a-token")).status).toBe(404);
  });

  it("cannot be made or revoked by another reader", async () => {
    const { reader, topic } = await ownTopic();
    const token = await regenerateTopicFeedToken(reader, topic.id);
    const other = await rows.makeReader();
    await expect(regenerateTopicFeedToken(other, topic.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeTopicFeedToken(other, topic.id);
    expect((await rssAt(token)).status).toBe(200);
    // Curated topics have no private feed: their feed is public.
    const curated = await rows.makeTopic(fresh("public"));
    await expect(regenerateTopicFeedToken(reader, curated.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a cluster's feeds", () => {
  it("carry every show's take on the story, in RSS and JSON Feed", async () => {
    const cluster = await db.cluster.create({ data: { label: null, size: 2 } });
    const [showA, showB] = await Promise.all([rows.makeShow(`Cluster A ${rows.run}`), rows.makeShow(`Cluster B ${rows.run}`)]);
    const first = await rows.makeInsight(showA, { topics: [], ageDays: 2, clusterId: cluster.id, headline: `Nvidia H20 banned ${rows.run}` });
    const second = await rows.makeInsight(showB, { topics: [], ageDays: 1, clusterId: cluster.id });
    await db.cluster.update({ where: { id: cluster.id }, data: { representativeInsightId: first.id } });

    const rss = await (await get(clusterRss, { id: cluster.id }, `/feeds/clusters/${cluster.id}/rss.xml`)).text();
    const ours = parseFeed(rss);
    expect(ours.title).toBe(`Nvidia H20 banned ${rows.run}`);
    expect(ours.episodes.map((episode) => episode.guid)).toEqual([insightUrl(second.id), insightUrl(first.id)]);
    expect(parseRssFeed(rss).items?.flatMap((item) => item.dc?.creators ?? [])).toEqual([`Cluster B ${rows.run}`, `Cluster A ${rows.run}`]);
    // Home is the story's full coverage, where every show's take stands side by side.
    expect(parseRssFeed(rss).link).toBe(`${APP_URL}/clusters/${cluster.id}`);

    const json = parseJsonFeed(await (await get(clusterJson, { id: cluster.id }, `/feeds/clusters/${cluster.id}/feed.json`)).text());
    expect(json.items?.map((item) => item.id)).toEqual([insightUrl(second.id), insightUrl(first.id)]);
    expect(json.home_page_url).toBe(`${APP_URL}/clusters/${cluster.id}`);
    expect((await get(clusterRss, { id: "no-such-cluster" }, "/feeds/clusters/no-such-cluster/rss.xml")).status).toBe(404);
  });
});
