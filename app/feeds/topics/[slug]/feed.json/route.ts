import { loadCuratedTopicFeed } from "@/lib/topic-feeds/feed-documents";
import { serveFeed } from "@/lib/topic-feeds/serve-feed";

/** A curated topic's newest insights as JSON Feed 1.1: public, the same for everyone. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return serveFeed(request, "json", (appUrl) => loadCuratedTopicFeed(appUrl, slug));
}
