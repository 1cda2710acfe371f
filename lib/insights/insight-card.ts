/**
 * What every list of insights shows for one insight (feed, topic pages, saved, search, brief): one
 * Prisma select and one shape, so each page reads the same fields and the card renders them alike.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The select for a card as `readerId` sees it: its topics are the curated ones and the reader's own,
 * never another reader's (a reader's own topic names what they care about), curated only for
 * nobody signed in. The feed's raw card query (load-insight-cards.ts) filters alike.
 */
export function insightCardSelect(readerId: string | null) {
  return {
    id: true,
    headline: true,
    body: true,
    quote: true,
    startSeconds: true,
    speaker: true,
    publishedAt: true,
    clusterId: true,
    episode: { select: { id: true, title: true, audioUrl: true, podcast: { select: { id: true, title: true, imageUrl: true } } } },
    topics: {
      where: { topic: readerId ? { OR: [{ kind: "curated" }, { createdById: readerId }] } : { kind: "curated" } },
      select: { score: true, topic: { select: { id: true, slug: true, name: true } } },
      orderBy: { score: "desc" },
    },
  } satisfies Prisma.InsightSelect;
}

export type InsightCardRow = Prisma.InsightGetPayload<{ select: ReturnType<typeof insightCardSelect> }>;

export type InsightCardData = {
  id: string;
  headline: string;
  body: string;
  startSeconds: number;
  speaker: string | null;
  publishedAt: Date;
  clusterId: string | null;
  episode: { id: string; title: string };
  podcast: { id: string; title: string };
  topics: { id: string; slug: string; name: string }[];
};

export function toInsightCard(row: InsightCardRow): InsightCardData {
  return {
    id: row.id,
    headline: row.headline,
    body: row.body,
    startSeconds: row.startSeconds,
    speaker: row.speaker,
    publishedAt: row.publishedAt,
    clusterId: row.clusterId,
    episode: { id: row.episode.id, title: row.episode.title },
    podcast: { id: row.episode.podcast.id, title: row.episode.podcast.title },
    topics: row.topics.map((link) => link.topic),
  };
}

/** "12:34" or "1:02:03": where in the episode the insight was said. */
export function formatTimestamp(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
