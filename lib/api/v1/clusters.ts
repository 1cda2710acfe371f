/** Clusters: one point made on several shows, and its insights. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { pageOf, pageQuery } from "@/lib/api/pagination";
import { clusterSchema, insightSchema, toApiCluster, toApiInsight } from "@/lib/api/v1/representations";
import { clusterIdInput, getCluster, listClusterInsights } from "@/lib/clusters/cluster-insights";
import { SafeError } from "@/lib/errors";

const clusterPath = z.object({ clusterId: clusterIdInput.meta({ description: "An insight's `clusterId`." }) });
const clusterNotFound = { status: 404 as const, description: "No cluster of that id." };

async function clusterOrThrow(clusterId: string) {
  const cluster = await getCluster(clusterId);
  if (!cluster) throw new SafeError("There is no cluster of that id.", "not_found");
  return cluster;
}

export const getClusterRoute = defineRoute({
  method: "get",
  path: "/clusters/{clusterId}",
  operationId: "getCluster",
  summary: "One cluster",
  tag: "Clusters",
  scope: "read",
  params: clusterPath,
  success: { status: 200, description: "The cluster.", schema: clusterSchema },
  errors: [clusterNotFound],
  run: async ({ params }) => toApiCluster(await clusterOrThrow(params.clusterId)),
});

export const listClusterInsightsRoute = defineRoute({
  method: "get",
  path: "/clusters/{clusterId}/insights",
  operationId: "listClusterInsights",
  summary: "A cluster's insights",
  description: "Every show's take on the point, newest first.",
  tag: "Clusters",
  scope: "read",
  params: clusterPath,
  query: pageQuery,
  success: { status: 200, description: "A page of the cluster's insights.", schema: pageOf(insightSchema, "InsightPage") },
  errors: [clusterNotFound],
  run: async ({ userId, params, query }) => {
    const cluster = await clusterOrThrow(params.clusterId);
    const page = await listClusterInsights(userId, cluster.id, { cursor: query.cursor, take: query.limit });
    return { items: page.items.map(toApiInsight), nextCursor: page.nextCursor };
  },
});
