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
import type { Loader } from "@/lib/ingest/fetch-transcript";
import { ingestFeed } from "@/lib/ingest/ingest-feed";

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
    const ingested = await ingestFeed(podcast.id, feed, { fetchedAt: new Date(), polling: "never", loadTranscripts: load });
    result.podcasts++;
    result.newEpisodes += ingested.newEpisodes;
    result.transcripts += ingested.loadedTranscripts;
  }
  return result;
}
