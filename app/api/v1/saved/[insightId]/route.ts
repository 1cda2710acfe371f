import { saveInsightRoute, unsaveInsightRoute } from "@/lib/api/v1/saved";

export const PUT = saveInsightRoute.handle;
export const DELETE = unsaveInsightRoute.handle;
