import { getClusterRoute } from "@/lib/api/v1/clusters";

export const GET = getClusterRoute.handle;
