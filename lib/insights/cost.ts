/**
 * What an extraction cost, from its token counts and the provider's prices as the settings give them
 * (AI_PRICE_INPUT_PER_MTOK, AI_PRICE_OUTPUT_PER_MTOK). No price list is built in: providers change
 * prices, and a wrong figure shown as fact is worse than none.
 */
export type TokenPrices = { inputPerMillion: number; outputPerMillion: number };
export type TokenUsage = { inputTokens: number; outputTokens: number };

/** US dollars, or null when the prices are not both set or the usage is unknown. */
export function extractionCostUsd(usage: TokenUsage | null, prices: Partial<TokenPrices> | null): number | null {
  if (!usage || prices?.inputPerMillion === undefined || prices.outputPerMillion === undefined) return null;
  return (usage.inputTokens * prices.inputPerMillion + usage.outputTokens * prices.outputPerMillion) / 1_000_000;
}

/** The configured prices, or null when either is unset. */
export function pricesFromEnv(env: { AI_PRICE_INPUT_PER_MTOK?: number; AI_PRICE_OUTPUT_PER_MTOK?: number }): TokenPrices | null {
  const { AI_PRICE_INPUT_PER_MTOK: input, AI_PRICE_OUTPUT_PER_MTOK: output } = env;
  return input === undefined || output === undefined ? null : { inputPerMillion: input, outputPerMillion: output };
}

/** "$0.0042": enough digits to tell episodes apart when each costs a fraction of a cent. */
export function formatUsd(amount: number): string {
  if (amount === 0) return "$0";
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  return `$${amount.toPrecision(2)}`;
}
