"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getEnv } from "@/lib/env";
import { absoluteFeedUrls, privateTopicFeedPaths } from "@/lib/topic-feeds/feed-links";
import { regenerateTopicFeedToken, revokeTopicFeedToken } from "@/lib/topic-feeds/feed-tokens";

const feedLinkInput = z.object({ topicId: z.string().min(1).max(64), intent: z.enum(["regenerate", "revoke"]) });

/**
 * New private feed links for the reader's own topic (the old ones stop working), shown once; or
 * none at all. Answers the new addresses, or null once revoked.
 */
export const changeTopicFeedLinksAction = defineAction({
  name: "change-topic-feed-links",
  input: feedLinkInput,
  invalidInput: "That topic no longer exists.",
  run: async ({ input, user }) => {
    if (input.intent === "revoke") {
      await revokeTopicFeedToken(user.id, input.topicId);
      return null;
    }
    return absoluteFeedUrls(getEnv().appUrl, privateTopicFeedPaths(await regenerateTopicFeedToken(user.id, input.topicId)));
  },
  revalidate: [["/topics/[slug]", "page"]],
  message: (links) => (links ? "Copy your feed links now: they are shown only once. Any older links no longer work." : "Your topic's feed links no longer work."),
});
