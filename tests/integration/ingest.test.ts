/**
 * Ingestion against a real database and a loopback feed server that behaves like a real host
 * (ETag, Last-Modified, gzip), serving the real feeds and transcripts of the shared corpus.
 */
import { randomUUID } from "node:crypto";
import zlib from "node:zlib";
import { MockTranscriptionModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

// The feed server is on loopback, which safe fetching refuses unless allowed; allow exactly it,
// before any module reads the settings.
const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;

const { db } = await import("@/lib/db");
const { pollPodcast } = await import("@/lib/ingest/poll-podcast");
const { fetchEpisodeTranscript } = await import("@/lib/ingest/fetch-transcript");
const { exportOpml, importOpml } = await import("@/lib/podcasts/podcast-library");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { createTranscriber } = await import("@/lib/ai/transcription");

afterAll(async () => {
  await closeQueue();
  await server.close();
});

const prefix = `/${randomUUID()}`;
const feedPath = (name: string) => `${prefix}/${name}`;

async function createPodcast(name: string) {
  return db.podcast.create({ data: { feedUrl: server.url(feedPath(name)), title: name } });
}

async function episodeGuids(podcastId: string): Promise<string[]> {
  return (await db.episode.findMany({ where: { podcastId }, select: { guid: true }, orderBy: { guid: "asc" } })).map((e) => e.guid);
}

async function createUser() {
  return db.user.create({ data: { email: `reader-${randomUUID()}@example.com` } });
}

describe("polling a feed", () => {
  it("stores every episode of a real feed, and a second poll transfers no body", async () => {
    server.serve(feedPath("pc20.xml"), { body: corpusFile("feeds/partytime_pc20rss.xml") });
    const podcast = await createPodcast("pc20.xml");

    const first = await pollPodcast(podcast.id);
    expect(first).toMatchObject({ status: "updated", newEpisodes: 56 });
    const stored = await db.podcast.findUniqueOrThrow({ where: { id: podcast.id } });
    expect(stored.title).toBe("Podcasting 2.0");
    expect(stored.etag).toMatch(/^"/);
    expect(stored.lastError).toBeNull();
    expect(stored.nextPollAt.getTime()).toBeGreaterThan(Date.now());
    const withTranscript = await db.episode.count({ where: { podcastId: podcast.id, NOT: { transcriptLinks: { equals: [] } } } });
    expect(withTranscript).toBeGreaterThan(0);

    const second = await pollPodcast(podcast.id);
    expect(second.status).toBe("not_modified");
    expect(server.bodiesSent(feedPath("pc20.xml"))).toBe(1);
    expect(server.requests(feedPath("pc20.xml"))[1]?.["if-none-match"]).toBe(stored.etag);
    expect(await db.episode.count({ where: { podcastId: podcast.id } })).toBe(56);
  });

  it("adds exactly the new episodes when the feed changes", async () => {
    const full = corpusFile("feeds/feedjira_itunes_feedburner.xml").toString("utf8");
    const firstItem = full.indexOf("<item>");
    const afterFirstItem = full.indexOf("</item>", firstItem) + "</item>".length;
    const older = full.slice(0, firstItem) + full.slice(afterFirstItem);
    server.serve(feedPath("nightvale.xml"), { body: older, lastModified: new Date("2026-11-01T00:00:00Z") });
    const podcast = await createPodcast("nightvale.xml");

    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: 2 });
    const before = await episodeGuids(podcast.id);

    server.serve(feedPath("nightvale.xml"), { body: full, lastModified: new Date("2026-11-02T00:00:00Z") });
    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: 1 });
    const after = await episodeGuids(podcast.id);
    expect(after).toHaveLength(3);
    expect(after.filter((guid) => !before.includes(guid))).toHaveLength(1);

    // The same document again, fetched in full (no validators sent back): still nothing new.
    await db.podcast.update({ where: { id: podcast.id }, data: { etag: null, lastModified: null } });
    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: 0 });
    expect(await episodeGuids(podcast.id)).toEqual(after);
  });

  it("keeps a stable identity for items without a GUID across polls", async () => {
    server.serve(feedPath("dk.xml"), { body: corpusFile("feeds/partytime_dk-podcast.xml") });
    const podcast = await createPodcast("dk.xml");
    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: 59 });
    await db.podcast.update({ where: { id: podcast.id }, data: { etag: null, lastModified: null } });
    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: 0 });
    expect(await db.episode.count({ where: { podcastId: podcast.id } })).toBe(59);
  });
});

describe("bad input", () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>a</guid></item></channel></rss>`;

  const cases: { name: string; expect: RegExp; setup: (path: string) => void }[] = [
    {
      name: "a 50 MB body",
      expect: /larger than/i,
      setup: (p) =>
        server.handle(p, (_request, response) => {
          response.writeHead(200, { "Content-Type": "application/rss+xml", "Content-Length": 50 * 1024 * 1024 });
          const chunk = Buffer.alloc(1024 * 1024, " ");
          let written = 0;
          const write = () => {
            while (written < 50 && response.write(chunk)) written++;
            if (written < 50) response.once("drain", write);
            else response.end();
          };
          write();
        }),
    },
    {
      name: "a feed that never ends",
      expect: /larger than/i,
      setup: (p) =>
        server.handle(p, (_request, response) => {
          response.writeHead(200, { "Content-Type": "application/rss+xml" });
          response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Forever</title>');
          const item = Buffer.from("<item><title>again</title></item>".repeat(2000));
          const write = () => {
            while (!response.destroyed && response.write(item));
            if (!response.destroyed) response.once("drain", write);
          };
          write();
        }),
    },
    {
      name: "a gzip bomb",
      expect: /larger than/i,
      setup: (p) => {
        const bomb = zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20));
        server.handle(p, (_request, response) => {
          response.writeHead(200, { "Content-Type": "application/rss+xml", "Content-Encoding": "gzip", "Content-Length": bomb.length }).end(bomb);
        });
      },
    },
    { name: "an XML billion-laughs document", expect: /entit/i, setup: (p) => server.serve(p, { body: billionLaughs }) },
    {
      name: "an HTML page",
      expect: /HTML page/i,
      setup: (p) => server.serve(p, { body: "<!doctype html><html><head><title>Blog</title></head><body><p>Hello</p></body></html>", contentType: "text/html" }),
    },
    { name: "an empty body", expect: /empty/i, setup: (p) => server.serve(p, { body: "" }) },
    { name: "a missing page", expect: /404/, setup: (p) => server.handle(p, (_request, response) => response.writeHead(404).end("gone")) },
  ];

  for (const testCase of cases) {
    it(`records ${testCase.name} as a readable error and changes nothing else`, async () => {
      const name = `bad-${cases.indexOf(testCase)}.xml`;
      server.serve(feedPath(name), { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
      const podcast = await createPodcast(name);
      await pollPodcast(podcast.id);
      const before = await db.podcast.findUniqueOrThrow({ where: { id: podcast.id } });
      const guidsBefore = await episodeGuids(podcast.id);

      testCase.setup(feedPath(name));
      await db.podcast.update({ where: { id: podcast.id }, data: { etag: null, lastModified: null } });

      const outcome = await pollPodcast(podcast.id);
      expect(outcome.status).toBe("failed");
      const after = await db.podcast.findUniqueOrThrow({ where: { id: podcast.id } });
      expect(after.lastError).toMatch(testCase.expect);
      expect(after.lastError).not.toMatch(/\n\s+at /);
      expect(after.consecutiveFailures).toBe(1);
      expect(after.nextPollAt.getTime()).toBeGreaterThan(Date.now());
      expect(after.title).toBe(before.title);
      expect(after.lastSuccessAt).toEqual(before.lastSuccessAt);
      expect(await episodeGuids(podcast.id)).toEqual(guidsBefore);
    });
  }
});

describe("transcripts", () => {
  it("fetches the best transcript offered, and falls back to show notes, marked, when there is none", async () => {
    server.serve(feedPath("episode.json"), { body: corpusFile("transcripts/transcriptator_buzzcast.json"), contentType: "application/json" });
    server.serve(feedPath("episode.srt"), { body: corpusFile("transcripts/transcriptator_buzzcast.srt"), contentType: "application/x-subrip" });
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Transcript test</title><link>https://example.com</link><description>t</description>
<item><title>With transcripts</title><guid>with</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<description>Notes</description><enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="1"/>
<podcast:transcript url="${server.url(feedPath("episode.srt"))}" type="application/x-subrip"/>
<podcast:transcript url="${server.url(feedPath("episode.json"))}" type="application/json"/></item>
<item><title>Without</title><guid>without</guid><pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>We talk about <b>open-source</b> models.</p><p>Second paragraph.</p>]]></description>
<enclosure url="${server.url(feedPath("without.mp3"))}" type="audio/mpeg" length="1"/></item>
</channel></rss>`;
    server.serve(feedPath("transcripts.xml"), { body: feed });
    server.serve(feedPath("without.mp3"), { body: Buffer.alloc(4096, 1), contentType: "audio/mpeg" });
    const podcast = await createPodcast("transcripts.xml");
    await pollPodcast(podcast.id);
    const episodes = await db.episode.findMany({ where: { podcastId: podcast.id }, orderBy: { guid: "asc" } });
    const [withTranscripts, without] = [episodes.find((e) => e.guid === "with")!, episodes.find((e) => e.guid === "without")!];

    expect(await fetchEpisodeTranscript(withTranscripts.id)).toBe("fetched");
    const transcript = await db.transcript.findUniqueOrThrow({ where: { episodeId: withTranscripts.id } });
    expect(transcript.sourceFormat).toBe("json");
    expect(transcript.sourceUrl).toBe(server.url(feedPath("episode.json")));
    expect(transcript.isShowNotesFallback).toBe(false);
    expect((transcript.segments as unknown[]).length).toBeGreaterThan(10);
    expect(server.bodiesSent(feedPath("episode.srt"))).toBe(0);

    // A retried job finds the transcript stored and does nothing.
    expect(await fetchEpisodeTranscript(withTranscripts.id)).toBe("already_done");
    expect(await db.transcript.count({ where: { episodeId: withTranscripts.id } })).toBe(1);

    expect(await fetchEpisodeTranscript(without.id)).toBe("show_notes");
    const fallback = await db.transcript.findUniqueOrThrow({ where: { episodeId: without.id } });
    expect(fallback.isShowNotesFallback).toBe(true);
    expect(fallback.sourceFormat).toBe("show_notes");
    expect(fallback.text).toBe("We talk about open-source models.\n\nSecond paragraph.");
    const stored = await db.episode.findUniqueOrThrow({ where: { id: without.id } });
    expect(stored.transcriptStatus).toBe("missing");
    expect(stored.transcriptError).toMatch(/no transcript/i);
    // No transcription model is configured, so the audio was never downloaded.
    expect(server.bodiesSent(feedPath("without.mp3"))).toBe(0);
  });

  it("transcribes the audio instead when a transcription model is configured", async () => {
    server.serve(feedPath("spoken.mp3"), { body: Buffer.alloc(8192, 7), contentType: "audio/mpeg" });
    server.serve(
      feedPath("spoken.xml"),
      {
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Spoken</title><item><title>Audio only</title><guid>audio-only</guid>
<enclosure url="${server.url(feedPath("spoken.mp3"))}" type="audio/mpeg" length="8192"/></item></channel></rss>`,
      },
    );
    const podcast = await createPodcast("spoken.xml");
    await pollPodcast(podcast.id);
    const episode = await db.episode.findFirstOrThrow({ where: { podcastId: podcast.id } });
    const heard: number[] = [];
    const model = new MockTranscriptionModelV4({
      modelId: "mock-whisper",
      doGenerate: async ({ audio }) => {
        heard.push(typeof audio === "string" ? audio.length : audio.length);
        return {
          text: "Hello there. Second sentence.",
          segments: [
            { text: " Hello there.", startSecond: 0, endSecond: 1.5 },
            { text: " Second sentence.", startSecond: 1.5, endSecond: 3.25 },
          ],
          language: "en",
          durationInSeconds: 3.25,
          warnings: [],
          response: { timestamp: new Date(), modelId: "mock-whisper" },
        };
      },
    });
    expect(await fetchEpisodeTranscript(episode.id, { transcriber: createTranscriber(model) })).toBe("fetched");
    expect(heard).toEqual([8192]);
    const transcript = await db.transcript.findUniqueOrThrow({ where: { episodeId: episode.id } });
    expect(transcript.sourceFormat).toBe("transcription");
    expect(transcript.segments).toEqual([
      { start: 0, end: 1.5, speaker: null, text: "Hello there." },
      { start: 1.5, end: 3.25, speaker: null, text: "Second sentence." },
    ]);
  });
});

describe("adding podcasts", () => {
  it("imports OPML and exports the reader's podcasts as OPML", async () => {
    const user = await createUser();
    const opml = `<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>
<outline text="Tech"><outline type="rss" text="One &amp; Only" xmlUrl="${server.url(feedPath("opml-1.xml"))}"/>
<outline type="rss" text="Two" xmlurl="${server.url(feedPath("opml-2.xml"))}"/></outline>
<outline text="Broken" xmlUrl="not a url at all"/></body></opml>`;
    const result = await importOpml(user.id, opml);
    expect(result).toEqual({ followed: 2, alreadyFollowing: 0, invalid: ["not a url at all"] });
    expect(await importOpml(user.id, opml)).toMatchObject({ followed: 0, alreadyFollowing: 2 });

    const exported = await exportOpml(user.id);
    expect(exported).toContain(`xmlUrl="${server.url(feedPath("opml-1.xml"))}"`);
    expect(exported).toContain('text="One &amp; Only"');
    // What we export, another reader can import.
    const other = await createUser();
    expect(await importOpml(other.id, exported)).toMatchObject({ followed: 2, invalid: [] });
  });
});
