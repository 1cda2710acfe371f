import fs from "node:fs";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
const dir = "/work/shared/corpus/feeds/";
const files = fs.readdirSync(dir).filter((f) => !f.endsWith(".json")).map((f) => fs.readFileSync(dir + f));
for (let i = 0; i < 15; i++) for (const b of files) parseFeed(b);
