/**
 * Measures for the labelled search queries (tests/fixtures/search-queries.json, `npm run eval:search`).
 * Labels name insights by episode guid and headline prefix, never by database id, so they survive a
 * fresh load of the demo content.
 */
import { z } from "zod";

export const insightKey = z.object({ episode: z.string().min(1), headline: z.string().min(1) });
export type InsightKey = z.infer<typeof insightKey>;

export const labelledQueries = z.object({
  queries: z.array(z.object({ query: z.string().min(1), expected: z.array(insightKey).min(1) })).min(1),
});
export type LabelledQueries = z.infer<typeof labelledQueries>;

/** Does a stored insight (its episode's guid and its headline) answer to this label? */
export function matchesKey(key: InsightKey, insight: { episodeGuid: string; headline: string }): boolean {
  return insight.episodeGuid === key.episode && insight.headline.startsWith(key.headline);
}

/** 1 / the position of the first relevant result, 0 when none was returned. */
export function reciprocalRank(results: readonly string[], relevant: ReadonlySet<string>): number {
  const position = results.findIndex((id) => relevant.has(id));
  return position === -1 ? 0 : 1 / (position + 1);
}

/** Share of the relevant results among the first k returned. */
export function recallAt(k: number, results: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) throw new Error("a query needs at least one relevant result");
  return results.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
