/**
 * Search over insights, by their words and by their meaning, merged by reciprocal rank fusion
 * (fuse-rankings.ts). Words: their headline, body and quote and their episode's title, in one
 * tsvector per insight (insights.search_vector, kept up to date by triggers, see the search
 * migration), ranked with ts_rank_cd so a match in a headline counts more than one in a body, more
 * than one in a quote, more than one in an episode title. websearch_to_tsquery reads what readers
 * type ("quoted phrases", or, -minus) and never fails on malformed input. Meaning: rank-by-meaning.ts.
 */
import "server-only";
import { z } from "zod";
import { insightCardSelect, toInsightCard, type InsightCardData } from "@/lib/cards/insight-card";
import { db } from "@/lib/db";
import { parseReaderInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { configuredEmbedder, type Embedder } from "@/lib/insights/embeddings";
import { moduleLog } from "@/lib/log";
import { fuseRankings } from "@/lib/search/fuse-rankings";
import {
  hasMatch,
  MATCH_END,
  MATCH_START,
  parseHighlight,
  WHOLE_FIELD_OPTIONS,
  type HighlightSegment,
} from "@/lib/search/highlight";
import { rankByMeaning, type SearchScope } from "@/lib/search/rank-by-meaning";

const log = moduleLog("search");

export const SEARCH_PAGE_SIZE = 20;
/** Ranked pages get slower the deeper they go, and nobody reads past the 25th. */
export const SEARCH_MAX_OFFSET = 500;
export const SEARCH_MAX_LENGTH = 200;

/** Weights for D, C, B, A: episode title, quote, body, headline (Postgres' defaults, written out). */
const RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}";

// Control characters cannot be stored or searched for (Postgres rejects NUL), and the highlight
// markers must only ever come from ts_headline.
const UNSEARCHABLE = new RegExp(`[\\u0000-\\u001f\\u007f${MATCH_START}${MATCH_END}]`, "g");

/** An optional filter from a GET form: an empty field means no filter. */
const optionalFilter = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().max(200).optional());

export const searchInsightsInput = z.object({
  q: z
    .string()
    .transform((value) => value.replace(UNSEARCHABLE, " ").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "Type a word or two to search for.").max(SEARCH_MAX_LENGTH, `Keep your search to ${SEARCH_MAX_LENGTH} characters or fewer.`)),
  /** A topic's slug: curated topics and the reader's own. */
  topic: optionalFilter,
  podcastId: optionalFilter,
  offset: z.coerce.number().int().min(0).max(SEARCH_MAX_OFFSET, "Search shows the first pages of results only: try more specific words.").default(0),
  take: z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE),
});
export type SearchInsightsInput = z.input<typeof searchInsightsInput>;
type ParsedSearchInput = z.output<typeof searchInsightsInput>;

export type SearchHighlights = {
  /** Each field with its matches marked, or null when the field did not match. */
  headline: HighlightSegment[] | null;
  body: HighlightSegment[] | null;
  quote: HighlightSegment[] | null;
  episodeTitle: HighlightSegment[] | null;
};

/** Which lists found a result: its words matched, it is close in meaning, or both. */
export type FoundBy = "words" | "meaning" | "both";

export type SearchResult = {
  insight: InsightCardData;
  saved: boolean;
  /** Its fused score (higher is better); comparable only within one search. */
  rank: number;
  foundBy: FoundBy;
  highlights: SearchHighlights;
};

/** Words alone and meaning alone exist for `npm run eval:search`, which compares them with both. */
export type SearchMode = "words" | "meaning" | "both";
export type SearchOptions = { mode?: SearchMode; embedder?: Embedder };

export type SearchPage = {
  results: SearchResult[];
  /** The offset of the next page, or null on the last one. */
  nextOffset: number | null;
  /** False when every word was too common to search for ("the", "and"): nothing can match. */
  hasTerms: boolean;
};

export function parseSearchInput(raw: SearchInsightsInput): ParsedSearchInput {
  return parseReaderInput(searchInsightsInput, raw, "That search could not be read: try a few words.");
}

function tsquery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english'::regconfig, ${q})`;
}

/** The topic and show filters as `AND ...` over alias `i`, for both lists. */
function searchScope(userId: string, input: ParsedSearchInput): SearchScope {
  const byShow = input.podcastId
    ? Prisma.sql`AND i.episode_id IN (SELECT e.id FROM episodes e WHERE e.podcast_id = ${input.podcastId})`
    : Prisma.empty;
  // Only topics this reader can see: the curated ones and their own.
  const byTopic = input.topic
    ? Prisma.sql`AND EXISTS (
        SELECT 1 FROM insight_topics it JOIN topics t ON t.id = it.topic_id
        WHERE it.insight_id = i.id AND t.slug = ${input.topic} AND (t.kind = 'curated' OR t.created_by_id = ${userId})
      )`
    : Prisma.empty;
  return { where: Prisma.sql`${byShow} ${byTopic}`, narrows: Boolean(input.podcastId || input.topic) };
}

/**
 * The ranked page of insight ids matching the words. Exported so a test can EXPLAIN it: the match is
 * on `search_vector @@ query` alone, which the GIN index answers, and the filters narrow that.
 */
export function rankedInsightsSql(userId: string, input: ParsedSearchInput): Prisma.Sql {
  const query = tsquery(input.q);
  return Prisma.sql`
    SELECT i.id, ts_rank_cd(${RANK_WEIGHTS}::real[], i.search_vector, ${query}) AS rank, i.published_at
    FROM insights i
    WHERE i.search_vector @@ ${query} ${searchScope(userId, input).where}
    ORDER BY rank DESC, i.published_at DESC, i.id
    LIMIT ${input.take + 1} OFFSET ${input.offset}`;
}

/**
 * The merged ranking down to `depth`: each list is read that deep, so fused positions up to it are
 * the same as over the whole lists would give to within what lies below `depth` in both.
 */
async function rankIds(userId: string, input: ParsedSearchInput, depth: number, { mode = "both", embedder }: SearchOptions) {
  const byWords =
    mode === "meaning" ? [] : (await db.$queryRaw<{ id: string }[]>(rankedInsightsSql(userId, { ...input, offset: 0, take: depth - 1 }))).map((row) => row.id);
  let byMeaning: string[] = [];
  if (mode !== "words") {
    try {
      byMeaning = (await rankByMeaning(embedder ?? configuredEmbedder(), input.q, searchScope(userId, input), depth)).map((match) => match.id);
    } catch (error) {
      // An embedding service that is down or misconfigured must not take word search down with it.
      if (mode === "meaning") throw error;
      log.warn({ err: error }, "search by meaning failed; showing word matches only");
    }
  }
  return fuseRankings([byWords, byMeaning]);
}

type HighlightRow = { id: string; headline: string; body: string; quote: string; episode_title: string };

/**
 * One page of insights matching `q` for this reader, by words and by meaning, best first, each with
 * its word matches marked. Throws SafeError for input a reader should correct (empty or too long).
 */
export async function searchInsights(userId: string, raw: SearchInsightsInput, options: SearchOptions = {}): Promise<SearchPage> {
  const input = parseSearchInput(raw);
  const fused = await rankIds(userId, input, input.offset + input.take + 1, options);
  const page = fused.slice(input.offset, input.offset + input.take);
  const ids = page.map((item) => item.id);
  const query = tsquery(input.q);
  const strip = (column: Prisma.Sql) => Prisma.sql`translate(${column}, ${MATCH_START + MATCH_END}, '')`;
  // ts_headline re-reads the text, so it runs on this page's rows only, after ranking.
  const [marked, cards, saved] = await Promise.all([
    ids.length === 0
      ? []
      : db.$queryRaw<HighlightRow[]>`
          SELECT i.id,
            ts_headline('english'::regconfig, ${strip(Prisma.sql`i.headline`)}, ${query}, ${WHOLE_FIELD_OPTIONS}) AS headline,
            ts_headline('english'::regconfig, ${strip(Prisma.sql`i.body`)}, ${query}, ${WHOLE_FIELD_OPTIONS}) AS body,
            ts_headline('english'::regconfig, ${strip(Prisma.sql`i.quote`)}, ${query}, ${WHOLE_FIELD_OPTIONS}) AS quote,
            ts_headline('english'::regconfig, ${strip(Prisma.sql`e.title`)}, ${query}, ${WHOLE_FIELD_OPTIONS}) AS episode_title
          FROM insights i JOIN episodes e ON e.id = i.episode_id
          WHERE i.id = ANY(${ids}::text[])`,
    db.insight.findMany({ where: { id: { in: ids } }, select: insightCardSelect(userId) }),
    db.savedInsight.findMany({ where: { userId, insightId: { in: ids } }, select: { insightId: true } }),
  ]);
  const markedById = new Map(marked.map((row) => [row.id, row]));
  const cardById = new Map(cards.map((row) => [row.id, row]));
  const savedIds = new Set(saved.map((row) => row.insightId));

  const results: SearchResult[] = [];
  for (const item of page) {
    const card = cardById.get(item.id);
    const row = markedById.get(item.id);
    if (!card || !row) continue; // deleted between the queries
    // Whole fields, not excerpts: the card shows each match once, marked where it stands.
    const matched = (text: string) => {
      const segments = parseHighlight(text);
      return hasMatch(segments) ? segments : null;
    };
    const [byWords, byMeaning] = item.positions;
    results.push({
      insight: toInsightCard(card),
      saved: savedIds.has(item.id),
      rank: item.score,
      foundBy: byWords && byMeaning ? "both" : byWords ? "words" : "meaning",
      highlights: {
        headline: matched(row.headline),
        body: matched(row.body),
        quote: matched(row.quote),
        episodeTitle: matched(row.episode_title),
      },
    });
  }

  const hasTerms = fused.length > 0 || (await queryHasTerms(input.q));
  return { results, nextOffset: fused.length > input.offset + input.take ? input.offset + input.take : null, hasTerms };
}

async function queryHasTerms(q: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ nodes: number }[]>`SELECT numnode(${tsquery(q)}) AS nodes`;
  return Number(row?.nodes ?? 0) > 0;
}
