/**
 * A worker killed (SIGKILL) at random moments while it ingests many real feeds, then started again,
 * ends with exactly the episodes of a run that was never interrupted: nothing lost, nothing twice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it, inject } from "vitest";
import { corpusFile } from "@/tests/helpers/corpus";
import { type FeedServer, startFeedServer } from "@/tests/helpers/feed-server";

const server: FeedServer = await startFeedServer();
process.env.FETCH_ALLOWED_HOSTS = server.host;
const { db } = await import("@/lib/db");
const { pollPodcast } = await import("@/lib/ingest/poll-podcast");
const { closeQueue } = await import("@/lib/jobs/enqueue");

afterAll(async () => {
  await closeQueue();
  await server.close();
});

const feeds = [
  "rssparser_giantbomb-podcast.rss",
  "feedjira_CRE.xml",
  "partytime_no-agenda.xml",
  "partytime_1865.xml",
  "partytime_pc20rss.xml",
  "partytime_themnshow.xml",
  "partytime_launched.xml",
  "partytime_dk-podcast.xml",
  "partytime_changing-the-tide.xml",
  "rssparser_itunes-keywords-astext.rss",
  "feedjira_itunes_feedburner.xml",
  "podcastns_example.xml",
];

const run = `${Date.now()}`;

// Each feed under three addresses: enough work that every kill lands mid-run.
const copies = [1, 2, 3];

async function createPodcasts(group: string) {
  const podcasts = [];
  for (const feed of copies.flatMap((copy) => feeds.map((name) => `${copy}-${name}`))) {
    const path = `/${run}/${group}/${feed}`;
    server.serve(path, { body: corpusFile(`feeds/${feed.slice(2)}`) });
    podcasts.push(await db.podcast.create({ data: { feedUrl: server.url(path), title: feed } }));
  }
  return podcasts;
}

/** Per feed, the episodes as a reader would see them, independent of row ids. */
async function snapshot(podcastIds: string[]) {
  const podcasts = await db.podcast.findMany({
    where: { id: { in: podcastIds } },
    select: {
      title: true,
      feedUrl: true,
      episodes: { orderBy: { guid: "asc" }, select: { guid: true, title: true, audioUrl: true, publishedAt: true, durationSeconds: true, _count: { select: { chapters: true } } } },
    },
  });
  return Object.fromEntries(podcasts.map((podcast) => [podcast.feedUrl.split("/").at(-1), { title: podcast.title, episodes: podcast.episodes }]));
}

function startIngester(ids: string[]): { child: ChildProcess; exited: Promise<number | null>; working: Promise<void> } {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/ingest-process.ts", ids.join(",")], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2", FETCH_ALLOWED_HOSTS: server.host },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // Resolves once it has stored its first feed: from then on a kill lands mid-ingestion.
  const working = new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { child, exited, working };
}

describe("a worker killed mid-ingestion", () => {
  it("loses nothing and duplicates nothing once restarted", { timeout: 300_000 }, async () => {
    const calm = await createPodcasts("calm");
    for (const podcast of calm) await pollPodcast(podcast.id);
    const expected = await snapshot(calm.map((podcast) => podcast.id));
    expect(Object.values(expected).reduce((sum: number, feed) => sum + (feed as { episodes: unknown[] }).episodes.length, 0)).toBeGreaterThan(1000);

    const killed = await createPodcasts("killed");
    const ids = killed.map((podcast) => podcast.id);
    let kills = 0;
    // Each run stores at least one feed before it can be killed, so the kills always move the work on;
    // the short delay makes them land mid-run even on a fast machine.
    for (let attempt = 0; attempt < 40; attempt++) {
      const { child, exited, working } = startIngester(ids);
      const outcome = await Promise.race([exited, working.then(() => new Promise<"kill">((resolve) => setTimeout(() => resolve("kill"), Math.random() * 150)))]);
      if (outcome === "kill" && kills < 6) {
        child.kill("SIGKILL");
        await exited;
        kills++;
        continue;
      }
      expect(await exited).toBe(0);
      break;
    }
    const after = await snapshot(ids);
    expect(after).toEqual(expected);
    expect(kills).toBeGreaterThanOrEqual(3);
  });
});
