import { loadPrivateTopicFeed } from "@/lib/topic-feeds/feed-documents";
import { serveFeed } from "@/lib/topic-feeds/serve-feed";

/** A reader's own topic as JSON Feed 1.1, for whoever holds its private token (404 once revoked). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return serveFeed(request, "json", (appUrl) => loadPrivateTopicFeed(appUrl, token), { isPrivate: true });
}
