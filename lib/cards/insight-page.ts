/**
 * One insight as its public page shows it: what it says, the quote and where it was said (on the card), the
 * episode's audio, its topics, and the insights around it as short paragraphs: the other shows' takes
 * on the same point (its cluster), then the related insights the worker stored for it (other episodes
 * first, most similar first), none twice.
 */
import "server-only";
import { cache } from "react";
import { z } from "zod";
import { artworkSelect } from "@/lib/artwork/artwork-src";
import { insightCardSelect, toInsightCard } from "@/lib/cards/insight-card";
import { db } from "@/lib/db";

export const insightIdParam = z.string().min(1).max(64).regex(/^[\w-]+$/);

const storedArtwork = { select: { id: true, status: true, hash: true } } as const;
type StoredArtwork = { id: string; status: string; hash: string | null } | null;
const readyArtwork = (artwork: StoredArtwork) => (artwork?.status === "ready" && artwork.hash ? artwork : null);

/** How many other takes on the same point the page lists; a cluster rarely has more. */
const SAME_POINT_SHOWN = 10;

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
  const card = toInsightCard(insight);
  const [clusterMembers, saved] = await Promise.all([
    insight.clusterId
      ? db.insight.findMany({
          where: { clusterId: insight.clusterId, id: { not: insight.id } },
          select: insightCardSelect(userId),
          orderBy: [{ qualityScore: "desc" }, { id: "asc" }],
          take: SAME_POINT_SHOWN,
        })
      : [],
    userId ? db.savedInsight.findUnique({ where: { userId_insightId: { userId, insightId: insight.id } } }).then(Boolean) : false,
  ]);
  // "Same point, other shows" is the cluster on other shows; a cluster member from this show is only related.
  const samePoint = clusterMembers.map(toInsightCard).filter((member) => member.podcast.id !== card.podcast.id);
  const shown = new Set(samePoint.map((member) => member.id));
  const related = insight.related
    .map((relation) => ({ score: relation.score, card: toInsightCard(relation.relatedInsight) }))
    .filter((entry) => !shown.has(entry.card.id))
    .sort((a, b) => Number(a.card.episode.id === card.episode.id) - Number(b.card.episode.id === card.episode.id) || b.score - a.score)
    .map((entry) => entry.card);
  return {
    card,
    audio: insight.episode.audioUrl ? { url: insight.episode.audioUrl, type: insight.episode.audioType } : null,
    episodeLink: insight.episode.link,
    cluster: insight.cluster,
    /** For the link to the story's full coverage: this show and the other shows that made the point. */
    story: insight.clusterId && samePoint.length > 0 ? { id: insight.clusterId, shows: new Set([card.podcast.id, ...samePoint.map((member) => member.podcast.id)]).size } : null,
    samePoint,
    related,
    saved,
  };
}

/** The size of the show's artwork in the share image: the stored size that fits its tile. */
const SHARE_ARTWORK_WIDTH = 240;

/**
 * What a shared link unfurls to (the page's metadata and its Open Graph image), read once per request
 * however many of them ask: the headline, the show and its stored artwork as JPEG bytes, if any (the
 * image renderer reads no WebP).
 */
export const getInsightShareCard = cache(async (rawId: string) => {
  const id = insightIdParam.safeParse(rawId);
  if (!id.success) return null;
  const insight = await db.insight.findUnique({
    where: { id: id.data },
    select: {
      headline: true,
      body: true,
      publishedAt: true,
      episode: { select: { title: true, artwork: storedArtwork, podcast: { select: { title: true, artwork: storedArtwork } } } },
    },
  });
  if (!insight) return null;
  const artwork = readyArtwork(insight.episode.artwork) ?? readyArtwork(insight.episode.podcast.artwork);
  const image = artwork
    ? await db.artworkImage.findUnique({ where: { artworkId_width_format: { artworkId: artwork.id, width: SHARE_ARTWORK_WIDTH, format: "jpg" } }, select: { bytes: true } })
    : null;
  return {
    headline: insight.headline,
    body: insight.body,
    publishedAt: insight.publishedAt,
    episodeTitle: insight.episode.title,
    podcastTitle: insight.episode.podcast.title,
    artworkJpeg: image ? new Uint8Array(image.bytes) : null,
  };
});
