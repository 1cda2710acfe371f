/**
 * A worker killed (SIGKILL) at random moments while it extracts and relates real episodes, then
 * started again, ends with exactly the insights an uninterrupted run makes: none lost, none twice,
 * every one related, and related lists and clusters consistent.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, inject } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { corpusFile } from "@/tests/helpers/corpus";

const { db } = await import("@/lib/db");
const { closeQueue } = await import("@/lib/jobs/enqueue");
const { insightId } = await import("@/lib/insights/extract-episode");
const { createOfflineExtractor } = await import("@/lib/insights/offline/offline-extractor");
const { RELATED_LIMIT } = await import("@/lib/insights/relate/choose");

afterAll(async () => {
  await closeQueue();
});

const FILES = [
  "changelog_practical-ai-86.md",
  "changelog_practical-ai-105.md",
  "changelog_brain-science-5.md",
  "talkpython_465-the-ai-revolution-wont-be-monopolized.vtt",
  "talkpython_yt_550-ai-contributions-and-maintainer-load.vtt",
  "btctranscripts_slp066-james-obeirne.md",
];

function startWorker(ids: string[]): { child: ChildProcess; exited: Promise<number | null>; working: Promise<void> } {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/insights-process.ts", ids.join(",")], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const working = new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { child, exited, working };
}

describe("a worker killed mid-extraction", () => {
  it("loses nothing and duplicates nothing once restarted", { timeout: 600_000 }, async () => {
    const run = randomUUID().slice(0, 8);
    const podcast = await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/crash`, title: "Crash test" } });
    const expected = new Map<string, string[]>();
    const ids: string[] = [];
    for (const [i, file] of FILES.entries()) {
      const parsed = parseTranscript(corpusFile(`transcripts/${file}`), { url: `https://example.com/${file}` });
      const title = `Episode ${i + 1}`;
      const episode = await db.episode.create({
        data: {
          podcastId: podcast.id,
          guid: `${run}-${file}`,
          title,
          publishedAt: new Date(Date.UTC(2026, 9, 1 + i)),
          transcriptStatus: "fetched",
          transcript: { create: { sourceFormat: parsed.format, text: parsed.text, segments: parsed.segments } },
        },
      });
      ids.push(episode.id);
      // What an uninterrupted run stores: the offline extractor is deterministic, and ids follow from the quoted moment.
      const result = await createOfflineExtractor().extract({ segments: parsed.segments, episodeTitle: title, podcastTitle: podcast.title });
      expected.set(episode.id, result.insights.map((insight) => insightId(episode.id, insight)).sort());
    }

    let kills = 0;
    for (;;) {
      const worker = startWorker(ids);
      const killed = Promise.race([worker.working, worker.exited]).then(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 1500));
        return worker.child.kill("SIGKILL");
      });
      const code = await worker.exited;
      await killed;
      if (code === 0) break;
      kills++;
      if (kills > 40) throw new Error("the worker never finished");
    }
    expect(kills).toBeGreaterThan(0);

    for (const episodeId of ids) {
      const stored = await db.insight.findMany({ where: { episodeId }, select: { id: true, relatedAt: true }, orderBy: { id: "asc" } });
      expect(stored.map((insight) => insight.id).sort()).toEqual(expected.get(episodeId));
      expect(stored.every((insight) => insight.relatedAt !== null)).toBe(true);
      expect(await db.episode.findUniqueOrThrow({ where: { id: episodeId }, select: { insightStatus: true } })).toEqual({ insightStatus: "done" });
    }
    const insights = await db.insight.findMany({
      where: { episodeId: { in: ids } },
      select: { id: true, clusterId: true, _count: { select: { related: true } }, topics: { select: { clusterId: true } } },
    });
    for (const insight of insights) {
      expect(insight._count.related).toBeLessThanOrEqual(RELATED_LIMIT);
      for (const link of insight.topics) expect(link.clusterId).toBe(insight.clusterId);
    }
    const clusterIds = [...new Set(insights.flatMap((insight) => (insight.clusterId ? [insight.clusterId] : [])))];
    for (const cluster of await db.cluster.findMany({ where: { id: { in: clusterIds } }, include: { _count: { select: { insights: true } } } })) {
      expect(cluster.size).toBe(cluster._count.insights);
      expect(cluster.size).toBeGreaterThanOrEqual(2);
    }
  });
});
