/**
 * One insight as its public page shows it: what it says, the quote and where it was said (on the card), the
 * episode's audio, its topics, and the related insights stored for it by the worker (other episodes
 * first, most similar first), each with enough to link to its own page.
 */
import "server-only";
import { z } from "zod";
import { artworkSelect } from "@/lib/artwork/artwork-src";
import { db } from "@/lib/db";
import { insightCardSelect, toInsightCard } from "@/lib/insights/insight-card";

export const insightIdParam = z.string().min(1).max(64).regex(/^[\w-]+$/);

export async function getInsightPage(rawId: string, userId: string | null) {
  const id = insightIdParam.safeParse(rawId);
  if (!id.success) return null;
  const insight = await db.insight.findUnique({
    where: { id: id.data },
    select: {
      ...insightCardSelect(userId),
      cluster: { select: { label: true, size: true } },
      episode: {
        select: {
          id: true,
          title: true,
          audioUrl: true,
          audioType: true,
          link: true,
          publishedAt: true,
          artwork: artworkSelect,
          podcast: { select: { id: true, title: true, imageUrl: true, artwork: artworkSelect } },
        },
      },
      related: { select: { score: true, relatedInsight: { select: insightCardSelect(userId) } } },
    },
  });
  if (!insight) return null;
  const related = insight.related
    .map((relation) => ({ score: relation.score, card: toInsightCard(relation.relatedInsight) }))
    .sort((a, b) => Number(a.card.episode.id === insight.episode.id) - Number(b.card.episode.id === insight.episode.id) || b.score - a.score)
    .map((entry) => entry.card);
  const saved = userId ? Boolean(await db.savedInsight.findUnique({ where: { userId_insightId: { userId, insightId: insight.id } } })) : false;
  return {
    card: toInsightCard(insight),
    audio: insight.episode.audioUrl ? { url: insight.episode.audioUrl, type: insight.episode.audioType } : null,
    episodeLink: insight.episode.link,
    cluster: insight.cluster,
    related,
    saved,
  };
}
