/** Topics: every one the reader may follow, one topic and its insights, following and unfollowing. */
import "server-only";
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { pageQuery } from "@/lib/api/pagination";
import { rankedPageSchema, toRankedPage } from "@/lib/api/v1/feed";
import { toApiTopic, topicSchema } from "@/lib/api/v1/representations";
import { SafeError } from "@/lib/errors";
import { rankFeedForUser } from "@/lib/feed/rank-feed";
import { followTopics, unfollowTopic } from "@/lib/topics/reader-topics";
import { getTopicBySlug, listTopics, topicSlugInput } from "@/lib/topics/topic-directory";

const topicPath = z.object({ slug: topicSlugInput.meta({ description: "The topic's slug, as in /topics/<slug>." }) });

const topicNotFound = { status: 404 as const, description: "No topic of that slug the reader may see (another reader's own topic is not found either)." };

/** The topic, if this reader may see it: curated, or their own. One answer for every other slug. */
async function visibleTopic(userId: string, slug: string) {
  const topic = await getTopicBySlug(slug, userId);
  if (!topic) throw new SafeError("There is no topic of that slug.", "not_found");
  return topic;
}

export const listTopicsRoute = defineRoute({
  method: "get",
  path: "/topics",
  operationId: "listTopics",
  summary: "Every topic the reader may follow",
  description: "Curated topics and the reader's own, the followed ones first. A short list, not paged.",
  tag: "Topics",
  scope: "read",
  success: { status: 200, description: "The topics.", schema: z.object({ items: z.array(topicSchema) }).meta({ id: "TopicList" }) },
  run: async ({ userId }) => ({ items: (await listTopics(userId)).map(toApiTopic) }),
});

export const getTopicRoute = defineRoute({
  method: "get",
  path: "/topics/{slug}",
  operationId: "getTopic",
  summary: "One topic",
  tag: "Topics",
  scope: "read",
  params: topicPath,
  success: { status: 200, description: "The topic.", schema: topicSchema },
  errors: [topicNotFound],
  run: async ({ userId, params }) => toApiTopic(await visibleTopic(userId, params.slug)),
});

export const listTopicInsightsRoute = defineRoute({
  method: "get",
  path: "/topics/{slug}/insights",
  operationId: "listTopicInsights",
  summary: "A topic's insights, ranked for the reader",
  tag: "Topics",
  scope: "read",
  params: topicPath,
  query: pageQuery,
  success: { status: 200, description: "A page of the topic's insights.", schema: rankedPageSchema },
  errors: [topicNotFound],
  run: async ({ userId, params, query }) => {
    const topic = await visibleTopic(userId, params.slug);
    return toRankedPage(await rankFeedForUser(userId, { topicId: topic.id, cursor: query.cursor, take: query.limit }));
  },
});

export const followTopicRoute = defineRoute({
  method: "put",
  path: "/topics/{slug}/follow",
  operationId: "followTopic",
  summary: "Follow a topic",
  description: "Following a topic already followed changes nothing.",
  tag: "Topics",
  scope: "write",
  params: topicPath,
  success: { status: 200, description: "The topic, followed.", schema: topicSchema },
  errors: [topicNotFound],
  run: async ({ userId, params }) => {
    const topic = await visibleTopic(userId, params.slug);
    await followTopics(userId, [topic.id]);
    return toApiTopic(await visibleTopic(userId, params.slug));
  },
});

export const unfollowTopicRoute = defineRoute({
  method: "delete",
  path: "/topics/{slug}/follow",
  operationId: "unfollowTopic",
  summary: "Unfollow a topic",
  description: "Unfollowing a topic not followed changes nothing.",
  tag: "Topics",
  scope: "write",
  params: topicPath,
  success: { status: 204, description: "Not followed any more." },
  errors: [topicNotFound],
  run: async ({ userId, params }) => {
    const topic = await visibleTopic(userId, params.slug);
    await unfollowTopic(userId, topic.id);
  },
});
