/**
 * `npm run eval:search [-- --verbose] [-- --list]`: how search ranks on the labelled queries in
 * tests/fixtures/search-queries.json, over the demo content, by words alone, by meaning alone and by
 * both fused (what the search box does). Prints MRR and recall@10 for each, overall and split by
 * whether a query shares a word (after stemming) with any insight it expects. The off-topic controls
 * are queries no demo insight answers: they show what the meaning floor lets through.
 *
 * In a throwaway embedded database (a temp folder, removed at the end) it loads the demo content and
 * extracts, embeds and relates it with the configured extractor and embedder (offline with no
 * configuration; set AI_EMBEDDING_MODEL to measure a provider's), then searches through the app's own
 * searchInsights. `--list` prints every insight's label key, for writing labels.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDemoDatabase, openThrowawayDatabase } from "./demo-database";

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false }, list: { type: "boolean", default: false } } });

const database = await openThrowawayDatabase("podbrief-eval-search-");
const { db } = await import("@/lib/db");
const { searchInsights } = await import("@/lib/search/search-insights");
const { meaningFloorFor, rankByMeaning } = await import("@/lib/search/rank-by-meaning");
const { Prisma } = await import("@/lib/generated/prisma/client");
const { labelledQueries, matchesKey, mean, reciprocalRank, recallAt } = await import("@/lib/search/search-eval");
type SearchMode = import("@/lib/search/search-insights").SearchMode;

const FIXTURE = path.join(process.cwd(), "tests/fixtures/search-queries.json");
const MODES: { mode: SearchMode; label: string }[] = [
  { mode: "words", label: "full-text alone" },
  { mode: "meaning", label: "meaning alone" },
  { mode: "both", label: "combined (RRF)" },
];
/** Deep enough that MRR sees any result a reader could reach by paging a little. */
const DEPTH = 50;

async function main(): Promise<void> {
  const fixture = labelledQueries.parse(JSON.parse(await fs.readFile(FIXTURE, "utf8")));
  const controls: string[] = JSON.parse(await fs.readFile(FIXTURE, "utf8")).controls ?? [];
  const { extractor, embedder } = await loadDemoDatabase();
  const insights = (
    await db.insight.findMany({ select: { id: true, headline: true, episode: { select: { guid: true } } }, orderBy: [{ episodeId: "asc" }, { startSeconds: "asc" }] })
  ).map((row) => ({ id: row.id, headline: row.headline, episodeGuid: row.episode.guid }));
  console.log(`demo: ${insights.length} insights · extractor ${extractor.id} · embedder ${embedder.id} · meaning floor ${meaningFloorFor(embedder.id)}`);
  if (values.list) {
    for (const insight of insights) console.log(`${insight.episodeGuid} | ${insight.headline}`);
    return;
  }

  const reader = await db.user.create({ data: { email: "eval-search@example.com" }, select: { id: true } });
  const rows: { query: string; similarity: number; sharesWord: boolean; rr: Record<SearchMode, number>; recall: Record<SearchMode, number>; first: Record<SearchMode, number | null> }[] = [];
  for (const { query, expected } of fixture.queries) {
    const relevant = new Set<string>();
    for (const key of expected) {
      const found = insights.filter((insight) => matchesKey(key, insight));
      if (found.length !== 1) throw new Error(`label ${key.episode} "${key.headline}" for "${query}" matches ${found.length} insights; relabel it (--list)`);
      relevant.add(found[0]!.id);
    }
    const sharesWord = await sharesAWord(query, [...relevant]);
    // The expected insights' best similarity to the query, however far down the meaning list it sits.
    const near = await rankByMeaning(embedder, query, { where: Prisma.empty, narrows: false }, insights.length, Number.NEGATIVE_INFINITY);
    const similarity = Math.max(...near.filter((match) => relevant.has(match.id)).map((match) => match.score));
    const row = { query, similarity, sharesWord, rr: {} as Record<SearchMode, number>, recall: {} as Record<SearchMode, number>, first: {} as Record<SearchMode, number | null> };
    for (const { mode } of MODES) {
      const page = await searchInsights(reader.id, { q: query, take: DEPTH }, { mode, embedder });
      const ids = page.results.map((result) => result.insight.id);
      row.rr[mode] = reciprocalRank(ids, relevant);
      row.recall[mode] = recallAt(10, ids, relevant);
      const position = ids.findIndex((id) => relevant.has(id));
      row.first[mode] = position === -1 ? null : position + 1;
    }
    rows.push(row);
  }

  const table = (label: string, subset: typeof rows) => {
    console.log(`\n${label} (${subset.length} queries)`);
    console.log(`  ${"mode".padEnd(18)} ${"MRR".padStart(6)} ${"recall@10".padStart(10)}`);
    for (const { mode, label: name } of MODES) {
      const mrr = mean(subset.map((row) => row.rr[mode]));
      const recall = mean(subset.map((row) => row.recall[mode]));
      console.log(`  ${name.padEnd(18)} ${mrr.toFixed(3).padStart(6)} ${recall.toFixed(3).padStart(10)}`);
    }
  };
  table("All labelled queries", rows);
  table("Queries that share a word with an expected insight", rows.filter((row) => row.sharesWord));
  table("Queries that share no word with any expected insight", rows.filter((row) => !row.sharesWord));

  if (values.verbose) {
    console.log("\nPosition of the first expected insight (words / meaning / combined; - = not in the first 50), its similarity:");
    for (const row of rows) {
      const at = (mode: SearchMode) => String(row.first[mode] ?? "-").padStart(2);
      console.log(`  ${at("words")} ${at("meaning")} ${at("both")}  ${row.similarity.toFixed(2)} ${row.sharesWord ? " " : "*"} ${row.query}`);
    }
    console.log("  (* shares no word with any expected insight)");
  }

  if (controls.length > 0) {
    console.log("\nOff-topic controls (no demo insight answers them): results by meaning alone");
    for (const query of controls) {
      const page = await searchInsights(reader.id, { q: query, take: DEPTH }, { mode: "meaning", embedder });
      const [nearest] = await rankByMeaning(embedder, query, { where: Prisma.empty, narrows: false }, 1, Number.NEGATIVE_INFINITY);
      console.log(`  ${String(page.results.length).padStart(2)}  ${query}  (nearest insight's similarity ${nearest?.score.toFixed(2) ?? "-"})`);
    }
  }
}

/** Whether any stemmed word of the query is in one of these insights' searchable text. */
async function sharesAWord(query: string, ids: string[]): Promise<boolean> {
  const words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const [row] = await db.$queryRaw<{ shares: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM insights WHERE id = ANY(${ids}::text[]) AND search_vector @@ websearch_to_tsquery('english'::regconfig, ${words.join(" or ")})) AS shares`;
  return Boolean(row?.shares);
}

try {
  await main();
} finally {
  await database.close();
}
