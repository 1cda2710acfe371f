import { loadClusterFeed } from "@/lib/topic-feeds/feed-documents";
import { serveFeed } from "@/lib/topic-feeds/serve-feed";

/** Every show's take on one story as JSON Feed 1.1: public. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveFeed(request, "json", (appUrl) => loadClusterFeed(appUrl, id));
}
