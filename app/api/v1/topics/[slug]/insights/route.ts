import { listTopicInsightsRoute } from "@/lib/api/v1/topics";

export const GET = listTopicInsightsRoute.handle;
