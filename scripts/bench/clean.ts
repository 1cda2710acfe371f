/**
 * `npx tsx --tsconfig tsconfig.node.json scripts/bench/clean.ts [--pairs out.txt] [--baseline other-clean.ts]`:
 * what cleaning costs. Reads every transcript of tests/corpus, splits it into sentences as the offline extractor
 * does, and times cleanSentence over all of them in CPU time (the best of five passes after a warm-up; a shared
 * machine stretches wall-clock time). --baseline times another cleanSentence (e.g. an older clean.ts saved from
 * git) in the same process, passes alternating, so the two figures are comparable. With --pairs it writes each
 * sentence that cleaning changed beside what it became, for reading.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { cleanSentence } from "@/lib/insights/offline/clean";
import { groupTurns, splitSentenceRanges } from "@/lib/insights/offline/sentences";

const { values } = parseArgs({ options: { pairs: { type: "string" }, baseline: { type: "string" } } });
const dir = path.resolve(import.meta.dirname, "../../tests/corpus/transcripts");

const sentences: string[] = [];
for (const name of fs.readdirSync(dir).filter((file) => !file.endsWith(".expected.json")).sort()) {
  let segments;
  try {
    segments = parseTranscript(fs.readFileSync(path.join(dir, name)), { url: `https://example.com/${name}` }).segments;
  } catch {
    continue;
  }
  for (const { turn } of groupTurns(segments)) {
    for (const [start, end] of splitSentenceRanges(turn.text)) sentences.push(turn.text.slice(start, end));
  }
}

const words = sentences.reduce((sum, sentence) => sum + sentence.split(/\s+/).filter(Boolean).length, 0);
const cleaners: [string, (sentence: string) => string][] = [["cleanSentence", cleanSentence]];
if (values.baseline) {
  const baseline = (await import(path.resolve(values.baseline))) as { cleanSentence: (sentence: string) => string };
  cleaners.unshift(["baseline", baseline.cleanSentence]);
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const best = new Map<string, number>();
for (const [, clean] of cleaners) for (const sentence of sentences) clean(sentence);
for (let pass = 0; pass < 5; pass++) {
  for (const [name, clean] of cleaners) {
    const started = cpuMs();
    for (const sentence of sentences) clean(sentence);
    best.set(name, Math.min(best.get(name) ?? Infinity, cpuMs() - started));
  }
}
console.log(`${sentences.length} sentences, ${words} words`);
for (const [name, ms] of best) console.log(`${name}: ${ms.toFixed(0)} ms CPU, ${((ms / words) * 9000).toFixed(1)} ms per hour of audio (9,000 words)`);

if (values.pairs) {
  const changed = sentences.map((sentence) => [sentence, cleanSentence(sentence)] as const).filter(([before, after]) => before !== after);
  fs.writeFileSync(values.pairs, changed.map(([before, after]) => `${before}\n  → ${after}\n`).join("\n"));
  console.log(`${changed.length} sentences changed, written to ${values.pairs}`);
}
