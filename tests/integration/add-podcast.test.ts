/**
 * Adding shows without holding the reader's request (issue 13, findings 2 and 8): a feed of thousands of
 * items is capped at the newest MAX_EPISODES_PER_FEED and stored in short transactions; adding by URL
 * only queues the first read, which the worker does; a failed add says so and is never taken for a read
 * show, and adding it again reads it again; an OPML import queues its first reads spread out in time.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

// The feed server is on loopback, which safe fetching refuses unless allowed; allow exactly it,
// before any module reads the settings.
const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;

const { db } = await import("@/lib/db");
const { pollPodcast } = await import("@/lib/ingest/poll-podcast");
const { parseFeed } = await import("@/lib/ingest/feed/parse-feed");
const { MAX_EPISODES_PER_FEED } = await import("@/lib/ingest/feed/newest-items");
const { EPISODE_BATCH, storeFeed } = await import("@/lib/ingest/store-feed");
const { addPodcastByUrl } = await import("@/lib/podcasts/add-podcast");
const { addPodcastJob } = await import("@/worker/handlers");
const { readNewPodcast } = await import("@/lib/podcasts/read-new-podcast");
const { importOpml, listOtherPodcasts, OPML_READ_SPACING_SECONDS } = await import("@/lib/podcasts/podcast-library");
const { closeQueue } = await import("@/lib/jobs/enqueue");

const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });

afterAll(async () => {
  await pool.end();
  await closeQueue();
  await server.close();
});

const prefix = `/${randomUUID()}`;
const feedPath = (name: string) => `${prefix}/${name}`;
const HOUR = 3_600_000;
const NEWEST = Date.UTC(2026, 10, 1);

/** A feed of `count` items whose dates are not in feed order: item i is `ageHours(i)` hours old. */
function generatedFeed(count: number, ageHours: (index: number) => number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Episode ${i}</title><guid>item-${i}</guid><pubDate>${new Date(NEWEST - ageHours(i) * HOUR).toUTCString()}</pubDate>` +
      `<enclosure url="https://example.com/${i}.mp3" type="audio/mpeg" length="1000"/></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Generated ${count}</title>${items.join("")}</channel></rss>`;
}

async function createUser() {
  return db.user.create({ data: { email: `reader-${randomUUID()}@example.com` } });
}

/** The add-podcast jobs queued for a show, oldest first. */
async function queuedReads(podcastId: string) {
  const { rows } = await pool.query<{ data: { podcastId: string }; start_after: Date; created_on: Date }>(
    "SELECT data, start_after, created_on FROM pgboss.job WHERE name = 'add-podcast' AND data->>'podcastId' = $1 ORDER BY created_on",
    [podcastId],
  );
  return rows;
}

/** Runs a show's queued first read as the worker would. */
async function runFirstRead(podcastId: string) {
  await addPodcastJob.run({ podcastId, requestedAt: new Date().toISOString() }, { jobId: randomUUID(), retryCount: 0 });
}

describe("a feed that lists thousands of items", () => {
  it(`stores only the newest ${MAX_EPISODES_PER_FEED} by date, and records how many the feed lists`, async () => {
    const count = 5_000;
    // Dates in a shuffled order, so that the newest are not simply the first in the feed.
    const ageHours = (i: number) => (i * 7919) % count;
    server.serve(feedPath("five-thousand.xml"), { body: generatedFeed(count, ageHours) });
    const podcast = await db.podcast.create({ data: { feedUrl: server.url(feedPath("five-thousand.xml")), title: "5,000" } });

    expect(await pollPodcast(podcast.id)).toMatchObject({ status: "updated", newEpisodes: MAX_EPISODES_PER_FEED });
    const stored = await db.episode.findMany({ where: { podcastId: podcast.id }, select: { guid: true } });
    const newest = Array.from({ length: count }, (_, i) => i)
      .filter((i) => ageHours(i) < MAX_EPISODES_PER_FEED)
      .map((i) => `item-${i}`);
    expect(stored.map((episode) => episode.guid).sort()).toEqual(newest.sort());
    const after = await db.podcast.findUniqueOrThrow({ where: { id: podcast.id } });
    expect(after.listedEpisodes).toBe(count);
  });

  it("stores its episodes in short transactions, each committed before the next begins", async () => {
    const count = 3 * EPISODE_BATCH + 17;
    const feed = parseFeed(generatedFeed(count, (i) => i));
    const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${randomUUID()}/batched.xml`, title: "Batched" } });
    const batches: { size: number; committed: number }[] = [];
    const fetchedAt = new Date();
    await storeFeed(
      podcast.id,
      feed,
      { etag: null, lastModified: null, fetchedAt, schedule: () => ({ pollIntervalMinutes: 60, nextPollAt: fetchedAt }) },
      {
        // Another client, between batches: it sees each batch committed, and is not kept waiting by an open one.
        afterBatch: async (size) => {
          const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM episodes WHERE podcast_id = $1", [podcast.id]);
          batches.push({ size, committed: rows[0]!.n });
        },
      },
    );
    expect(batches.length).toBe(Math.ceil(count / EPISODE_BATCH));
    expect(Math.max(...batches.map((batch) => batch.size))).toBeLessThanOrEqual(EPISODE_BATCH);
    let total = 0;
    for (const batch of batches) {
      total += batch.size;
      expect(batch.committed).toBe(total);
    }
    expect(await db.episode.count({ where: { podcastId: podcast.id } })).toBe(count);
  });
});

describe("adding a show by its address", () => {
  it("answers before the feed is fetched; the queued job reads and stores the show", async () => {
    server.serve(feedPath("queued.xml"), { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
    const [alice, bob] = [await createUser(), await createUser()];

    const added = await addPodcastByUrl(alice.id, server.url(feedPath("queued.xml")));
    expect(added.addStatus).toBe("reading");
    expect(server.requests(feedPath("queued.xml"))).toHaveLength(0);
    expect(await queuedReads(added.podcastId)).toHaveLength(1);
    const pending = await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId } });
    expect(pending.lastSuccessAt).toBeNull();
    expect(await pollPodcast(added.podcastId)).toEqual({ status: "skipped" });

    await runFirstRead(added.podcastId);
    const read = await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId }, include: { _count: { select: { episodes: true } } } });
    expect(read).toMatchObject({ addStatus: "ready", title: "Welcome to Night Vale", lastError: null });
    expect(read._count.episodes).toBe(3);
    expect(read.lastSuccessAt).not.toBeNull();

    // A second reader follows the same show, and nothing is read again.
    expect(await addPodcastByUrl(bob.id, server.url(feedPath("queued.xml")))).toEqual({ podcastId: added.podcastId, addStatus: "ready" });
    expect(await queuedReads(added.podcastId)).toHaveLength(1);
    expect(server.bodiesSent(feedPath("queued.xml"))).toBe(1);
    expect(await db.podcastSubscription.count({ where: { podcastId: added.podcastId } })).toBe(2);
  });

  it("refuses an address that is not http(s) at once, storing nothing", async () => {
    const user = await createUser();
    await expect(addPodcastByUrl(user.id, "ftp://example.com/feed")).rejects.toThrow(/http/i);
    expect(await db.podcastSubscription.count({ where: { userId: user.id } })).toBe(0);
  });

  const failures = [
    { name: "answers 500", expect: /500/, setup: (p: string) => server.handle(p, (_request, response) => response.writeHead(500).end("oops")) },
    { name: "is malformed XML", expect: /not valid XML/i, setup: (p: string) => server.serve(p, { body: corpusFile("feeds/feedjira_itunes_feedburner.xml").subarray(0, 3000) }) },
  ];
  for (const failure of failures) {
    it(`records a feed that ${failure.name} as a failed add, never as a read show, and reads it again when added again`, async () => {
      const path = feedPath(`failing-${failures.indexOf(failure)}.xml`);
      failure.setup(path);
      const [alice, bob] = [await createUser(), await createUser()];

      const added = await addPodcastByUrl(alice.id, server.url(path));
      await runFirstRead(added.podcastId);
      const failed = await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId } });
      expect(failed.addStatus).toBe("failed");
      expect(failed.lastError).toMatch(failure.expect);
      expect(failed.lastSuccessAt).toBeNull();
      expect(await pollPodcast(added.podcastId)).toEqual({ status: "skipped" });
      expect((await listOtherPodcasts(bob.id, 1000)).map((podcast) => podcast.id)).not.toContain(added.podcastId);

      // The feed is fixed; adding it again (by anyone) reads it again.
      server.serve(path, { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
      expect(await addPodcastByUrl(bob.id, server.url(path))).toEqual({ podcastId: added.podcastId, addStatus: "reading" });
      expect(await queuedReads(added.podcastId)).toHaveLength(2);
      await runFirstRead(added.podcastId);
      const read = await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId }, include: { _count: { select: { episodes: true } } } });
      expect(read).toMatchObject({ addStatus: "ready", lastError: null, title: "Welcome to Night Vale" });
      expect(read._count.episodes).toBe(3);
    });
  }

  it("leaves a show whose store failed on the read's last attempt failed, not empty and looking read, and reads it again when added again", async () => {
    server.serve(feedPath("store-fails.xml"), { body: corpusFile("feeds/feedjira_itunes_feedburner.xml") });
    const user = await createUser();
    const added = await addPodcastByUrl(user.id, server.url(feedPath("store-fails.xml")));
    const failing = () => {
      throw new Error("the disk is full");
    };
    await expect(readNewPodcast(added.podcastId, { lastAttempt: true, afterBatch: failing })).rejects.toThrow("the disk is full");
    const failed = await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId } });
    expect(failed).toMatchObject({ addStatus: "failed", lastSuccessAt: null, etag: null });
    expect(failed.lastError).toMatch(/problem on Podbrief's side/);

    expect(await addPodcastByUrl(user.id, server.url(feedPath("store-fails.xml")))).toEqual({ podcastId: added.podcastId, addStatus: "reading" });
    await runFirstRead(added.podcastId);
    expect(await db.podcast.findUniqueOrThrow({ where: { id: added.podcastId } })).toMatchObject({ addStatus: "ready", lastError: null });
    expect(await db.episode.count({ where: { podcastId: added.podcastId } })).toBe(3);
  });
});

describe("importing OPML", () => {
  it("answers without reading any feed, and queues the first reads spread out in time", async () => {
    const user = await createUser();
    const names = ["one", "two", "three", "four", "five"].map((name) => `opml-spread-${name}.xml`);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
${names.map((name) => `<outline type="rss" text="${name}" xmlUrl="${server.url(feedPath(name))}"/>`).join("\n")}</body></opml>`;

    expect(await importOpml(user.id, opml)).toEqual({ followed: names.length, alreadyFollowing: 0, invalid: [] });
    for (const name of names) expect(server.requests(feedPath(name))).toHaveLength(0);

    const podcasts = await db.podcast.findMany({ where: { feedUrl: { in: names.map((name) => server.url(feedPath(name))) } }, select: { id: true, feedUrl: true, addStatus: true } });
    expect(podcasts.map((podcast) => podcast.addStatus)).toEqual(names.map(() => "reading"));
    const starts = [];
    for (const name of names) {
      const podcast = podcasts.find((candidate) => candidate.feedUrl === server.url(feedPath(name)))!;
      const jobs = await queuedReads(podcast.id);
      expect(jobs).toHaveLength(1);
      starts.push(jobs[0]!.start_after.getTime());
    }
    // In the file's order, each at least the spacing after the one before.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(OPML_READ_SPACING_SECONDS * 1000 - 1);
  });
});
