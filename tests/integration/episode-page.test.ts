/**
 * Browsing shows against a real database: a show lists each episode's best insights, and an episode's
 * page has its insights in the order they were said, its chapters, and only this reader's saves; an
 * episode is reachable only through its own show.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { getEpisodePage, getEpisodeTitle, timelineSeconds } = await import("@/lib/podcasts/episode-page");
const { getPodcast } = await import("@/lib/podcasts/podcast-library");
const { saveInsight } = await import("@/lib/feed/feed-events");

afterAll(async () => {
  await closeQueue();
});

const run = randomUUID().slice(0, 8);
const publishedAt = new Date("2025-03-01T08:00:00Z");

async function makeShow(title: string) {
  return (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/${title}`, title: `${title} ${run}` } })).id;
}

async function makeEpisode(podcastId: string, guid: string, data: { durationSeconds?: number; audioUrl?: string } = {}) {
  return (await db.episode.create({ data: { podcastId, guid: `${run}-${guid}`, title: `Episode ${guid}`, publishedAt, insightStatus: "done", ...data } })).id;
}

async function makeInsight(episodeId: string, headline: string, startSeconds: number, qualityScore: number) {
  const insight = await db.insight.create({
    data: {
      episodeId,
      headline: `${headline} ${run}`,
      body: `Body of ${headline}.`,
      quote: `quote of ${headline}`,
      startSeconds,
      endSeconds: startSeconds + 30,
      qualityScore,
      model: "test",
      promptVersion: "test",
      publishedAt,
    },
  });
  return insight.id;
}

async function makeReader() {
  return (await db.user.create({ data: { email: `reader-${randomUUID()}@example.com`, onboardedAt: new Date() } })).id;
}

let show: string;
let otherShow: string;
let episode: string;
let quiet: string;
let otherEpisode: string;
const insight: Record<string, string> = {};

beforeAll(async () => {
  [show, otherShow] = await Promise.all([makeShow("Show"), makeShow("Other")]);
  episode = await makeEpisode(show, "timeline", { durationSeconds: 3600, audioUrl: "https://example.com/timeline.mp3" });
  quiet = await makeEpisode(show, "quiet");
  otherEpisode = await makeEpisode(otherShow, "elsewhere");
  // Created out of time order, with quality unrelated to time.
  insight.late = await makeInsight(episode, "Late", 3000, 0.7);
  insight.early = await makeInsight(episode, "Early", 120, 0.4);
  insight.middle = await makeInsight(episode, "Middle", 1500, 0.9);
  insight.elsewhere = await makeInsight(otherEpisode, "Elsewhere", 60, 0.8);
  await db.chapter.createMany({
    data: [
      { episodeId: episode, startSeconds: 1800, endSeconds: null, title: "Second half" },
      { episodeId: episode, startSeconds: 0, endSeconds: 1800, title: "First half" },
    ],
  });
});

describe("the episode page", () => {
  it("has the episode, its show and its insights in the order they were said", async () => {
    const reader = await makeReader();
    const page = await getEpisodePage(show, episode, reader);
    expect(page).not.toBeNull();
    expect(page!.episode).toMatchObject({ id: episode, title: "Episode timeline", durationSeconds: 3600, audioUrl: "https://example.com/timeline.mp3", insightStatus: "done" });
    expect(page!.podcast).toMatchObject({ id: show, title: `Show ${run}` });
    expect(page!.insights.map((card) => card.id)).toEqual([insight.early, insight.middle, insight.late]);
    expect(page!.insights.map((card) => card.startSeconds)).toEqual([120, 1500, 3000]);
    expect(page!.insights[0]).toMatchObject({ headline: `Early ${run}`, episode: { id: episode }, podcast: { id: show }, endSeconds: 150 });
    expect(page!.lengthSeconds).toBe(3600);
  });

  it("shows each reader only their own saves", async () => {
    const reader = await makeReader();
    const other = await makeReader();
    await saveInsight(reader, insight.middle!);
    const mine = await getEpisodePage(show, episode, reader);
    expect(mine!.insights.filter((card) => card.saved).map((card) => card.id)).toEqual([insight.middle]);
    const theirs = await getEpisodePage(show, episode, other);
    expect(theirs!.insights.some((card) => card.saved)).toBe(false);
  });

  it("has the chapters in order, an open-ended one running to the end", async () => {
    const page = await getEpisodePage(show, episode, await makeReader());
    expect(page!.chapters).toEqual([
      { title: "First half", startSeconds: 0, endSeconds: 1800 },
      { title: "Second half", startSeconds: 1800, endSeconds: 3600 },
    ]);
  });

  it("explains an episode without insights and sizes its timeline from what is on it", async () => {
    const page = await getEpisodePage(show, quiet, await makeReader());
    expect(page!.insights).toEqual([]);
    expect(page!.chapters).toEqual([]);
    expect(page!.lengthSeconds).toBe(0);
    expect(page!.episode.audioUrl).toBeNull();
    // Without a duration, the last insight or chapter end decides; a wrong, short duration does not cut it off.
    expect(timelineSeconds(null, [{ endSeconds: 200 }], [{ startSeconds: 250, endSeconds: null }])).toBe(250);
    expect(timelineSeconds(100, [{ endSeconds: 400 }], [])).toBe(400);
  });

  it("knows an untimed transcript's insights (start = end = 0) have no time, and a timed one's where it was said", async () => {
    const untimed = await makeEpisode(show, "untimed");
    const id = await db.insight.create({
      data: { episodeId: untimed, headline: `Untimed ${run}`, body: "Body.", quote: "Quote.", startSeconds: 0, endSeconds: 0, qualityScore: 0.5, model: "test", promptVersion: "test", publishedAt },
      select: { id: true },
    });
    const page = await getEpisodePage(show, untimed, await makeReader());
    expect(page!.insights.map((card) => [card.id, card.saidAt])).toEqual([[id.id, null]]);
    const timed = await getEpisodePage(show, episode, await makeReader());
    expect(timed!.insights.map((card) => card.saidAt)).toEqual([120, 1500, 3000]);
  });

  it("is not found through another show, or for a malformed id", async () => {
    const reader = await makeReader();
    await expect(getEpisodePage(show, otherEpisode, reader)).resolves.toBeNull();
    await expect(getEpisodePage(otherShow, episode, reader)).resolves.toBeNull();
    await expect(getEpisodePage(show, "no-such-episode", reader)).resolves.toBeNull();
    await expect(getEpisodePage(show, "'; DROP TABLE episodes; --", reader)).resolves.toBeNull();
    await expect(getEpisodePage("", episode, reader)).resolves.toBeNull();
    await expect(getEpisodeTitle(otherShow, episode)).resolves.toBeNull();
    await expect(getEpisodeTitle(show, episode)).resolves.toEqual({ title: "Episode timeline", podcast: { title: `Show ${run}` } });
  });
});

describe("the show page", () => {
  it("lists each episode's two best insights by quality", async () => {
    const podcast = await getPodcast(show, await makeReader());
    expect(podcast).not.toBeNull();
    const byId = new Map(podcast!.episodes.map((row) => [row.id, row]));
    expect(byId.get(episode)!._count.insights).toBe(3);
    expect(byId.get(episode)!.topInsights).toEqual([
      { id: insight.middle, headline: `Middle ${run}` },
      { id: insight.late, headline: `Late ${run}` },
    ]);
    expect(byId.get(quiet)!.topInsights).toEqual([]);
    // Another show's insights never appear under this one.
    expect(podcast!.episodes.flatMap((row) => row.topInsights).map((top) => top.id)).not.toContain(insight.elsewhere);
  });
});
