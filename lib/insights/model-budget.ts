/**
 * The monthly budget for model spend (MODEL_BUDGET_USD_MONTHLY). Every model extraction records what
 * it cost (model_spend); once this calendar month's spend (UTC) reaches the budget, extraction falls
 * back to the offline extractor, which costs nothing, and the episode and the admin page say why.
 * The check comes before each extraction, so the run that crosses the line finishes: the budget can
 * be overrun by at most one episode per worker slot.
 */
import "server-only";
import { db } from "@/lib/db";
import { type Env, getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { extractionCostUsd, formatUsd, pricesFromEnv } from "@/lib/insights/cost";
import { createOfflineExtractor } from "@/lib/insights/offline/offline-extractor";
import type { Extractor, ExtractionUsage } from "@/lib/insights/types";

type BudgetSettings = Pick<Env, "MODEL_BUDGET_USD_MONTHLY" | "AI_PRICE_INPUT_PER_MTOK" | "AI_PRICE_OUTPUT_PER_MTOK">;

/** Midnight UTC on the first of `now`'s month, and of the next. */
export function monthBounds(now = new Date()): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

export type MonthSpend = { usd: number; inputTokens: number; outputTokens: number; runs: number; unpriced: number };

/** What the model cost this month: dollars where prices were set, tokens always. */
export async function monthSpend(now = new Date()): Promise<MonthSpend> {
  const { start, end } = monthBounds(now);
  const where = { createdAt: { gte: start, lt: end } };
  const [sums, unpriced] = await Promise.all([
    db.modelSpend.aggregate({ where, _sum: { costUsd: true, inputTokens: true, outputTokens: true }, _count: true }),
    db.modelSpend.count({ where: { ...where, costUsd: null } }),
  ]);
  return { usd: sums._sum.costUsd ?? 0, inputTokens: sums._sum.inputTokens ?? 0, outputTokens: sums._sum.outputTokens ?? 0, runs: sums._count, unpriced };
}

export type BudgetStatus = { budgetUsd: number | null; spent: MonthSpend; reached: boolean; resetsAt: Date };

export async function modelBudgetStatus(settings: BudgetSettings = getEnv(), now = new Date()): Promise<BudgetStatus> {
  const spent = await monthSpend(now);
  const budgetUsd = settings.MODEL_BUDGET_USD_MONTHLY ?? null;
  return { budgetUsd, spent, reached: budgetUsd !== null && spent.usd >= budgetUsd, resetsAt: monthBounds(now).end };
}

/** Why the offline extractor stands in, in words for the episode page and the admin page. */
export function budgetFallbackReason(status: BudgetStatus): string {
  const until = status.resetsAt.toISOString().slice(0, 10);
  return `Read by the offline extractor: this month's model budget (${formatUsd(status.budgetUsd ?? 0)}) is spent (${formatUsd(status.spent.usd)}). The model is used again from ${until}.`;
}

/**
 * The extractor to use now: `extractor` itself, unless it is a model and this month's budget is spent;
 * then the offline extractor, with the reason.
 */
export async function extractorWithinBudget(extractor: Extractor, settings: BudgetSettings = getEnv(), now = new Date()): Promise<{ extractor: Extractor; fallbackReason: string | null }> {
  if (extractor.id.startsWith("offline:") || settings.MODEL_BUDGET_USD_MONTHLY === undefined) return { extractor, fallbackReason: null };
  const status = await modelBudgetStatus(settings, now);
  if (!status.reached) return { extractor, fallbackReason: null };
  return { extractor: createOfflineExtractor(), fallbackReason: budgetFallbackReason(status) };
}

/** Records what one model extraction cost, in the transaction that stores its insights. */
export async function recordModelSpend(
  tx: Prisma.TransactionClient,
  { episodeId, model, usage, settings = getEnv(), at = new Date() }: { episodeId: string; model: string; usage: ExtractionUsage; settings?: BudgetSettings; at?: Date },
): Promise<void> {
  const costUsd = extractionCostUsd(usage, pricesFromEnv(settings));
  await tx.modelSpend.create({ data: { episodeId, model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd, createdAt: at } });
}
