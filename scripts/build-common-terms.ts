/**
 * `npm run build:common-terms`: writes lib/insights/relate/common-terms.json, the words (stemmed)
 * that podcast talk uses everywhere: in most of the transcripts in tests/corpus, whatever their
 * subject. A word frequent in a few shows only ("bitcoin", "sleep") is their subject, not filler.
 * Relating does not count such words as evidence that two insights make the same point (see
 * Thresholds.minSharedTerms). Run it again when the corpus grows; the file is committed.
 */
import fs from "node:fs";
import path from "node:path";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { contentTerms } from "@/lib/insights/offline/tokens";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "tests/corpus/transcripts");
const out = path.join(root, "lib/insights/relate/common-terms.json");
/** A word in at least this share of the episodes is common. */
const COMMON_SHARE = 0.6;

const episodes = new Map<string, number>();
let count = 0;
// One episode per show and number: the same episode in two formats (.txt and .vtt) counts once.
const seen = new Set<string>();
for (const file of fs.readdirSync(dir).sort()) {
  if (file.endsWith(".expected.json") || file.startsWith("podcastns_example")) continue;
  const episode = file.replace(/\.[a-z]+$/, "");
  if (seen.has(episode)) continue;
  seen.add(episode);
  const parsed = parseTranscript(fs.readFileSync(path.join(dir, file)), { url: `https://example.com/${file}` });
  count++;
  for (const term of new Set(contentTerms(parsed.text))) episodes.set(term, (episodes.get(term) ?? 0) + 1);
}
const minimum = Math.ceil(count * COMMON_SHARE);
const common = [...episodes].filter(([, n]) => n >= minimum).map(([term]) => term).sort();
fs.writeFileSync(out, `${JSON.stringify({ episodes: count, minimum, terms: common })}\n`);
console.log(`${count} episodes; ${common.length} words in at least ${minimum} of them -> ${path.relative(root, out)}`);
