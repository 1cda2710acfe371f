/**
 * Tokens and cost of one extraction, counted where the extraction is stored (extract-episode.ts), from
 * the same usage the episode records: the counters and the episode page agree.
 */
import { getEnv } from "@/lib/env";
import { extractionCostUsd, pricesFromEnv, type TokenUsage } from "@/lib/insights/cost";
import { metrics } from "@/lib/metrics/registry";

/** Counts what the provider reported; an extractor that reports nothing (the offline one) counts nothing. */
export function countModelUsage(model: string, usage: TokenUsage | null | undefined): void {
  if (!usage) return;
  const counters = metrics();
  counters.modelTokens.inc({ model, direction: "input" }, usage.inputTokens);
  counters.modelTokens.inc({ model, direction: "output" }, usage.outputTokens);
  const cost = extractionCostUsd(usage, pricesFromEnv(getEnv()));
  if (cost !== null) counters.modelCost.inc({ model }, cost);
}
