"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { createReaderTopic, followTopics, topicPhraseInput, unfollowTopic } from "@/lib/topics/reader-topics";

const topicIdInput = z.object({ topicId: z.string().min(1).max(64) });
// A form's id that is not one of ours can only come from a crafted request: refused in words.
const NO_SUCH_TOPIC = "That topic no longer exists.";
const topicPaths: (string | [string, "page"])[] = ["/topics", ["/topics/[slug]", "page"], "/feed"];

/** Follows a curated topic or one of the reader's own; `followTopics` ignores any other id. */
export const followTopicAction = defineAction({
  name: "follow-topic",
  input: topicIdInput,
  invalidInput: NO_SUCH_TOPIC,
  run: async ({ input, user }) => {
    await followTopics(user.id, [input.topicId]);
  },
  revalidate: topicPaths,
});

export const unfollowTopicAction = defineAction({
  name: "unfollow-topic",
  input: topicIdInput,
  invalidInput: NO_SUCH_TOPIC,
  run: ({ input, user }) => unfollowTopic(user.id, input.topicId),
  revalidate: topicPaths,
});

/** Creates the reader's topic from their phrase and opens its page, saying how many recent insights it caught. */
export const createTopicAction = defineAction({
  name: "create-topic",
  input: z.object({ phrase: topicPhraseInput }),
  invalidInput: "Describe the topic in a few words.",
  echo: ["phrase"],
  run: ({ input, user }) => createReaderTopic(user.id, input.phrase),
  revalidate: topicPaths,
  redirectTo: (created) => `/topics/${encodeURIComponent(created.slug)}?caught=${created.caught}`,
});
