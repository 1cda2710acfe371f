import { loadCuratedTopicFeed } from "@/lib/topic-feeds/feed-documents";
import { serveFeed } from "@/lib/topic-feeds/serve-feed";

/** A curated topic's newest insights as RSS 2.0: public, the same for everyone. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return serveFeed(request, "rss", (appUrl) => loadCuratedTopicFeed(appUrl, slug));
}
