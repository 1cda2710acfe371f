/**
 * Demo content: real shows and transcripts that ship in `demo/` (see demo/README.md for their
 * sources and licences), loaded through the same parse and store steps as any feed, with files in
 * the repo standing in for the network. Safe to run again: it adds only what is missing.
 */
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { fetchEpisodeTranscript, type Loader } from "@/lib/ingest/fetch-transcript";
import { storeFeed } from "@/lib/ingest/store-feed";
import { queueExtraction } from "@/lib/insights/insight-jobs";
import { defineJob } from "@/lib/jobs/define-job";
import { moduleLog } from "@/lib/log";

const log = moduleLog("demo");

export const demoDir = path.join(/* turbopackIgnore: true */ process.cwd(), "demo");

const manifestSchema = z.object({
  podcasts: z.array(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/), feed: z.string() })),
  transcripts: z.record(z.string(), z.string()),
});

/** Demo shows are told apart from real feeds by this address, which is never fetched. */
export const demoFeedUrl = (slug: string) => `demo:${slug}`;

function insideDemoDir(dir: string, relative: string): string {
  const full = path.resolve(dir, relative);
  if (!full.startsWith(dir + path.sep)) throw new Error(`demo manifest points outside ${dir}: ${relative}`);
  return full;
}

export type DemoLoadResult = { podcasts: number; newEpisodes: number; transcripts: number };

export async function loadDemoContent(dir = demoDir): Promise<DemoLoadResult> {
  const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(dir, "manifest.json"), "utf8")));
  const load: Loader = async (url) => {
    const file = manifest.transcripts[url];
    if (!file) throw new SafeError(`the demo content has no file for ${url}`);
    return { body: await fs.readFile(insideDemoDir(dir, file)), contentType: null, url: file };
  };

  const result: DemoLoadResult = { podcasts: 0, newEpisodes: 0, transcripts: 0 };
  for (const entry of manifest.podcasts) {
    const feed = parseFeed(await fs.readFile(insideDemoDir(dir, entry.feed)));
    const feedUrl = demoFeedUrl(entry.slug);
    const podcast = await db.podcast.upsert({
      where: { feedUrl },
      create: { feedUrl, title: feed.title, isDemo: true },
      update: {},
      select: { id: true },
    });
    const fetchedAt = new Date();
    const stored = await storeFeed(podcast.id, feed, {
      etag: null,
      lastModified: null,
      fetchedAt,
      // Never polled (isDemo); the date only keeps the column truthful.
      schedule: () => ({ pollIntervalMinutes: 24 * 60, nextPollAt: new Date(fetchedAt.getTime() + 365 * 86_400_000) }),
    });
    result.podcasts++;
    result.newEpisodes += stored.newEpisodes;
    const pending = await db.episode.findMany({ where: { podcastId: podcast.id, transcriptStatus: "pending" }, select: { id: true } });
    for (const episode of pending) {
      const outcome = await fetchEpisodeTranscript(episode.id, { load, transcriber: null });
      if (outcome === "fetched") result.transcripts++;
      if (outcome !== "already_done") await queueExtraction(episode.id);
    }
  }
  return result;
}

export const loadDemoContentJob = defineJob({
  id: "load-demo-content",
  payload: z.object({ reason: z.string() }),
  key: ({ reason }) => reason,
  retry: { limit: 2, delaySeconds: 10, backoff: true },
  run: async () => {
    const result = await loadDemoContent();
    log.info(result, "demo content loaded");
  },
});
