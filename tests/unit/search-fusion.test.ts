/** Reciprocal rank fusion and the search eval's measures: what decides the order readers see, and how it is scored. */
import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "@/lib/search/fuse-rankings";
import { labelledQueries, matchesKey, reciprocalRank, recallAt } from "@/lib/search/search-eval";
import fixture from "@/tests/fixtures/search-queries.json";

describe("fuseRankings", () => {
  it("puts an insight both lists found above the top of either list alone", () => {
    const fused = fuseRankings([
      ["words-only", "both"],
      ["meaning-only", "both"],
    ]);
    expect(fused.map((item) => item.id)).toEqual(["both", "meaning-only", "words-only"]);
    expect(fused[0]).toEqual({ id: "both", score: 2 / (RRF_K + 2), positions: [2, 2] });
  });

  it("keeps items found by one list, with their position there and none in the other", () => {
    const fused = fuseRankings([["a", "b", "c"], []]);
    expect(fused.map((item) => [item.id, item.positions])).toEqual([
      ["a", [1, null]],
      ["b", [2, null]],
      ["c", [3, null]],
    ]);
  });

  it("breaks equal scores by id, whichever list came first", () => {
    expect(fuseRankings([["m"], ["n"]]).map((item) => item.id)).toEqual(["m", "n"]);
    expect(fuseRankings([["n"], ["m"]]).map((item) => item.id)).toEqual(["m", "n"]);
  });

  it("counts an id a list repeats once, at its first place", () => {
    const [item] = fuseRankings([["a", "a"]]);
    expect(item).toEqual({ id: "a", score: 1 / (RRF_K + 1), positions: [1] });
  });
});

describe("search eval measures", () => {
  const relevant = new Set(["r1", "r2"]);

  it("scores the first relevant result's position, and nothing found as 0", () => {
    expect(reciprocalRank(["x", "r2", "r1"], relevant)).toBe(1 / 2);
    expect(reciprocalRank(["x", "y"], relevant)).toBe(0);
  });

  it("counts the share of relevant results in the first k", () => {
    expect(recallAt(2, ["r1", "x", "r2"], relevant)).toBe(0.5);
    expect(recallAt(3, ["r1", "x", "r2"], relevant)).toBe(1);
    expect(() => recallAt(10, ["r1"], new Set())).toThrow();
  });

  it("matches labels by episode guid and headline prefix", () => {
    const key = { episode: "slp-66", headline: "Power is maybe" };
    expect(matchesKey(key, { episodeGuid: "slp-66", headline: "Power is maybe not the right word" })).toBe(true);
    expect(matchesKey(key, { episodeGuid: "slp-277", headline: "Power is maybe not the right word" })).toBe(false);
  });

  it("has a labelled set of at least 30 queries, each query asked once", () => {
    const { queries } = labelledQueries.parse(fixture);
    expect(queries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(queries.map((entry) => entry.query.toLowerCase())).size).toBe(queries.length);
  });
});
