/**
 * Which stories (clusters) are growing as of a moment: takes from at least GROWING_MIN_SHOWS shows
 * aired in the GROWING_WINDOW_DAYS before it (lib/clusters/growing.ts). One statement for the feed's
 * ranking (inside its page statement) and for the brief and the landing page (loadGrowingClusters), so
 * all of them lift the same stories. Every take counts, not only those a reader would see: the story
 * grew whoever follows it. Takes stored after `asOf` wait, like the candidates, so pages stay still.
 */
import "server-only";
import { GROWING_MIN_SHOWS, GROWING_WINDOW_DAYS } from "@/lib/clusters/growing";
import { db, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** The growing clusters among `clusterIds` (an SQL text[] expression). */
export function growingClustersSql(clusterIds: Prisma.Sql, asOf: Date): Prisma.Sql {
  const since = new Date(asOf.getTime() - GROWING_WINDOW_DAYS * 86_400_000);
  return Prisma.sql`
    SELECT i.cluster_id FROM insights AS i
    WHERE i.cluster_id = ANY(${clusterIds}) AND i.published_at >= ${since} AND i.published_at <= ${asOf} AND i.created_at <= ${asOf}
    GROUP BY i.cluster_id
    HAVING count(DISTINCT i.podcast_id) >= ${Prisma.raw(String(GROWING_MIN_SHOWS))}`;
}

/** The growing clusters among these, as of `asOf`. */
export async function loadGrowingClusters(clusterIds: Iterable<string | null>, asOf: Date): Promise<Set<string>> {
  const ids = [...new Set([...clusterIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ cluster_id: string }[]>`${PREPARED} ${growingClustersSql(Prisma.sql`${ids}::text[]`, asOf)}`;
  return new Set(rows.map((row) => row.cluster_id));
}
