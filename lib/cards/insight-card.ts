/**
 * What every list of insights shows for one insight (feed, topic pages, saved, search, brief): one
 * Prisma select and one shape, so each page reads the same fields and the card renders them alike.
 */
import { artworkSelect, episodeArtworkSrc } from "@/lib/artwork/artwork-src";
import type { Prisma } from "@/lib/generated/prisma/client";
import { quoteTime, quoteToShow } from "@/lib/insights/quote-attribution";

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
    endSeconds: true,
    speaker: true,
    publishedAt: true,
    clusterId: true,
    episode: {
      select: { id: true, title: true, audioUrl: true, artwork: artworkSelect, podcast: { select: { id: true, title: true, imageUrl: true, artwork: artworkSelect } } },
    },
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
  /** Verbatim from the transcript; shown after the body unless it is the body's words (quote-attribution.ts). */
  quote: string;
  startSeconds: number;
  /** Where the quote was said, in whole seconds; null when the transcript had no times. Show this, not startSeconds. */
  saidAt: number | null;
  speaker: string | null;
  publishedAt: Date;
  clusterId: string | null;
  episode: { id: string; title: string };
  podcast: { id: string; title: string };
  /** For <Artwork src>: the episode's own artwork, else its show's (`/art/<hash>`); null shows the show's monogram. */
  artwork: string | null;
  topics: { id: string; slug: string; name: string }[];
};

export function toInsightCard(row: InsightCardRow): InsightCardData {
  return {
    id: row.id,
    headline: row.headline,
    body: row.body,
    quote: row.quote,
    startSeconds: row.startSeconds,
    saidAt: quoteTime(row),
    speaker: row.speaker,
    publishedAt: row.publishedAt,
    clusterId: row.clusterId,
    episode: { id: row.episode.id, title: row.episode.title },
    podcast: { id: row.episode.podcast.id, title: row.episode.podcast.title },
    artwork: episodeArtworkSrc(row.episode.artwork, row.episode.podcast.artwork),
    topics: row.topics.map((link) => link.topic),
  };
}

/**
 * What crosses to the browser of an insight for its card: only what the card shows or acts on
 * (toCardView).
 */
export type CardView = {
  id: string;
  headline: string;
  body: string;
  /** The words as said, when the body does not already say them (quoteToShow); null shows the caption alone. */
  quote: string | null;
  saidAt: number | null;
  speaker: string | null;
  publishedAt: Date;
  episodeTitle: string;
  podcast: { id: string; title: string };
  artwork: string | null;
  topics: { id: string; slug: string; name: string }[];
};

export function toCardView(card: InsightCardData): CardView {
  return {
    id: card.id,
    headline: card.headline,
    body: card.body,
    quote: quoteToShow(card.body, card.quote),
    saidAt: card.saidAt,
    speaker: card.speaker,
    publishedAt: card.publishedAt,
    episodeTitle: card.episode.title,
    podcast: { id: card.podcast.id, title: card.podcast.title },
    artwork: card.artwork,
    topics: card.topics.map(({ id, slug, name }) => ({ id, slug, name })),
  };
}
