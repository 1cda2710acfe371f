import fs from "node:fs";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
const dir = "/work/shared/corpus/feeds/";
const na = parseFeed(fs.readFileSync(dir + "partytime_no-agenda.xml"));
for (const e of na.episodes) { const i = e.showNotesHtml?.indexOf("Pat E") ?? -1; if (i >= 0) console.log(JSON.stringify(e.showNotesHtml!.slice(i - 60, i + 80))); }
const pc = parseFeed(fs.readFileSync(dir + "partytime_pc20rss.xml"));
console.log(pc.episodes[0]!.showNotesHtml!.slice(0, 600));
const cre = parseFeed(fs.readFileSync(dir + "feedjira_CRE.xml"));
console.log(cre.episodes[0]!.showNotesHtml!.slice(0, 800));
for (const f of fs.readdirSync(dir).filter((f) => !f.endsWith(".json"))) {
  const feed = parseFeed(fs.readFileSync(dir + f));
  for (const e of feed.episodes) if (/<script|onclick|javascript:|<img|style=|<iframe/i.test(e.showNotesHtml ?? "")) console.log("LEAK", f, e.showNotesHtml!.slice(0, 200));
}
const enc = parseFeed(fs.readFileSync(dir + "rssparser_encoding.rss"));
console.log(enc.episodes[0]);
const gb = parseFeed(fs.readFileSync(dir + "rssparser_giantbomb-podcast.rss"));
console.log(gb.episodes[0]!.showNotesHtml);
const ex = parseFeed(fs.readFileSync(dir + "podcastns_example.xml"));
console.log(JSON.stringify(ex.episodes[0], null, 1));
