import { listBriefsRoute } from "@/lib/api/v1/briefs";

export const GET = listBriefsRoute.handle;
