/** The one body of every feed route: load the document, write it in the asked format, answer conditionally. */
import "server-only";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import type { FeedFormat } from "@/lib/topic-feeds/feed-links";
import { feedResponse } from "@/lib/topic-feeds/feed-response";
import { renderFeed, type FeedDocument } from "@/lib/topic-feeds/write-feed";

export async function serveFeed(
  request: Request,
  format: FeedFormat,
  load: (appUrl: string) => Promise<FeedDocument | null>,
  { isPrivate = false }: { isPrivate?: boolean } = {},
): Promise<Response> {
  try {
    const { appUrl } = getEnv();
    const document = await load(appUrl);
    // Unknown, revoked and another reader's: the same 404, so a token's answer says nothing of a topic.
    if (!document) return notFound();
    return feedResponse(request, renderFeed(appUrl, document, format), { format, lastModified: document.updated, isPrivate });
  } catch (error) {
    return jsonError(error, "topic-feed");
  }
}

function notFound(): Response {
  const response = jsonError(new SafeError("There is no feed at this address.", "not_found"), "topic-feed");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
