/**
 * `npm run bench:extract [-- --baseline <git-ref>] [-- --passes N]`: what offline extraction costs, in
 * CPU milliseconds per hour of audio, over every transcript of tests/corpus/transcripts (the
 * transcripts the eval reads). Each extractor runs in a process of its own, warmed up first (its NLP
 * model loaded, its code compiled), then passes over the corpus, and the best pass is kept: a shared
 * machine only ever adds time.
 *
 * With --baseline the extractor of that commit (read with `git archive` into a temporary directory,
 * the checkout untouched) runs in the same session, passes alternating with the current one's, so
 * both see the same load, and the ratio is printed. Without it the current figure is printed beside
 * the recorded baseline (lib/insights/eval/extraction-time.ts). The load average is printed before
 * and after; above the machine's core count the figures stretch.
 *
 *   npm run bench:extract
 *   npm run bench:extract -- --baseline 3ab0be4 --passes 9
 */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { TranscriptSegment } from "@/lib/ingest/types";
import type { Extractor } from "@/lib/insights/types";
import { loadAverage, printLoad } from "./load";

// Only types come from "@/" at the top: in a worker, "@/" is the tree under test (maybe an old
// commit's), so the parent's own modules are imported inside main().

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const transcriptsDir = path.join(root, "tests/corpus/transcripts");

type Episode = { name: string; segments: TranscriptSegment[]; episodeTitle: string };

/** What the parent asks a worker, and what the worker answers (one pass: its CPU milliseconds). */
const request = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("corpus"), episodes: z.array(z.object({ name: z.string(), segments: z.array(z.any()), episodeTitle: z.string() })) }),
  z.object({ kind: z.literal("pass") }),
]);
const answer = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ready"), warmUpMs: z.number(), insights: z.number() }),
  z.object({ kind: z.literal("pass"), ms: z.number() }),
]);
type Answer = z.infer<typeof answer>;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function loadCorpus(): Promise<Episode[]> {
  const { parseTranscript } = await import("@/lib/ingest/transcript/parse-transcript");
  const episodes: Episode[] = [];
  for (const name of fs.readdirSync(transcriptsDir).filter((file) => !file.endsWith(".expected.json")).sort()) {
    try {
      const { segments } = parseTranscript(fs.readFileSync(path.join(transcriptsDir, name)), { url: `https://example.com/${name}` });
      // The eval's stand-in title: the file's slug.
      const episodeTitle = name.replace(/\.\w+$/, "").replace(/^[a-z]+_(?:[a-z]+_)?\d*-?/, "").replace(/[-_]/g, " ");
      episodes.push({ name, segments, episodeTitle });
    } catch {
      // Files the parser refuses (fixtures of broken transcripts) are not audio to extract from.
    }
  }
  return episodes;
}

/** The worker: loads the extractor of the tree at `treeRoot`, then runs passes on request. */
async function runWorker(treeRoot: string): Promise<void> {
  const moduleUrl = pathToFileURL(path.join(treeRoot, "lib/insights/offline/offline-extractor.ts")).href;
  const { createOfflineExtractor } = (await import(moduleUrl)) as { createOfflineExtractor: () => Extractor };
  const extractor = createOfflineExtractor();
  let episodes: Episode[] = [];
  const pass = async () => {
    let insights = 0;
    for (const episode of episodes) {
      const result = await extractor.extract({ segments: episode.segments, episodeTitle: episode.episodeTitle, podcastTitle: "" });
      insights += result.insights.length;
    }
    return insights;
  };
  const send = (message: Answer) => process.send!(message);
  process.on("message", async (raw) => {
    const message = request.parse(raw);
    if (message.kind === "corpus") {
      episodes = message.episodes as Episode[];
      const started = cpuMs();
      const insights = await pass();
      send({ kind: "ready", warmUpMs: cpuMs() - started, insights });
    } else {
      const started = cpuMs();
      await pass();
      send({ kind: "pass", ms: cpuMs() - started });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

/** A worker process for the tree at `treeRoot`, with that tree's path aliases. */
function startWorker(treeRoot: string): ChildProcess {
  return fork(fileURLToPath(import.meta.url), ["--worker", treeRoot], {
    cwd: treeRoot,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(treeRoot, "tsconfig.node.json") },
    serialization: "advanced",
  });
}

function ask(worker: ChildProcess, message: z.infer<typeof request>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    worker.once("message", (raw) => resolve(answer.parse(raw)));
    worker.once("exit", (code) => reject(new Error(`worker exited (${code}) before answering`)));
    worker.send(message);
  });
}

/** The extractor's code at `ref`, in a temporary directory that reads this checkout's node_modules. */
function checkOut(ref: string): string {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `podbrief-bench-${commit}-`));
  const archive = execFileSync("git", ["archive", commit, "lib", "tsconfig.json", "tsconfig.node.json"], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { baseline: { type: "string" }, passes: { type: "string", default: "7" } } });
  const passes = Number(values.passes);
  if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes must be a whole number above 0 (got ${values.passes})`);

  const { comparedWithBaseline } = await import("@/lib/insights/eval/extraction-time");
  const { estimateDurationSeconds } = await import("@/lib/insights/offline/offline-extractor");
  const episodes = await loadCorpus();
  const hours = episodes.reduce((sum, episode) => sum + estimateDurationSeconds(episode.segments).seconds / 3600, 0);
  const baselineDir = values.baseline ? checkOut(values.baseline) : null;
  const contenders = [{ name: "current", dir: root }, ...(baselineDir ? [{ name: `baseline ${values.baseline}`, dir: baselineDir }] : [])].map((contender) => ({
    ...contender,
    worker: startWorker(contender.dir),
    best: Infinity,
    all: [] as number[],
  }));
  try {
    console.log(`${episodes.length} transcripts, ${hours.toFixed(2)} hours of audio; ${os.cpus().length} cores, load average ${loadAverage()}`);
    for (const contender of contenders) {
      const ready = await ask(contender.worker, { kind: "corpus", episodes });
      if (ready.kind === "ready") console.log(`${contender.name}: warm-up pass ${ready.warmUpMs.toFixed(0)} ms CPU (model load included), ${ready.insights} insights`);
    }
    for (let pass = 0; pass < passes; pass++) {
      // Alternating, and in turn order reversed each pass, so neither side always runs after the other.
      const order = pass % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        const result = await ask(contender.worker, { kind: "pass" });
        if (result.kind !== "pass") continue;
        contender.all.push(result.ms);
        contender.best = Math.min(contender.best, result.ms);
      }
    }
    const perHour = (ms: number) => ms / hours;
    console.log(`\nCPU ms of extraction per hour of audio, best of ${passes} passes (median in brackets):`);
    for (const contender of contenders) {
      console.log(`  ${contender.name.padEnd(20)} ${perHour(contender.best).toFixed(1).padStart(6)} ms/hour  (${perHour(median(contender.all)).toFixed(1)})`);
    }
    const current = perHour(contenders[0]!.best);
    if (contenders[1]) console.log(`  ratio current/baseline: ${(contenders[0]!.best / contenders[1].best).toFixed(2)}× (medians ${(median(contenders[0]!.all) / median(contenders[1].all)).toFixed(2)}×)`);
    else console.log(`  current: ${comparedWithBaseline(current)}`);
    printLoad("after");
  } finally {
    for (const contender of contenders) contender.worker.disconnect();
    if (baselineDir) fs.rmSync(baselineDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const workerAt = process.argv.indexOf("--worker");
if (workerAt !== -1) await runWorker(process.argv[workerAt + 1]!);
else await main();
