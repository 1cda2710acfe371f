/**
 * With a language model configured, asks it how each take of an episode's stories stands to the
 * story's lead take, once per take and lead, and stores the verdict for the full-coverage page. Runs
 * in the worker after relating. Offline (no model) it does nothing: the page applies the offline rule
 * as it reads. A failed check is logged and left for the next relate of that story; the page falls
 * back to the offline rule meanwhile, labelled as such.
 */
import "server-only";
import type { LanguageModel } from "ai";
import { languageModel } from "@/lib/ai/models";
import { checkStanceWithModel, STANCE_PROMPT_VERSION } from "@/lib/clusters/stance-model";
import { db } from "@/lib/db";
import { moduleLog } from "@/lib/log";

const log = moduleLog("stances");

export type StanceCheckOutcome = { asked: number; stored: number; failed: number };

const takeSelect = { id: true, headline: true, body: true, quote: true } as const;

/** Asks about the takes of `clusterIds` not yet checked against their current lead by this model and prompt; nothing without a model. */
export async function checkClusterStances(
  clusterIds: readonly string[],
  configured: { model: LanguageModel; id: string } | null = languageModel(),
): Promise<StanceCheckOutcome> {
  const outcome: StanceCheckOutcome = { asked: 0, stored: 0, failed: 0 };
  if (!configured || clusterIds.length === 0) return outcome;
  const clusters = await db.cluster.findMany({
    where: { id: { in: [...clusterIds] }, representativeInsightId: { not: null } },
    select: { representativeInsightId: true, insights: { select: { ...takeSelect, stance: { select: { leadInsightId: true, model: true, promptVersion: true } } } } },
  });
  for (const cluster of clusters) {
    const lead = cluster.insights.find((insight) => insight.id === cluster.representativeInsightId);
    if (!lead) continue;
    // One at a time: parallel calls would only meet the provider's rate limit sooner.
    for (const take of cluster.insights) {
      if (take.id === lead.id) continue;
      const current = take.stance;
      if (current && current.leadInsightId === lead.id && current.model === configured.id && current.promptVersion === STANCE_PROMPT_VERSION) continue;
      outcome.asked++;
      try {
        const verdict = await checkStanceWithModel(configured.model, lead, take);
        if (!verdict) continue;
        const row = { leadInsightId: lead.id, verdict, model: configured.id, promptVersion: STANCE_PROMPT_VERSION };
        await db.clusterStance.upsert({ where: { insightId: take.id }, create: { insightId: take.id, ...row }, update: { ...row, createdAt: new Date() } });
        outcome.stored++;
      } catch (error) {
        outcome.failed++;
        log.warn({ err: error, insightId: take.id }, "stance check failed; the page uses the offline rule for this take");
      }
    }
  }
  return outcome;
}

/** The clusters an episode's insights belong to, for checking after the episode is related. */
export async function clustersOfEpisode(episodeId: string): Promise<string[]> {
  const rows = await db.insight.findMany({ where: { episodeId, clusterId: { not: null } }, select: { clusterId: true }, distinct: ["clusterId"] });
  return rows.map((row) => row.clusterId!);
}
