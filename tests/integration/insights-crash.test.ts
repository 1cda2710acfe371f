/**
 * A worker killed (SIGKILL) at each step of an episode's insights (while the transcript is read, after
 * the insights are stored but before relating, inside the relating transaction), then started again:
 * it ends with exactly the insights an uninterrupted run makes, none lost, none twice, every one
 * related, and related lists and clusters consistent. The worker kills itself at the chosen step, so
 * every run tests every step whatever the machine's speed.
 */
import { spawn } from "node:child_process";
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

function runWorker(args: object): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.node.json", "tests/fixtures/insights-process.ts", JSON.stringify(args)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), DATABASE_POOL_SIZE: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
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

    // Each run is killed at one step of one episode and resumes where the previous one stopped.
    const kills = [
      { killAt: "mid-extraction", killEpisode: ids[1] },
      { killAt: "after-extraction", killEpisode: ids[2] },
      { killAt: "mid-relate", killEpisode: ids[3] },
    ] as const;
    for (const kill of kills) {
      const crash = await runWorker({ episodeIds: ids, ...kill });
      // tsx runs the script in a child of its own and reports its SIGKILL as a failed exit.
      expect(crash.signal ?? crash.code, crash.output).not.toBe(0);
      expect(crash.output).toContain("killed");
      // The kill landed where it was meant to: nothing stored, stored but not related, or the relating rolled back.
      const episode = await db.episode.findUniqueOrThrow({ where: { id: kill.killEpisode }, select: { insightStatus: true } });
      const insights = await db.insight.findMany({ where: { episodeId: kill.killEpisode }, select: { relatedAt: true, _count: { select: { related: true } } } });
      if (kill.killAt === "mid-extraction") expect({ status: episode.insightStatus, insights: insights.length }).toEqual({ status: "pending", insights: 0 });
      else {
        expect(episode.insightStatus).toBe("done");
        expect(insights.length).toBeGreaterThan(0);
        expect(insights.filter((insight) => insight.relatedAt !== null || insight._count.related > 0)).toEqual([]);
      }
    }
    const finished = await runWorker({ episodeIds: ids });
    expect(finished.code, finished.output).toBe(0);

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
