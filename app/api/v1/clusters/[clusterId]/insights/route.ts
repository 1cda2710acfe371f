import { listClusterInsightsRoute } from "@/lib/api/v1/clusters";

export const GET = listClusterInsightsRoute.handle;
