import { followTopicRoute, unfollowTopicRoute } from "@/lib/api/v1/topics";

export const PUT = followTopicRoute.handle;
export const DELETE = unfollowTopicRoute.handle;
