import { getTopicRoute } from "@/lib/api/v1/topics";

export const GET = getTopicRoute.handle;
