import { listSavedRoute } from "@/lib/api/v1/saved";

export const GET = listSavedRoute.handle;
