/**
 * A worker killed (SIGKILL) at each step of a poll (the feed read but nothing stored, between two
 * batches of episodes, everything stored but no transcript fetch queued), then started again as the
 * job's retry would: every show ends with exactly the episodes and queued transcript fetches of a run
 * that was never interrupted, nothing lost, nothing twice. The worker kills itself at the chosen
 * step, so every run tests every step whatever the machine's speed.
 */
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it, inject } from "vitest";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;
const { db } = await import("@/lib/db");
const { pollPodcast } = await import("@/lib/ingest/poll-podcast");
const { EPISODE_BATCH } = await import("@/lib/ingest/store-feed");
const { closeQueue } = await import("@/lib/jobs/enqueue");

afterAll(async () => {
  await closeQueue();
  await server.close();
});

// The middle show is the one killed: it has more episodes than one batch, and shows on both sides.
const feeds = ["partytime_pc20rss.xml", "rssparser_giantbomb-podcast.rss", "partytime_no-agenda.xml"];

async function createPodcasts(group: string) {
  const podcasts = [];
  for (const feed of feeds) {
    const path = `/${group}/${feed}`;
    server.serve(path, { body: corpusFile(`feeds/${feed}`) });
    podcasts.push(await db.podcast.create({ data: { feedUrl: server.url(path), title: feed } }));
  }
  return podcasts;
}

/** Per feed, the episodes as a reader would see them and the transcript fetches queued, independent of row ids. */
async function snapshot(podcastIds: string[]) {
  const podcasts = await db.podcast.findMany({
    where: { id: { in: podcastIds } },
    select: {
      id: true,
      title: true,
      feedUrl: true,
      lastSuccessAt: true,
      episodes: { orderBy: { guid: "asc" }, select: { guid: true, title: true, audioUrl: true, publishedAt: true, durationSeconds: true, _count: { select: { chapters: true } } } },
    },
  });
  const jobs = await db.$queryRaw<{ podcast_id: string; guid: string }[]>`
    SELECT e.podcast_id, e.guid FROM pgboss.job AS j JOIN episodes AS e ON e.id = j.data->>'episodeId'
    WHERE j.name = 'fetch-transcript' AND e.podcast_id = ANY(${podcastIds}::text[])`;
  return Object.fromEntries(
    podcasts.map((podcast) => [
      podcast.feedUrl.split("/").at(-1),
      {
        title: podcast.title,
        read: podcast.lastSuccessAt !== null,
        episodes: podcast.episodes,
        transcriptFetches: jobs.filter((job) => job.podcast_id === podcast.id).map((job) => job.guid).sort(),
      },
    ]),
  );
}

function runIngester(args: object): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/ingest-process.ts", JSON.stringify(args)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2", FETCH_ALLOWED_HOSTS: server.host },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
}

describe("a worker killed mid-ingestion", () => {
  it.each(["after-fetch", "mid-store", "after-store"] as const)("loses nothing and duplicates nothing once restarted, killed %s", { timeout: 240_000 }, async (killAt) => {
    const run = `${killAt}-${Date.now()}`;
    const calm = await createPodcasts(`${run}/calm`);
    for (const podcast of calm) await pollPodcast(podcast.id);
    const expected = await snapshot(calm.map((podcast) => podcast.id));
    const victim = feeds[1]!;
    expect(expected[victim]!.episodes.length).toBeGreaterThan(EPISODE_BATCH);
    expect(expected[victim]!.transcriptFetches.length).toBeGreaterThan(0);

    const killed = await createPodcasts(`${run}/killed`);
    const ids = killed.map((podcast) => podcast.id);
    const crash = await runIngester({ podcastIds: ids, killAt, killPodcast: ids[1] });
    // tsx runs the script in a child of its own and reports its SIGKILL as a failed exit.
    expect(crash.signal ?? crash.code, crash.output).not.toBe(0);
    expect(crash.output).toContain(`${ids[0]} updated`);
    expect(crash.output).toContain("killed");
    expect(crash.output).not.toContain(ids[2]);

    // The kill landed where it was meant to.
    const atKill = (await snapshot(ids))[victim]!;
    const stored = atKill.episodes.length;
    const all = expected[victim]!.episodes.length;
    if (killAt === "after-fetch") expect({ stored, read: atKill.read }).toEqual({ stored: 0, read: false });
    if (killAt === "mid-store") expect({ some: stored > 0 && stored < all, read: atKill.read }).toEqual({ some: true, read: false });
    if (killAt === "after-store") expect({ stored, read: atKill.read, queued: atKill.transcriptFetches.length }).toEqual({ stored: all, read: true, queued: 0 });

    // The killed poll's job is retried once it expires, and the poll after it runs for the first time.
    const restarted = await runIngester({ podcastIds: ids.slice(1) });
    expect(restarted.code, restarted.output).toBe(0);
    expect(await snapshot(ids)).toEqual(expected);
  });
});
