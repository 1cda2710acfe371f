/**
 * A story's full coverage: every show's take on one point (a cluster), in the order they were aired,
 * with who said it first, which takes disagree with the lead take (and which method said so), and
 * how many shows took it up in the last week. Public like insight pages: the takes are the same for
 * everyone; only each card's topics follow the reader (insightCardSelect).
 */
import "server-only";
import { z } from "zod";
import { insightCardSelect, toInsightCard, type InsightCardData } from "@/lib/cards/insight-card";
import { showsWithin } from "@/lib/clusters/growing";
import { offlineDisagreement, STANCES, type Stance, type StanceMethod } from "@/lib/clusters/stance";
import { db } from "@/lib/db";

export const clusterIdParam = z.string().min(1).max(64).regex(/^[\w-]+$/);

const storedVerdict = z.enum(STANCES);

export type TakeStance = {
  verdict: Stance;
  method: StanceMethod;
  /** The model's id for a model's verdict ("openai:gpt-4.1-mini"); null for the offline rule. */
  model: string | null;
  /** Offline: the take's sentence that turned against the lead, and the word that did. */
  evidence: { sentence: string; marker: string } | null;
};

export type ClusterTake = {
  card: InsightCardData;
  audioUrl: string | null;
  episodeLink: string | null;
  /** The take the story is titled by (the cluster's best member); the others are held against it. */
  isLead: boolean;
  isFirst: boolean;
  /** How it stands to the lead take; null for the lead itself and for a take no method flagged. */
  stance: TakeStance | null;
};

export type ClusterPage = {
  id: string;
  /** A sentence: the lead take's headline. */
  title: string;
  takes: ClusterTake[];
  /** Who said it first: the earliest aired take. */
  first: ClusterTake;
  shows: number;
  /** Shows with a take aired in the last week (growing.ts). */
  showsThisWeek: number;
  updatedAt: Date;
};

/** A cluster's full-coverage page as `userId` (or nobody) sees it, or null when there is no such story. */
export async function getClusterPage(rawId: string, userId: string | null, asOf = new Date()): Promise<ClusterPage | null> {
  const id = clusterIdParam.safeParse(rawId);
  if (!id.success) return null;
  const cluster = await db.cluster.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      label: true,
      representativeInsightId: true,
      updatedAt: true,
      insights: {
        select: {
          ...insightCardSelect(userId),
          qualityScore: true,
          episode: { select: { ...insightCardSelect(userId).episode.select, link: true } },
          stance: { select: { leadInsightId: true, verdict: true, model: true } },
        },
        // The timeline's order: aired first, then the earlier moment, then by id so ties stay put.
        orderBy: [{ publishedAt: "asc" }, { startSeconds: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!cluster || cluster.insights.length === 0) return null;

  const rows = cluster.insights;
  // The representative is kept by relating; a cluster caught between writes falls back to its best member.
  const lead = rows.find((row) => row.id === cluster.representativeInsightId) ?? [...rows].sort((a, b) => b.qualityScore - a.qualityScore || a.id.localeCompare(b.id))[0]!;
  const first = rows[0]!;
  const takes = rows.map((row): ClusterTake => {
    const card = toInsightCard(row);
    return {
      card,
      audioUrl: row.episode.audioUrl,
      episodeLink: row.episode.link,
      isLead: row.id === lead.id,
      isFirst: row.id === first.id,
      stance: row.id === lead.id ? null : stanceOf(lead, row),
    };
  });
  return {
    id: cluster.id,
    title: cluster.label?.trim() || lead.headline,
    takes,
    first: takes[0]!,
    shows: new Set(takes.map((take) => take.card.podcast.id)).size,
    showsThisWeek: showsWithin(
      takes.map((take) => ({ podcastId: take.card.podcast.id, publishedAt: take.card.publishedAt })),
      asOf,
    ),
    updatedAt: cluster.updatedAt,
  };
}

type StanceRow = { id: string; headline: string; body: string; quote: string; stance: { leadInsightId: string; verdict: string; model: string } | null };

/**
 * The model's stored verdict against this lead when there is one (the lead may have changed since it
 * was asked), else the offline rule's flag. Verdicts of "agrees" are not shown: agreeing is what a
 * story's takes do.
 */
function stanceOf(lead: StanceRow, take: StanceRow): TakeStance | null {
  const stored = take.stance?.leadInsightId === lead.id ? storedVerdict.safeParse(take.stance.verdict) : null;
  if (stored?.success) return stored.data === "agrees" ? null : { verdict: stored.data, method: "model", model: take.stance!.model, evidence: null };
  const offline = offlineDisagreement(lead, take);
  return offline ? { verdict: "disagrees", method: "offline", model: null, evidence: offline } : null;
}
