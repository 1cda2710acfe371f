/**
 * Search as a reader uses it, against a real database (PGlite and PostgreSQL): ranking by where the
 * words matched, stemming, episode titles, topic and show filters, highlighted matches, vectors that
 * follow edits, input no reader can break it with, and a plan that uses the GIN index.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { applyMigrations, migrationsDir, readMigrations } from "@/lib/db/migrate";
import { SafeError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { MATCH_END, MATCH_START, type HighlightSegment } from "@/lib/search/highlight";
import { listSearchFilters } from "@/lib/search/search-filters";
import { parseSearchInput, rankedInsightsSql, searchInsights, type SearchInsightsInput, type SearchPage } from "@/lib/search/search-insights";
import { createDatabase } from "@/tests/helpers/databases";

const run = randomUUID().slice(0, 8);
const day = (n: number) => new Date(Date.UTC(2026, 9, n));

let readerId: string;
let otherReaderId: string;
let policyShow: string;
let techShow: string;
const ids: Record<string, string> = {};

async function createEpisode(podcastId: string, title: string, publishedAt: Date) {
  return db.episode.create({ data: { podcastId, guid: `${run}-${title}`, title, publishedAt } });
}

async function createInsight(key: string, episode: { id: string; publishedAt: Date | null }, text: { headline: string; body: string; quote: string }) {
  const insight = await db.insight.create({
    data: {
      episodeId: episode.id,
      ...text,
      startSeconds: 60,
      endSeconds: 75,
      qualityScore: 0.8,
      model: "test",
      promptVersion: "test-1",
      embedding: [],
      publishedAt: episode.publishedAt!,
    },
  });
  ids[key] = insight.id;
  return insight;
}

const search = (input: SearchInsightsInput, userId = readerId) => searchInsights(userId, input);
const resultIds = (page: SearchPage) => page.results.map((result) => result.insight.id);
const matchedWords = (segments: HighlightSegment[] | null) => (segments ?? []).filter((s) => s.match).map((s) => s.text.toLowerCase());
const plain = (segments: HighlightSegment[] | null) => (segments ?? []).map((s) => s.text).join("");

beforeAll(async () => {
  readerId = (await db.user.create({ data: { email: `search-${run}@example.com` } })).id;
  otherReaderId = (await db.user.create({ data: { email: `search-other-${run}@example.com` } })).id;
  policyShow = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/policy`, title: "Policy Hour" } })).id;
  techShow = (await db.podcast.create({ data: { feedUrl: `https://example.com/${run}/tech`, title: "Tech Weekly" } })).id;

  const drones = await createEpisode(policyShow, "Drones over the city", day(1));
  const exports = await createEpisode(policyShow, "Chip export regulations explained", day(2));
  const gadgets = await createEpisode(techShow, "Gadgets of the week", day(3));

  // One insight per place the word "regulation" can be: headline, body, quote, only the episode title.
  await createInsight("headline", drones, {
    headline: "A new regulation grounds delivery drones",
    body: "The city council voted to ban commercial drone deliveries over parks until operators prove their safety record.",
    quote: "Nobody wants a parcel falling on a picnic.",
  });
  await createInsight("body", drones, {
    headline: "Councils move faster than national governments",
    body: "Local councils can pass a regulation in weeks, while national rules take years of consultation.",
    quote: "We moved in three weeks because we had to.",
  });
  await createInsight("quote", gadgets, {
    headline: "Smart speakers keep listening after the wake word",
    body: "Researchers found recordings of several seconds before the wake word was spoken.",
    quote: "Without regulation, the default is to record everything.",
  });
  await createInsight("title", exports, {
    headline: "Export limits on chips push buyers to older nodes",
    body: "Buyers that cannot get the newest accelerators stockpile previous generations instead.",
    quote: "The old chips are good enough for most training runs.",
  });
  await createInsight("unrelated", gadgets, {
    headline: "Foldable phones finally survive a year of use",
    body: "Hinge failures fell sharply in the latest generation of foldables.",
    quote: "My phone has folded ten thousand times.",
  });

  const policy = await db.topic.create({ data: { slug: `policy-${run}`, name: `Policy ${run}`, description: "Laws and rules", kind: "curated" } });
  const others = await db.topic.create({ data: { slug: `others-${run}`, name: `Others ${run}`, description: "Someone else's", kind: "custom", createdById: otherReaderId } });
  const mine = await db.topic.create({ data: { slug: `mine-${run}`, name: `Mine ${run}`, description: "My own", kind: "custom", createdById: readerId } });
  const link = (insight: string, topicId: string) =>
    db.insightTopic.create({ data: { insightId: ids[insight]!, topicId, score: 0.5, publishedAt: day(1) } });
  await link("headline", policy.id);
  await link("quote", policy.id);
  await link("body", others.id);
  await link("body", mine.id);
});

describe("ranking", () => {
  it("puts a headline match above a body match, above a quote match, above an episode-title match", async () => {
    const page = await search({ q: "regulation" });
    const ours = resultIds(page).filter((id) => Object.values(ids).includes(id));
    expect(ours).toEqual([ids.headline, ids.body, ids.quote, ids.title]);
    const ranks = page.results.filter((r) => ours.includes(r.insight.id)).map((r) => r.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(ranks.at(-1)).toBeGreaterThan(0);
  });

  it("finds other forms of a word: 'regulations' finds 'regulation', 'regulated' too", async () => {
    const page = await search({ q: "regulations", podcastId: policyShow });
    expect(resultIds(page)).toEqual([ids.headline, ids.body, ids.title]);
    const headline = page.results[0]!.highlights.headline;
    expect(matchedWords(headline)).toEqual(["regulation"]);
  });

  it("finds insights by their episode's title, and shows the title highlighted", async () => {
    const page = await search({ q: "chip export", podcastId: policyShow });
    expect(resultIds(page)).toEqual([ids.title]);
    const [result] = page.results;
    expect(matchedWords(result!.highlights.episodeTitle)).toEqual(["chip", "export"]);
    expect(plain(result!.highlights.episodeTitle)).toBe("Chip export regulations explained");
  });

  it("reads phrases, or and minus as a reader means them", async () => {
    expect(resultIds(await search({ q: '"wake word"', podcastId: techShow }))).toEqual([ids.quote]);
    expect(resultIds(await search({ q: '"word wake"', podcastId: techShow }))).toEqual([]);
    expect(resultIds(await search({ q: "foldable or drones", podcastId: techShow }))).toEqual([ids.unrelated]);
    expect(resultIds(await search({ q: "regulation -parks", podcastId: policyShow }))).toEqual([ids.body, ids.title]);
    // The episode's title is part of what is searched: "-drones" leaves out both insights of "Drones over the city".
    expect(resultIds(await search({ q: "regulation -drones", podcastId: policyShow }))).toEqual([ids.title]);
  });
});

describe("filters", () => {
  it("narrows to one show", async () => {
    expect(resultIds(await search({ q: "regulation", podcastId: techShow }))).toEqual([ids.quote]);
    expect(resultIds(await search({ q: "regulation", podcastId: "no-such-show" }))).toEqual([]);
  });

  it("narrows to one topic, curated or the reader's own, never another reader's", async () => {
    expect(resultIds(await search({ q: "regulation", topic: `policy-${run}` }))).toEqual([ids.headline, ids.quote]);
    expect(resultIds(await search({ q: "regulation", topic: `mine-${run}` }))).toEqual([ids.body]);
    expect(resultIds(await search({ q: "regulation", topic: `others-${run}` }))).toEqual([]);
    expect(resultIds(await search({ q: "regulation", topic: `others-${run}` }, otherReaderId))).toEqual([ids.body]);
    expect(resultIds(await search({ q: "regulation", topic: `policy-${run}`, podcastId: techShow }))).toEqual([ids.quote]);
  });

  it("offers the reader's topics and the shows with insights as filters", async () => {
    const options = await listSearchFilters(readerId);
    const slugs = options.topics.map((topic) => topic.slug);
    expect(slugs).toContain(`policy-${run}`);
    expect(slugs).toContain(`mine-${run}`);
    expect(slugs).not.toContain(`others-${run}`);
    expect(options.shows.map((show) => show.id)).toEqual(expect.arrayContaining([policyShow, techShow]));
  });

  it("treats empty filter fields from the form as no filter", async () => {
    expect(resultIds(await search({ q: "foldable", topic: "", podcastId: " " }))).toEqual([ids.unrelated]);
  });
});

describe("highlights", () => {
  it("mark the matched words in each field that matched, and only those fields", async () => {
    const [result] = (await search({ q: "regulation", podcastId: techShow })).results;
    expect(result!.highlights.headline).toBeNull();
    expect(result!.highlights.body).toBeNull();
    expect(result!.highlights.episodeTitle).toBeNull();
    expect(matchedWords(result!.highlights.quote)).toEqual(["regulation"]);
    // A quote short enough to show whole is not marked as cut.
    expect(plain(result!.highlights.quote)).toMatch(/^Without regulation, the default is to record everything\.?$/);
  });

  it("mark a long body whole, so the card shows its own text with the match in place", async () => {
    const episode = await createEpisode(techShow, `Long read ${run}`, day(4));
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const long = `${filler} the lighthouse keeper retired ${filler}`;
    await createInsight("long", episode, { headline: "A long one", body: long, quote: "Short." });
    const [result] = (await search({ q: "lighthouse", podcastId: techShow })).results;
    const body = result!.highlights.body!;
    expect(matchedWords(body)).toEqual(["lighthouse"]);
    expect(plain(body)).toBe(long);
  });

  it("never carry markup or stray markers from the stored text into the marks", async () => {
    const episode = await createEpisode(techShow, `Markup ${run}`, day(5));
    await createInsight("markup", episode, {
      headline: `Sneaky ${MATCH_START}platypus${MATCH_END} <img src=x onerror=alert(1)> platypus`,
      body: "Body without the word.",
      quote: "Quote without it either.",
    });
    const [result] = (await search({ q: "platypus", podcastId: techShow })).results;
    const headline = result!.highlights.headline!;
    expect(matchedWords(headline)).toEqual(["platypus", "platypus"]);
    for (const segment of headline) {
      expect(segment.text).not.toContain(MATCH_START);
      expect(segment.text).not.toContain(MATCH_END);
    }
    // The stored text comes back as text (to be rendered as such), never as marks.
    expect(result!.insight.headline).toContain("<img");
  });
});

describe("keeping the index up to date", () => {
  it("follows an edited headline and a retitled episode", async () => {
    const episode = await createEpisode(techShow, `Before ${run}`, day(6));
    const insight = await createInsight("edited", episode, { headline: "An armadillo crossed the road", body: "Nothing else.", quote: "Really nothing." });
    expect(resultIds(await search({ q: "armadillo", podcastId: techShow }))).toEqual([insight.id]);

    await db.insight.update({ where: { id: insight.id }, data: { headline: "A pangolin crossed the road" } });
    expect(resultIds(await search({ q: "armadillo", podcastId: techShow }))).toEqual([]);
    expect(resultIds(await search({ q: "pangolin", podcastId: techShow }))).toEqual([insight.id]);

    await db.episode.update({ where: { id: episode.id }, data: { title: "Walruses at dawn" } });
    expect(resultIds(await search({ q: "walrus", podcastId: techShow }))).toEqual([insight.id]);
    // The headline survives the episode's retitling.
    expect(resultIds(await search({ q: "pangolin", podcastId: techShow }))).toEqual([insight.id]);
  });
});

describe("pages, saved state", () => {
  it("pages through results without repeats, and says where the last page is", async () => {
    const first = await search({ q: "regulation", podcastId: policyShow, take: 2 });
    expect(resultIds(first)).toEqual([ids.headline, ids.body]);
    expect(first.nextOffset).toBe(2);
    const second = await search({ q: "regulation", podcastId: policyShow, take: 2, offset: first.nextOffset! });
    expect(resultIds(second)).toEqual([ids.title]);
    expect(second.nextOffset).toBeNull();
  });

  it("marks the reader's saved insights, not another reader's", async () => {
    await db.savedInsight.create({ data: { userId: otherReaderId, insightId: ids.body! } });
    await db.savedInsight.create({ data: { userId: readerId, insightId: ids.headline! } });
    const page = await search({ q: "regulation", podcastId: policyShow });
    expect(page.results.map((result) => [result.insight.id, result.saved])).toEqual([
      [ids.headline, true],
      [ids.body, false],
      [ids.title, false],
    ]);
  });
});

describe("input no reader can break it with", () => {
  /** What a search gives: results, or a message for the reader; any other error fails the test. */
  async function outcome(input: SearchInsightsInput): Promise<SearchPage | string> {
    try {
      return await search(input);
    } catch (error) {
      expect(error).toBeInstanceOf(SafeError);
      return (error as SafeError).message;
    }
  }

  it.each([
    ['"unterminated phrase'],
    ['regulation" OR "'],
    ["OR OR OR"],
    ["- - -regulation"],
    ["'; DROP TABLE insights; --"],
    ["regulation') OR 1=1 --"],
    ["&|!():*<-> \\ % _"],
    ["regulation:* & !x"],
    ["\u0000regulation\u0001"],
    ["\uD800 lone surrogate"],
    [`${MATCH_START}regulation${MATCH_END}`],
    ["🙂 ünïcödé regulation"],
  ])("%j gives results or a message, never an error", async (q) => {
    const result = await outcome({ q, podcastId: policyShow });
    if (typeof result === "string") expect(result.length).toBeGreaterThan(0);
    else expect(Array.isArray(result.results)).toBe(true);
    expect(await db.insight.count({ where: { id: ids.headline } })).toBe(1);
  });

  it("searches the words of a query with operators in it", async () => {
    const page = await search({ q: "'; DROP TABLE insights; --", podcastId: policyShow });
    expect(page.results).toEqual([]);
    expect(resultIds(await search({ q: "\u0000regulation\u0001", podcastId: policyShow }))).toEqual([ids.headline, ids.body, ids.title]);
  });

  it("explains an empty, a too long or a too deep search", async () => {
    expect(await outcome({ q: "   " })).toBe("Type a word or two to search for.");
    expect(await outcome({ q: "\u0000\u0001" })).toBe("Type a word or two to search for.");
    expect(await outcome({ q: "regulation ".repeat(50) })).toMatch(/200 characters or fewer/);
    expect(await outcome({ q: "x".repeat(100_000) })).toMatch(/200 characters or fewer/);
    expect(await outcome({ q: "regulation", offset: 10_000 })).toMatch(/first pages/);
    expect(await outcome({ q: "regulation", offset: -1 })).toEqual(expect.any(String));
  });

  it("says when every word is too common to search for", async () => {
    const page = await search({ q: "the and of" });
    expect(page).toEqual({ results: [], nextOffset: null, hasTerms: false });
    expect((await search({ q: "zzyzxqq" })).hasTerms).toBe(true);
  });
});

describe("the query plan", () => {
  it("finds matches through the GIN index on search_vector", async () => {
    // On a few test rows a sequential scan is cheaper, so that path is priced out: what this checks is
    // that the query's shape is one the index can answer (a mismatched expression would fall back to a scan).
    const plans = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const explain = async (input: SearchInsightsInput) =>
        (await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${rankedInsightsSql(readerId, parseSearchInput(input))}`)
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      return [await explain({ q: "regulation" }), await explain({ q: "regulation", podcastId: policyShow, topic: `policy-${run}` })];
    });
    const [unfiltered, filtered] = plans;
    expect(unfiltered).toMatch(/Bitmap Index Scan on insights_search_vector_idx/);
    // With filters the planner may start from that show's episodes or that topic's links instead
    // (then reading insights by key): either way, no full scan.
    expect(filtered).toMatch(/insights_search_vector_idx|insights_episode_id_idx|insights_pkey/);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on insights/);
  });
});

describe("the search migration", () => {
  it("fills the vectors of insights written before it, weighted by field", async () => {
    const database = await createDatabase(inject("databaseKind"));
    const before = await fs.mkdtemp(path.join(os.tmpdir(), "podbrief-migrations-"));
    const client = new pg.Client({ connectionString: database.url });
    try {
      const migrations = await readMigrations();
      const search = migrations.findIndex((migration) => migration.name.endsWith("_search"));
      expect(search).toBeGreaterThan(0);
      for (const migration of migrations.slice(0, search)) await fs.cp(path.join(migrationsDir, migration.name), path.join(before, migration.name), { recursive: true });
      await applyMigrations(database.url, before);

      await client.connect();
      await client.query(`INSERT INTO podcasts (id, feed_url, title, updated_at) VALUES ('p1', 'https://example.com/p1', 'Show', now())`);
      await client.query(`INSERT INTO episodes (id, podcast_id, guid, title, updated_at) VALUES ('e1', 'p1', 'g1', 'Chip exports', now())`);
      await client.query(
        `INSERT INTO insights (id, episode_id, headline, body, quote, start_seconds, end_seconds, quality_score, model, prompt_version, published_at)
         VALUES ('i1', 'e1', 'New regulation', 'Councils act', 'Rules were tightened', 0, 1, 0.5, 'm', 'v', now())`,
      );

      await applyMigrations(database.url);
      const { rows } = await client.query<{ vector: string; found: boolean }>(
        `SELECT search_vector::text AS vector, search_vector @@ websearch_to_tsquery('english', 'regulations') AS found FROM insights WHERE id = 'i1'`,
      );
      expect(rows[0]!.found).toBe(true);
      expect(rows[0]!.vector).toMatch(/'regul':\d+A/);
      expect(rows[0]!.vector).toMatch(/'council':\d+B/);
      expect(rows[0]!.vector).toMatch(/'tighten':\d+C/);
      // D is the default weight, which tsvector's text form leaves unwritten.
      expect(rows[0]!.vector).toMatch(/'chip':\d+( |$)/);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
      await fs.rm(before, { recursive: true, force: true });
    }
  });

  it("leaves no insight without a vector", async () => {
    const [row] = await db.$queryRaw<{ missing: number }[]>(Prisma.sql`SELECT count(*)::int AS missing FROM insights WHERE search_vector IS NULL`);
    expect(row!.missing).toBe(0);
  });
});
