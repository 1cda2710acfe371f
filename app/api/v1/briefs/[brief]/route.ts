import { getBriefRoute } from "@/lib/api/v1/briefs";

export const GET = getBriefRoute.handle;
