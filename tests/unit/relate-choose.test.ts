/**
 * The rules relating applies to one new insight's neighbours: the related list and the cluster.
 */
import { describe, expect, it } from "vitest";
import { chooseCluster, chooseRelated, countShared, RELATED_LIMIT, termsOf, thresholdsFor, type InsightNeighbour } from "@/lib/insights/relate/choose";
import { extractionCostUsd, formatUsd, pricesFromEnv } from "@/lib/insights/cost";

const thresholds = { related: 0.45, samePoint: 0.61, minSharedTerms: 2 };
const candidate = (id: string, score: number, episodeId: string, clusterId: string | null = null, sharedTerms = 3): InsightNeighbour => ({
  id,
  score,
  episodeId,
  clusterId,
  sharedTerms,
});
const fitting = (...clusterIds: string[]) => (clusterId: string) => clusterIds.includes(clusterId);

describe("the related list", () => {
  it("keeps neighbours above the threshold, other episodes first, best first, at most ten", () => {
    const neighbours = [
      candidate("same-1", 0.9, "self"),
      candidate("other-1", 0.5, "e1"),
      candidate("other-2", 0.7, "e2"),
      candidate("below", 0.44, "e3"),
      ...Array.from({ length: 12 }, (_, i) => candidate(`more-${i}`, 0.46 + i / 100, `m${i}`)),
    ];
    const related = chooseRelated("self", neighbours, thresholds);
    expect(related).toHaveLength(RELATED_LIMIT);
    expect(related.map((r) => r.id)).not.toContain("below");
    expect(related[0]!.id).toBe("other-2");
    // Ten from other episodes outrank a closer one from the same episode.
    expect(related.map((r) => r.id)).not.toContain("same-1");
    expect(related.map((r) => r.score)).toEqual([...related.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("lists same-episode neighbours after the others when there is room", () => {
    const related = chooseRelated("self", [candidate("same", 0.95, "self"), candidate("other", 0.5, "e1")], thresholds);
    expect(related.map((r) => r.id)).toEqual(["other", "same"]);
  });
});

describe("the cluster", () => {
  it("joins the cluster of the nearest same-point insight from another episode when it fits every member", () => {
    const neighbours = [candidate("near", 0.8, "e1", "c1"), candidate("far", 0.65, "e2", "c2")];
    expect(chooseCluster("self", neighbours, thresholds, fitting("c1", "c2"))).toEqual({ join: "c1" });
  });

  it("does not chain: a cluster with a member making another point is passed over for the next nearest", () => {
    const neighbours = [candidate("near", 0.8, "e1", "c1"), candidate("far", 0.65, "e2", "c2"), candidate("free", 0.63, "e3")];
    expect(chooseCluster("self", neighbours, thresholds, fitting("c2"))).toEqual({ join: "c2" });
    expect(chooseCluster("self", neighbours, thresholds, fitting())).toEqual({ startWith: neighbours[2] });
  });

  it("starts a cluster with the nearest one when it has none, even if a looser cluster is near", () => {
    const choice = chooseCluster("self", [candidate("twin", 0.99, "e1"), candidate("loose", 0.62, "e2", "c2")], thresholds, fitting("c2"));
    expect(choice).toEqual({ startWith: candidate("twin", 0.99, "e1") });
  });

  it("never clusters with its own episode, below the same-point line, or without shared words", () => {
    const neighbours = [candidate("sibling", 0.99, "self", "c1"), candidate("related", 0.6, "e1", "c2"), candidate("same-subject", 0.8, "e2", null, 1)];
    expect(chooseCluster("self", neighbours, thresholds, fitting("c1", "c2"))).toBeNull();
  });

  it("counts shared content words by stem, ignoring function words", () => {
    const a = termsOf("Chinese miners control most of the Bitcoin hash rate.");
    const b = termsOf("The hash rate of bitcoin is concentrated with a few Chinese pools.");
    expect(countShared(a, b)).toBeGreaterThanOrEqual(3);
    expect(countShared(termsOf("It is what it is, and that was that."), termsOf("That is what it was."))).toBe(0);
  });

  it("holds provider vectors to a stricter same-point line than the offline model's", () => {
    expect(thresholdsFor("openai:text-embedding-3-small").samePoint).toBeGreaterThan(thresholdsFor("use-lite-512").samePoint);
  });
});

describe("extraction cost", () => {
  it("is computed from tokens and configured prices, and absent without prices", () => {
    const prices = pricesFromEnv({ AI_PRICE_INPUT_PER_MTOK: 0.4, AI_PRICE_OUTPUT_PER_MTOK: 1.6 });
    expect(extractionCostUsd({ inputTokens: 20_000, outputTokens: 2_000 }, prices)).toBeCloseTo(0.0112, 10);
    expect(extractionCostUsd({ inputTokens: 20_000, outputTokens: 2_000 }, pricesFromEnv({ AI_PRICE_INPUT_PER_MTOK: 0.4 }))).toBeNull();
    expect(extractionCostUsd(null, prices)).toBeNull();
    expect(formatUsd(0.0112)).toBe("$0.011");
    expect(formatUsd(2.5)).toBe("$2.50");
  });
});
