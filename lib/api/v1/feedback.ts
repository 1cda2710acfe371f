/** "More like this" and "less like this" on an insight, one of its topics, or its show: what the feed ranks by. */
import "server-only";
import { defineRoute } from "@/lib/api/define-route";
import { feedbackInput, recordFeedback } from "@/lib/feed/feed-events";

export const feedbackRoute = defineRoute({
  method: "post",
  path: "/feedback",
  operationId: "sendFeedback",
  summary: "More or less like this",
  description: "Aims at the insight (target insight), one of its topics (target topic, with topicId) or its show (target podcast).",
  tag: "Feedback",
  scope: "write",
  body: feedbackInput.meta({ id: "Feedback" }),
  success: { status: 204, description: "Recorded; the feed ranks by it from the next page on." },
  errors: [{ status: 404, description: "No insight of that id, or the topic is not one of the insight's that the reader may see." }],
  run: async ({ userId, body }) => {
    await recordFeedback(userId, body);
  },
});
