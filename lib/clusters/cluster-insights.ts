/**
 * A cluster (one point made on several shows) as a reader reads it: what it is, and its insights
 * newest first, a page at a time. Clusters are the same for everyone; each card's topics are the ones
 * the reader may see (insightCardSelect), never another reader's own.
 */
import "server-only";
import { z } from "zod";
import { insightCardSelect, toInsightCard, type InsightCardData } from "@/lib/cards/insight-card";
import { db } from "@/lib/db";

export const clusterIdInput = z.string().min(1).max(64);

export type ClusterSummary = { id: string; label: string | null; size: number; representativeInsightId: string | null; updatedAt: Date };

/** A cluster with at least one insight; null for an unknown or emptied one. */
export async function getCluster(clusterId: string): Promise<ClusterSummary | null> {
  if (!clusterIdInput.safeParse(clusterId).success) return null;
  const cluster = await db.cluster.findFirst({
    where: { id: clusterId, insights: { some: {} } },
    select: { id: true, label: true, size: true, representativeInsightId: true, updatedAt: true },
  });
  return cluster;
}

const cursorSchema = z.object({ publishedAt: z.number().int(), id: z.string().min(1).max(64) });
type Cursor = z.infer<typeof cursorSchema>;

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

export type ClusterInsightsPage = { items: InsightCardData[]; nextCursor: string | null };

/** The cluster's insights, newest first (ties by id); an unknown cursor starts at the newest. */
export async function listClusterInsights(userId: string, clusterId: string, { cursor: rawCursor, take = 20 }: { cursor?: string; take?: number } = {}): Promise<ClusterInsightsPage> {
  const cursor = decodeCursor(rawCursor);
  const after = cursor
    ? { OR: [{ publishedAt: { lt: new Date(cursor.publishedAt) } }, { publishedAt: new Date(cursor.publishedAt), id: { lt: cursor.id } }] }
    : {};
  const rows = await db.insight.findMany({
    where: { clusterId, ...after },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: insightCardSelect(userId),
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(toInsightCard),
    nextCursor: rows.length > take && last ? encodeCursor({ publishedAt: last.publishedAt.getTime(), id: last.id }) : null,
  };
}
