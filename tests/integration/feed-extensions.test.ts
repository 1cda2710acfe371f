/**
 * Podcasting 2.0 tags through ingestion into a real database: a show's podcast:funding links reach its
 * page as "Support this show", and an episode's alternate editions are kept beside the audio it plays.
 * Feeds are served by a loopback server like a real host, from the fixtures in tests/fixtures/feeds.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

// The feed server is on loopback, which safe fetching refuses unless allowed; allow exactly it,
// before any module reads the settings.
const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;

const { db } = await import("@/lib/db");
const { pollPodcast } = await import("@/lib/ingest/poll-podcast");
const { getPodcast } = await import("@/lib/podcasts/podcast-library");
const { closeQueue } = await import("@/lib/jobs/enqueue");

afterAll(async () => {
  await closeQueue();
  await server.close();
});

const prefix = `/${randomUUID()}`;
const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/feeds", name), "utf8");

async function pollFixture(name: string, body = fixture(name)) {
  server.serve(`${prefix}/${name}`, { body });
  const podcast = await db.podcast.create({ data: { feedUrl: server.url(`${prefix}/${name}`), title: name } });
  return { podcast, outcome: await pollPodcast(podcast.id) };
}

describe("podcast:funding", () => {
  it("is stored with the show and listed on its page, without the link that is not a web address", async () => {
    const { podcast, outcome } = await pollFixture("value-for-value.xml");
    expect(outcome).toMatchObject({ status: "updated", newEpisodes: 1 });

    const page = await getPodcast(podcast.id, null);
    expect(page?.fundingLinks).toEqual([
      { url: "https://boostagramball.example/support", title: "Support the show!" },
      { url: "https://www.patreon.com/boostagramball", title: "Become a member on Patreon" },
      { url: "https://ko-fi.com/boostagramball", title: null },
    ]);
  });

  it("goes when the feed drops it, and a show without any has none", async () => {
    const name = "funding-dropped.xml";
    const withFunding = fixture("value-for-value.xml");
    const { podcast } = await pollFixture(name, withFunding);
    expect((await getPodcast(podcast.id, null))?.fundingLinks).toHaveLength(3);

    server.serve(`${prefix}/${name}`, { body: withFunding.replace(/<podcast:funding[^>]*>[^<]*<\/podcast:funding>/g, ""), lastModified: new Date("2026-11-20T00:00:00Z") });
    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated" });
    expect((await getPodcast(podcast.id, null))?.fundingLinks).toEqual([]);

    const { podcast: plain } = await pollFixture("malformed-itunes-image.xml");
    const plainPage = await getPodcast(plain.id, null);
    expect(plainPage?.fundingLinks).toEqual([]);
    // The artwork the page shows is the feed's valid one, not the malformed iTunes text.
    expect(plainPage?.imageUrl).toBe("http://gracechapel.example/media/podcast-logo-1400.png");
  });
});

describe("podcast:alternateEnclosure", () => {
  it("the audio edition is the episode's media, the videos are kept, and an unchanged feed read again changes nothing", async () => {
    const name = "video-alternate-enclosure.xml";
    const { podcast, outcome } = await pollFixture(name);
    expect(outcome).toMatchObject({ status: "updated", newEpisodes: 2 });
    const episode = await db.episode.findUniqueOrThrow({ where: { podcastId_guid: { podcastId: podcast.id, guid: "wf-112" } } });
    expect(episode).toMatchObject({ audioUrl: "https://media.workshop-footage.example/112/wf112-audio.m4a", audioType: "audio/mp4" });
    expect(episode.alternateEnclosures).toEqual([
      { url: "https://media.workshop-footage.example/112/wf112-2160p.mp4", type: "video/mp4", length: 4_187_332_608, title: null, height: null, bitrate: null },
      { url: "https://media.workshop-footage.example/112/wf112-1080p.mp4", type: "video/mp4", length: 1_048_576_000, title: "1080p", height: 1080, bitrate: 1_100_000 },
    ]);

    // The same items under a new Last-Modified: read again in full, and nothing of them has changed
    // (the database hands JSON keys back in its own order, which is no change).
    server.serve(`${prefix}/${name}`, { body: `${fixture(name)}\n`, lastModified: new Date("2026-11-21T00:00:00Z") });
    expect(await pollPodcast(podcast.id)).toEqual({ status: "updated", newEpisodes: 0, updatedEpisodes: 0 });
  });
});
