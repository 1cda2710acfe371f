/**
 * A reader's saved insights: the list with search, topic filter and keyset pagination, the topics to
 * filter by, and every saved insight for export. Each query names the reader in its where, so no id
 * a reader sends can reach another reader's saves.
 */
import "server-only";
import { z } from "zod";
import { insightCardSelect, toInsightCard, type InsightCardData } from "@/lib/cards/insight-card";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SavedExportRow } from "@/lib/saved/export-saved";

export const SAVED_PAGE_SIZE = 20;
const MAX_TERMS = 8;

export const savedListInput = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  topic: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type SavedListInput = z.infer<typeof savedListInput>;

export type SavedItem = { insight: InsightCardData; savedAt: Date };
export type SavedPage = { items: SavedItem[]; nextCursor: string | null };

type Cursor = { savedAt: Date; insightId: string };

/** The position after the last item of a page: when it was saved, and its id to break ties. */
export function encodeCursor({ savedAt, insightId }: Cursor): string {
  return Buffer.from(`${savedAt.getTime()}:${insightId}`).toString("base64url");
}

/** Null for anything that is not a cursor this module wrote; the list then starts at the newest. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) return null;
  return { savedAt: new Date(Number(match[1])), insightId: match[2]! };
}

/** Every word must appear in the headline, the body or the quote, in any case. */
function searchWhere(q: string | undefined): Prisma.InsightWhereInput[] {
  // Prisma passes `contains` to LIKE as is: a reader's "%" or "_" must match itself, not anything.
  // Control characters separate words too: PostgreSQL refuses NUL in any text it is sent.
  const terms = (q ?? "")
    .split(/[\s\u0000-\u001f\u007f]+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((term) => term.replace(/[\\%_]/g, "\\$&"));
  return terms.map((term) => ({
    OR: [
      { headline: { contains: term, mode: "insensitive" } },
      { body: { contains: term, mode: "insensitive" } },
      { quote: { contains: term, mode: "insensitive" } },
    ],
  }));
}

/** Topics a reader may see: the curated set and the ones they wrote, never another reader's own. */
function visibleTopic(userId: string): Prisma.TopicWhereInput {
  return { OR: [{ kind: "curated" }, { createdById: userId }] };
}

export async function listSaved(userId: string, options: SavedListInput & { take?: number } = {}): Promise<SavedPage> {
  const take = options.take ?? SAVED_PAGE_SIZE;
  const cursor = decodeCursor(options.cursor);
  const insight: Prisma.InsightWhereInput = {
    AND: [
      ...searchWhere(options.q),
      ...(options.topic ? [{ topics: { some: { topic: { slug: options.topic, ...visibleTopic(userId) } } } }] : []),
    ],
  };
  const rows = await db.savedInsight.findMany({
    where: {
      userId,
      insight,
      ...(cursor
        ? { OR: [{ createdAt: { lt: cursor.savedAt } }, { createdAt: cursor.savedAt, insightId: { lt: cursor.insightId } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { insightId: "desc" }],
    take: take + 1,
    select: { createdAt: true, insightId: true, insight: { select: insightCardSelect(userId) } },
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ insight: toInsightCard(row.insight), savedAt: row.createdAt })),
    nextCursor: rows.length > take && last ? encodeCursor({ savedAt: last.createdAt, insightId: last.insightId }) : null,
  };
}

export async function countSaved(userId: string): Promise<number> {
  return db.savedInsight.count({ where: { userId } });
}

/** The topics of the reader's saved insights, most used first, for the filter. */
export async function savedTopics(userId: string): Promise<{ slug: string; name: string; count: number }[]> {
  const topics = await db.topic.findMany({
    where: { ...visibleTopic(userId), insights: { some: { insight: { saves: { some: { userId } } } } } },
    select: { slug: true, name: true, _count: { select: { insights: { where: { insight: { saves: { some: { userId } } } } } } } },
  });
  return topics
    .map((topic) => ({ slug: topic.slug, name: topic.name, count: topic._count.insights }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Every saved insight of the reader, newest saved first, with what an export needs. */
export async function exportSaved(userId: string): Promise<SavedExportRow[]> {
  const rows = await db.savedInsight.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { insightId: "desc" }],
    select: {
      createdAt: true,
      insight: {
        select: {
          id: true,
          headline: true,
          body: true,
          quote: true,
          speaker: true,
          startSeconds: true,
          endSeconds: true,
          publishedAt: true,
          episode: { select: { id: true, title: true, podcast: { select: { id: true, title: true } } } },
          topics: {
            where: { topic: visibleTopic(userId) },
            orderBy: { score: "desc" },
            select: { topic: { select: { slug: true, name: true } } },
          },
        },
      },
    },
  });
  return rows.map(({ createdAt, insight }) => ({
    id: insight.id,
    headline: insight.headline,
    body: insight.body,
    quote: insight.quote,
    speaker: insight.speaker,
    startSeconds: insight.startSeconds,
    endSeconds: insight.endSeconds,
    publishedAt: insight.publishedAt,
    savedAt: createdAt,
    podcast: insight.episode.podcast,
    episode: { id: insight.episode.id, title: insight.episode.title },
    topics: insight.topics.map((link) => link.topic),
  }));
}
