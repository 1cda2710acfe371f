/**
 * Every route of the REST API, in the order the document lists them. A route file under app/api/v1
 * binds one of these; tests/integration/api-openapi.test.ts fails when a route file and this list differ.
 */
import "server-only";
import type { ApiRoute } from "@/lib/api/define-route";
import { getBriefRoute, listBriefsRoute } from "@/lib/api/v1/briefs";
import { getClusterRoute, listClusterInsightsRoute } from "@/lib/api/v1/clusters";
import { getFeed } from "@/lib/api/v1/feed";
import { feedbackRoute } from "@/lib/api/v1/feedback";
import { listSavedRoute, saveInsightRoute, unsaveInsightRoute } from "@/lib/api/v1/saved";
import { searchRoute } from "@/lib/api/v1/search";
import { followTopicRoute, getTopicRoute, listTopicInsightsRoute, listTopicsRoute, unfollowTopicRoute } from "@/lib/api/v1/topics";

export const API_ROUTES: readonly ApiRoute[] = [
  getFeed,
  listTopicsRoute,
  getTopicRoute,
  listTopicInsightsRoute,
  followTopicRoute,
  unfollowTopicRoute,
  searchRoute,
  listSavedRoute,
  saveInsightRoute,
  unsaveInsightRoute,
  listBriefsRoute,
  getBriefRoute,
  getClusterRoute,
  listClusterInsightsRoute,
  feedbackRoute,
];
