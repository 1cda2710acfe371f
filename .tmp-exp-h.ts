import fs from "node:fs";
import Parser from "rss-parser";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
const dir = "/work/shared/corpus/feeds/";
const files = fs.readdirSync(dir).filter((f) => !f.endsWith(".json")).map((f) => [f, fs.readFileSync(dir + f)] as const);
const total = files.reduce((s, [, b]) => s + b.length, 0);
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < 5; i++) for (const [, b] of files) parseFeed(b);
  let ms = (performance.now() - t) / 5;
  console.log("ours", ms.toFixed(0), (total / 1e6 / (ms / 1000)).toFixed(1), "MB/s");
  const p = new Parser();
  t = performance.now();
  for (let i = 0; i < 5; i++) for (const [, b] of files) { try { await p.parseString(b.toString("utf8")); } catch {} }
  ms = (performance.now() - t) / 5;
  console.log("rss-parser", ms.toFixed(0), (total / 1e6 / (ms / 1000)).toFixed(1), "MB/s");
}
const per: [string, number][] = [];
for (const [f, b] of files) { const t = performance.now(); for (let i = 0; i < 5; i++) parseFeed(b); per.push([f, (performance.now() - t) / 5]); }
per.sort((a, b) => b[1] - a[1]); console.log(per.slice(0, 6).map(([f, ms]) => f + " " + ms.toFixed(1)).join("\n"));
