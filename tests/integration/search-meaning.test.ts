/**
 * Search by meaning against a real database (PGlite with pgvector, PostgreSQL without it) and the real
 * offline embedder: a query that shares no word with an insight finds it, both lists are merged by
 * reciprocal rank fusion, and the search filters hold for meaning as they do for words. On PGlite it
 * runs with pgvector and again with the in-process index the server fallback uses. A provider's
 * embedder (the AI SDK path, with a stand-in model) searches its own vector space only.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MockEmbeddingModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The neighbour index's snapshots go to DATA_DIR: a folder of this test's own.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "podbrief-search-meaning-"));
process.env.DATA_DIR = dataDir;

const { db } = await import("@/lib/db");
const { createProviderEmbedder, offlineEmbedder } = await import("@/lib/insights/embeddings");
const { insightEmbeddingText } = await import("@/lib/insights/pipeline");
const { relateEpisodeInsights } = await import("@/lib/insights/relate/relate-episode");
const { resetNeighbourIndex } = await import("@/lib/insights/relate/neighbour-index");
const { neighbourSearchFor, pinNeighbourSearch } = await import("@/lib/insights/relate/neighbour-search");
const { fuseRankings } = await import("@/lib/search/fuse-rankings");
const { searchInsights } = await import("@/lib/search/search-insights");
type SearchMode = import("@/lib/search/search-insights").SearchMode;

const run = randomUUID().slice(0, 8);
/** Shares no word with the export-controls insight (not "chips", "matter" or "AI"; "why" is a stop word). */
const QUERY = "why chips matter for AI";

const TEXTS = {
  exportControls: {
    headline: "Export controls decide who can train frontier models",
    body: "Washington's restrictions on selling Nvidia's H20 accelerators to China limit how many large language models Chinese labs can train, since a training run needs tens of thousands of those processors.",
    quote: "Whoever has the accelerators sets the pace.",
  },
  // Has every word of the query, in another sense.
  snacks: {
    headline: "Snacks matter at AI conferences",
    body: "Organisers learned that attendees judge a conference by its chips and its coffee more than by its keynotes.",
    quote: "Nobody remembers the keynote, everybody remembers the coffee.",
  },
  sleep: {
    headline: "Sleep is when the body repairs itself",
    body: "Muscle repair and digestion happen overnight, which is why a short night leaves you weak the next day.",
    quote: "Your body does its maintenance while you sleep.",
  },
  taproot: {
    headline: "Mining pools signalled for the Taproot upgrade",
    body: "More than ninety percent of the hash rate was ready to upgrade once the pools were asked.",
    quote: "They were all down to upgrade.",
  },
} as const;
type Key = keyof typeof TEXTS;

let readerId: string;
let showId: string;
let otherShowId: string;
const ids = {} as Record<Key, string>;
const keyOf = (id: string) => (Object.keys(ids) as Key[]).find((key) => ids[key] === id) ?? id;

beforeAll(async () => {
  readerId = (await db.user.create({ data: { email: `search-meaning-${run}@example.com` } })).id;
  showId = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/mixed`, title: "Mixed Bag" } })).id;
  otherShowId = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/other`, title: "Other Show" } })).id;
  const publishedAt = new Date(Date.UTC(2026, 10, 2));
  const episodeId = (await db.episode.create({ data: { podcastId: showId, guid: `${run}-mixed`, title: "Odds and ends", publishedAt } })).id;
  Object.assign(ids, await storeInsights(offlineEmbedder, episodeId, TEXTS));
});

afterAll(() => {
  pinNeighbourSearch(undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Embedder = import("@/lib/insights/embeddings").Embedder;

async function storeInsights(embedder: Embedder, episode: string, texts: Record<string, { headline: string; body: string; quote: string }>) {
  const keys = Object.keys(texts);
  const vectors = await embedder.embed(keys.map((key) => insightEmbeddingText(texts[key]!)));
  const stored: Record<string, string> = {};
  for (const [i, key] of keys.entries()) {
    const insight = await db.insight.create({
      data: {
        episodeId: episode,
        ...texts[key]!,
        startSeconds: 60 * i,
        endSeconds: 60 * i + 20,
        qualityScore: 0.8,
        model: "test",
        promptVersion: "test-1",
        embedding: Array.from(vectors[i]!),
        embeddingModel: embedder.id,
        publishedAt: new Date(Date.UTC(2026, 10, 2)),
      },
    });
    stored[key] = insight.id;
  }
  // Relating is what puts insights into the in-process index.
  await relateEpisodeInsights(episode, { embedder });
  return stored;
}

// Other test files share this database: the show filter keeps the lists to this file's insights.
const search = (mode: SearchMode, podcastId = showId) => searchInsights(readerId, { q: QUERY, podcastId }, { mode, embedder: offlineEmbedder });

const kinds = inject("databaseKind") === "embedded" ? (["database", "in-process"] as const) : (["in-process"] as const);

describe.each(kinds)("search by meaning with the %s neighbour search", (kind) => {
  beforeAll(async () => {
    pinNeighbourSearch(kind === "database" ? undefined : kind);
    resetNeighbourIndex();
    expect(await neighbourSearchFor(offlineEmbedder)).toBe(kind);
  });

  it("finds an insight that shares no word with the query, which word search cannot", async () => {
    const byWords = await search("words");
    expect(byWords.results.map((result) => keyOf(result.insight.id))).toEqual(["snacks"]);

    const byMeaning = (await search("meaning")).results.map((result) => keyOf(result.insight.id));
    expect(byMeaning).toContain("exportControls");
    // Far from the query: below the floor, so not offered at all.
    expect(byMeaning).not.toContain("sleep");
    expect(byMeaning).not.toContain("taproot");

    const both = await search("both");
    const found = both.results.find((result) => result.insight.id === ids.exportControls);
    expect(found?.foundBy).toBe("meaning");
    expect(found?.highlights).toEqual({ headline: null, body: null, quote: null, episodeTitle: null });
  });

  it("merges the word and meaning lists by reciprocal rank fusion", async () => {
    const [byWords, byMeaning, both] = await Promise.all([search("words"), search("meaning"), search("both")]);
    const wordIds = byWords.results.map((result) => result.insight.id);
    const meaningIds = byMeaning.results.map((result) => result.insight.id);
    expect(both.results.map((result) => result.insight.id)).toEqual(fuseRankings([wordIds, meaningIds]).map((item) => item.id));

    const snacks = both.results.find((result) => result.insight.id === ids.snacks)!;
    expect(snacks.foundBy).toBe(meaningIds.includes(ids.snacks) ? "both" : "words");
    expect(snacks.highlights.headline?.filter((segment) => segment.match).map((segment) => segment.text.toLowerCase())).toEqual(["matter", "ai"]);
    // An insight both lists found outranks one only meaning found.
    expect(both.results.findIndex((result) => result.insight.id === ids.snacks)).toBeLessThan(
      both.results.findIndex((result) => result.insight.id === ids.exportControls),
    );
  });

  it("keeps to the show filter by meaning too", async () => {
    const elsewhere = await search("both", otherShowId);
    expect(elsewhere.results).toEqual([]);
  });
});

describe("search by meaning with a provider's embedder", () => {
  // A stand-in for a provider's model: one dimension per subject, so what is near what is plain.
  const subjects = [/accelerat|processor|semiconductor/, /snack|coffee/, /sleep|night/, /mining|taproot/];
  const model = new MockEmbeddingModelV4({
    provider: "openai",
    modelId: "subjects",
    doEmbed: async ({ values }) => ({ embeddings: values.map((text) => subjects.map((subject) => (subject.test(text.toLowerCase()) ? 1 : 0))), warnings: [] }),
  });
  const provider = createProviderEmbedder({ id: `openai:subjects-${run}`, model, dimensions: subjects.length });
  let providerShowId: string;
  let providerIds: Record<string, string>;

  beforeAll(async () => {
    pinNeighbourSearch(undefined);
    providerShowId = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/provider`, title: "Provider Show" } })).id;
    const episode = await db.episode.create({ data: { podcastId: providerShowId, guid: `${run}-provider`, title: "More odds and ends", publishedAt: new Date(Date.UTC(2026, 10, 3)) } });
    providerIds = await storeInsights(provider, episode.id, { exportControls: TEXTS.exportControls, sleep: TEXTS.sleep });
  });

  it("finds by the provider's vectors, and never offers an insight embedded by another model", async () => {
    const q = "semiconductor supply";
    const byWords = await searchInsights(readerId, { q, podcastId: providerShowId }, { mode: "words", embedder: provider });
    expect(byWords.results).toEqual([]);
    // No show filter: the offline-embedded twin of this insight is in the database too, in another space.
    const byMeaning = await searchInsights(readerId, { q }, { mode: "meaning", embedder: provider });
    expect(byMeaning.results.map((result) => result.insight.id)).toEqual([providerIds.exportControls]);
    const both = await searchInsights(readerId, { q, podcastId: providerShowId }, { embedder: provider });
    expect(both.results.map((result) => [result.insight.id, result.foundBy])).toEqual([[providerIds.exportControls, "meaning"]]);
  });
});
