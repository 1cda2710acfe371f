import { loadClusterFeed } from "@/lib/topic-feeds/feed-documents";
import { serveFeed } from "@/lib/topic-feeds/serve-feed";

/** Every show's take on one story as RSS 2.0: public. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveFeed(request, "rss", (appUrl) => loadClusterFeed(appUrl, id));
}
