/**
 * `npx tsx --tsconfig tsconfig.node.json scripts/dump-offline-insights.ts [out.json]`: the offline
 * extractor's whole output (every field of every insight, plus skip reasons and drop counts) for
 * every transcript in tests/corpus/transcripts, as JSON. A change meant only to make extraction
 * faster must leave this file byte-identical: diff it before and after.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { extractOfflineInsights } from "@/lib/insights/offline/offline-extractor";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const transcriptsDir = path.join(root, "tests/corpus/transcripts");

const output: Record<string, unknown> = {};
for (const name of fs.readdirSync(transcriptsDir).filter((file) => !file.endsWith(".expected.json")).sort()) {
  let segments;
  try {
    ({ segments } = parseTranscript(fs.readFileSync(path.join(transcriptsDir, name)), { url: `https://example.com/${name}` }));
  } catch {
    // Fixtures of broken transcripts: nothing to extract from (as in the eval and the bench).
    continue;
  }
  // The eval's stand-in title: the file's slug.
  const episodeTitle = name.replace(/\.\w+$/, "").replace(/^[a-z]+_(?:[a-z]+_)?\d*-?/, "").replace(/[-_]/g, " ");
  output[name] = extractOfflineInsights({ segments, episodeTitle, podcastTitle: "" });
}
const json = `${JSON.stringify(output, null, 1)}\n`;
const out = process.argv[2];
if (out) fs.writeFileSync(out, json);
else process.stdout.write(json);
