import fs from "node:fs";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
const dir = "/work/shared/corpus/feeds/";
for (const f of fs.readdirSync(dir).filter((f) => !f.endsWith(".json"))) {
  try {
    const feed = parseFeed(fs.readFileSync(dir + f));
    const e = feed.episodes[0];
    console.log(f.padEnd(58), feed.format, feed.episodes.length, JSON.stringify(feed.title).slice(0, 40), e ? JSON.stringify({ g: e.guid, d: e.publishedAt, dur: e.durationSeconds, a: e.audioUrl?.slice(0, 50), t: e.transcripts.length, p: e.persons.length, c: e.chapters.length }) : "");
  } catch (error) {
    console.log(f, "ERROR", (error as Error).message);
  }
}
