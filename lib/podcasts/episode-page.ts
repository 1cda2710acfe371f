/**
 * One episode as its page shows it: what the episode is, where to listen, why it has (or has not yet)
 * insights, its chapters, and its insights in the order they were said, with this reader's saves.
 */
import "server-only";
import { z } from "zod";
import { insightCardSelect, toInsightCard, type InsightCardData } from "@/lib/cards/insight-card";
import { db } from "@/lib/db";

/** A cuid from the URL; anything else cannot name a row, so it is not worth a query. */
export const recordIdParam = z.string().min(1).max(64).regex(/^[\w-]+$/);

const episodePageParams = z.object({ podcastId: recordIdParam, episodeId: recordIdParam });

export type EpisodeChapter = { startSeconds: number; endSeconds: number; title: string };
export type EpisodeInsight = InsightCardData & { endSeconds: number; saved: boolean };

export async function getEpisodePage(podcastId: string, episodeId: string, userId: string) {
  const params = episodePageParams.safeParse({ podcastId, episodeId });
  if (!params.success) return null;
  const episode = await db.episode.findFirst({
    where: { id: params.data.episodeId, podcastId: params.data.podcastId },
    select: {
      id: true,
      title: true,
      publishedAt: true,
      durationSeconds: true,
      audioUrl: true,
      link: true,
      transcriptStatus: true,
      transcriptError: true,
      insightStatus: true,
      insightError: true,
      insightFallback: true,
      podcast: { select: { id: true, title: true, author: true } },
      chapters: { orderBy: { startSeconds: "asc" }, select: { startSeconds: true, endSeconds: true, title: true } },
      insights: {
        orderBy: [{ startSeconds: "asc" }, { id: "asc" }],
        select: {
          ...insightCardSelect(userId),
          endSeconds: true,
          // Only this reader's save, if any: the saved state never leaks whose else it is.
          saves: { where: { userId }, select: { userId: true }, take: 1 },
        },
      },
    },
  });
  if (!episode) return null;
  const { podcast, chapters, insights, ...rest } = episode;
  const cards: EpisodeInsight[] = insights.map((row) => ({ ...toInsightCard(row), endSeconds: row.endSeconds, saved: row.saves.length > 0 }));
  const lengthSeconds = timelineSeconds(rest.durationSeconds, cards, chapters);
  return {
    episode: rest,
    podcast,
    insights: cards,
    chapters: resolveChapterEnds(chapters, lengthSeconds),
    /** How long the timeline is: the feed's duration, or as far as anything on it reaches when unknown. */
    lengthSeconds,
  };
}

export type EpisodePage = NonNullable<Awaited<ReturnType<typeof getEpisodePage>>>;

/** Just enough for the page's title, without loading the insights twice. */
export async function getEpisodeTitle(podcastId: string, episodeId: string) {
  const params = episodePageParams.safeParse({ podcastId, episodeId });
  if (!params.success) return null;
  return db.episode.findFirst({
    where: { id: params.data.episodeId, podcastId: params.data.podcastId },
    select: { title: true, podcast: { select: { title: true } } },
  });
}

/**
 * Feeds often omit the duration or get it wrong, so the timeline is at least as long as the last
 * insight or chapter; 0 when nothing on it says how long the episode is.
 */
export function timelineSeconds(
  durationSeconds: number | null,
  insights: readonly { endSeconds: number }[],
  chapters: readonly { startSeconds: number; endSeconds: number | null }[],
): number {
  let reach = durationSeconds ?? 0;
  for (const insight of insights) reach = Math.max(reach, insight.endSeconds);
  for (const chapter of chapters) reach = Math.max(reach, chapter.endSeconds ?? chapter.startSeconds);
  return reach;
}

/** A chapter without an end runs to the next chapter, or to the end of the episode. */
function resolveChapterEnds(chapters: readonly { startSeconds: number; endSeconds: number | null; title: string }[], lengthSeconds: number): EpisodeChapter[] {
  return chapters.map((chapter, index) => ({
    title: chapter.title,
    startSeconds: chapter.startSeconds,
    endSeconds: Math.max(chapter.startSeconds, chapter.endSeconds ?? chapters[index + 1]?.startSeconds ?? lengthSeconds),
  }));
}
