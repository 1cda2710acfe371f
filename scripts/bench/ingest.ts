/**
 * `npm run bench:ingest`: how fast Podbrief's feed parser reads the shared corpus, beside rss-parser on the
 * same files in the same run. Each parser gets about two seconds, in alternating rounds so that a busy
 * machine slows both alike. `-- --large` measures the first read of very large feeds instead (ingest-large.ts).
 * Prints figures; nothing here passes or fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Parser from "rss-parser";
import { decodeFeedBody } from "@/lib/ingest/feed/decode-feed-body";
import { elementNamer } from "@/lib/ingest/feed/namespaces";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { sanitizeShowNotes } from "@/lib/ingest/feed/sanitize-html";
import { all, first, markup, parseXmlTree } from "@/lib/ingest/feed/xml";
import { outlineXml } from "@/lib/ingest/feed/xml-outline";
import { printLoad } from "./load";

const feedsDir = path.resolve(import.meta.dirname, "../../tests/corpus/feeds");
const SECONDS_EACH = 2;
const ROUNDS = 10;
const SAMPLE_EVERY_MS = 10;

type Contender = {
  name: string;
  /** Parses one file and returns how many items it found. */
  parse: (body: Buffer) => number | Promise<number>;
};

type Tally = {
  passes: number;
  ms: number;
  bytes: number;
  items: number;
  peakRss: number;
  peakHeap: number;
  msByFile: Map<string, number>;
  rejected: Map<string, string>;
};

const files = fs
  .readdirSync(feedsDir)
  .filter((name) => !name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, body: fs.readFileSync(path.join(feedsDir, name)) }));
const bytesPerPass = files.reduce((sum, file) => sum + file.body.length, 0);

const rssParser = new Parser();
const contenders: Contender[] = [
  { name: "podbrief parseFeed", parse: (body) => parseFeed(body).episodes.length },
  { name: "rss-parser 3.13", parse: async (body) => (await rssParser.parseString(body.toString("utf8"))).items.length },
];

let lastSample = 0;
function sample(tally: Tally): void {
  const now = performance.now();
  if (now - lastSample < SAMPLE_EVERY_MS) return;
  lastSample = now;
  const memory = process.memoryUsage();
  tally.peakRss = Math.max(tally.peakRss, memory.rss);
  tally.peakHeap = Math.max(tally.peakHeap, memory.heapUsed);
}

async function runPass(contender: Contender, tally: Tally): Promise<void> {
  for (const file of files) {
    const started = performance.now();
    try {
      tally.items += await contender.parse(file.body);
    } catch (error) {
      tally.rejected.set(file.name, String((error as Error).message).split("\n")[0] ?? "");
    }
    const elapsed = performance.now() - started;
    tally.ms += elapsed;
    tally.msByFile.set(file.name, (tally.msByFile.get(file.name) ?? 0) + elapsed);
    sample(tally);
  }
  tally.passes++;
  tally.bytes += bytesPerPass;
}

async function main(): Promise<void> {
  const tallies = new Map<Contender, Tally>();
  for (const contender of contenders) {
    // Warm-up passes, not counted: the JIT and the parsers' caches settle.
    for (let pass = 0; pass < 2; pass++) await runPass(contender, newTally());
    tallies.set(contender, newTally());
  }
  const roundMs = (SECONDS_EACH * 1000) / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const tally = tallies.get(contender)!;
      const until = tally.ms + roundMs;
      while (tally.ms < until) await runPass(contender, tally);
    }
  }
  report(tallies);
}

function newTally(): Tally {
  return { passes: 0, ms: 0, bytes: 0, items: 0, peakRss: 0, peakHeap: 0, msByFile: new Map(), rejected: new Map() };
}

function report(tallies: Map<Contender, Tally>): void {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(`Feed parsing: ${files.length} corpus feeds, ${mb(bytesPerPass)} MB a pass; Node ${process.version}, ${os.cpus().length} CPUs`);
  console.log("");
  // rss-parser gives up early on the files it rejects (no-agenda at line 2759 of 4091), so MB/s over all files
  // flatters it a little; the second figure counts only the files both parsers read to the end.
  const acceptedByAll = files.filter((file) => [...tallies.values()].every((tally) => !tally.rejected.has(file.name)));
  console.log(row(["parser", "passes", "MB/s", "MB/s (both ok)", "items/s", "files rejected", "peak RSS MB", "peak heapUsed MB"]));
  for (const [contender, tally] of tallies) {
    const seconds = tally.ms / 1000;
    const commonBytes = acceptedByAll.reduce((sum, file) => sum + file.body.length, 0) * tally.passes;
    const commonSeconds = acceptedByAll.reduce((sum, file) => sum + (tally.msByFile.get(file.name) ?? 0), 0) / 1000;
    console.log(
      row([
        contender.name,
        String(tally.passes),
        (tally.bytes / 1e6 / seconds).toFixed(1),
        (commonBytes / 1e6 / commonSeconds).toFixed(1),
        Math.round(tally.items / seconds).toLocaleString("en-US"),
        String(tally.rejected.size),
        mb(tally.peakRss),
        mb(tally.peakHeap),
      ]),
    );
  }
  const ourTally = tallies.get(contenders[0]!);
  if (ourTally) console.log(`
${sanitizeShare(ourTally)}`);
  console.log(`\nprocess peak RSS (getrusage maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)} MB`);

  const [ours, theirs] = [...tallies.values()];
  if (!ours || !theirs) return;
  console.log("\nlargest files, MB/s");
  console.log(row(["file", "KB", ...contenders.map((contender) => contender.name)]));
  for (const file of [...files].sort((a, b) => b.body.length - a.body.length).slice(0, 8)) {
    const speeds = [ours, theirs].map((tally) =>
      tally.rejected.has(file.name) ? "rejected" : ((file.body.length * tally.passes) / 1e6 / ((tally.msByFile.get(file.name) ?? 0) / 1000)).toFixed(1),
    );
    console.log(row([file.name, String(Math.round(file.body.length / 1000)), ...speeds]));
  }

  for (const [contender, tally] of tallies) {
    if (tally.rejected.size === 0) continue;
    console.log(`\n${contender.name} rejected ${tally.rejected.size} of ${files.length} files:`);
    for (const [name, reason] of tally.rejected) console.log(`  ${name}: ${reason}`);
  }

  const extracted = files.map((file) => parseFeed(file.body)).flatMap((feed) => feed.episodes);
  const count = (pick: (episode: (typeof extracted)[number]) => unknown[]) => extracted.reduce((sum, episode) => sum + pick(episode).length, 0);
  console.log(
    `\npodbrief extracts per pass: ${extracted.length} episodes, ${count((e) => e.transcripts)} transcript links, ` +
      `${count((e) => e.persons)} persons, ${count((e) => e.chapters)} Podlove chapters, ${count((e) => e.soundbites)} soundbites, ` +
      `${extracted.filter((e) => e.chaptersUrl).length} chapters links, ${extracted.filter((e) => e.showNotesHtml).length} sanitized show notes`,
  );
}

/**
 * How much of parseFeed's time is sanitizing show notes, found by running the sanitizer alone on the same
 * notes: the part of the work that rss-parser does not do at all.
 */
function sanitizeShare(tally: Tally): string {
  const notes = files.flatMap((file) => {
    const outline = outlineXml(decodeFeedBody(file.body).replace(/^[\s\uFEFF]+/, ""), () => {});
    const root = parseXmlTree(outline.root, { nameElement: elementNamer(outline.namespaces, outline.rootName.endsWith("feed") ? "atom" : null) });
    const items = [...all(first(root, "channel"), "item"), ...all(root, "item"), ...all(root, "entry")];
    return items.map((item) => markup(item, "content:encoded", "description", "itunes:summary", "content", "summary"));
  });
  let passes = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const note of notes) sanitizeShowNotes(note, null);
    passes++;
  }
  const msPerPass = (performance.now() - started) / passes;
  const ourMsPerPass = tally.ms / tally.passes;
  return (
    `of parseFeed's ${ourMsPerPass.toFixed(0)} ms a pass, sanitizing its ${notes.length} show notes takes about ` +
    `${msPerPass.toFixed(0)} ms (${Math.round((msPerPass / ourMsPerPass) * 100)}%); without that parseFeed would read ` +
    `${(bytesPerPass / 1e6 / ((ourMsPerPass - msPerPass) / 1000)).toFixed(1)} MB/s`
  );
}

function row(cells: string[]): string {
  const widths = [50, 7, 7, 15, 10, 15, 12, 17];
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 20) : cell.padStart(widths[index] ?? 12))).join(" ");
}

// --large: the first read of a 20,000- and a 100,000-item feed, with the database's wait meanwhile (see ingest-large.ts).
if (process.argv.includes("--large")) await import("./ingest-large");
else {
  printLoad("at start");
  await main();
  printLoad("at the end");
}
