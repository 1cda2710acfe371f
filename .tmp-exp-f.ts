import fs from "node:fs";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
const dir = "/work/shared/corpus/feeds/";
for (const f of fs.readdirSync(dir).filter((f) => !f.endsWith(".json"))) {
  const feed = parseFeed(fs.readFileSync(dir + f));
  const guids = feed.episodes.map((e) => e.guid);
  const dup = guids.filter((g, i) => guids.indexOf(g) !== i);
  const derived = feed.episodes.filter((e) => e.guidDerived).length;
  const noDate = feed.episodes.filter((e) => !e.publishedAt).length;
  const noAudio = feed.episodes.filter((e) => !e.audioUrl).length;
  const noNotes = feed.episodes.filter((e) => !e.showNotesHtml).length;
  console.log(f.slice(0, 45).padEnd(46), "dup", dup.length, "derived", derived, "noDate", noDate, "noAudio", noAudio, "noNotes", noNotes, "ttl", feed.ttlMinutes, "locked", feed.locked, "new", feed.newFeedUrl, "img", !!feed.imageUrl, "site", feed.siteUrl, "lang", feed.language, "cats", feed.categories.length, "author", feed.author, "pg", feed.podcastGuid);
}
const cre = parseFeed(fs.readFileSync(dir + "feedjira_CRE.xml"));
console.log(cre.episodes[0]!.chapters.slice(0, 4), cre.episodes[0]!.chapters.at(-1));
const nv = parseFeed(fs.readFileSync(dir + "feedjira_itunes_feedburner.xml"));
console.log(JSON.stringify(nv, null, 1).slice(0, 3000));
