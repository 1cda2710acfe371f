import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { FeedKeyboard } from "@/components/feed/feed-keyboard";
import { FeedList } from "@/components/feed/feed-list";
import { FollowTopicButton } from "@/components/topics/follow-topic-button";
import { TopicCounts } from "@/components/topics/topic-counts";
import { TopicFeedLinks } from "@/components/topics/topic-feed-links";
import { getEnv } from "@/lib/env";
import { rankFeedForUser } from "@/lib/feed/rank-feed";
import { getCurrentUser, requireUser } from "@/lib/session";
import { getTopicBySlug } from "@/lib/topics/topic-directory";
import { absoluteFeedUrls, curatedTopicFeedPaths, feedAlternates } from "@/lib/topic-feeds/feed-links";
import { topicFeedTokenCreatedAt } from "@/lib/topic-feeds/feed-tokens";
import { formatCount } from "@/lib/format";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const topicPageQuery = z.object({
  cursor: z.string().max(500).optional().catch(undefined),
  /** How many recent insights a topic the reader just wrote caught (set by createTopicAction). */
  caught: z.coerce.number().int().min(0).optional().catch(undefined),
});

export async function generateMetadata({ params }: PageProps<"/topics/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const user = await getCurrentUser();
  const topic = await getTopicBySlug(slug, user?.id ?? null);
  if (!topic) return { title: "Topic not found" };
  return {
    title: topic.name,
    description: topic.description !== topic.name ? topic.description : undefined,
    // A reader's own topic's feeds are private: their addresses are shown once, never in the page's head.
    alternates: topic.kind === "curated" ? feedAlternates(absoluteFeedUrls(getEnv().appUrl, curatedTopicFeedPaths(topic.slug)), `${topic.name} from podcasts`) : undefined,
  };
}

export default async function TopicPage({ params, searchParams }: PageProps<"/topics/[slug]">) {
  const { slug } = await params;
  const user = await requireUser(`/topics/${slug}`);
  const topic = await getTopicBySlug(slug, user.id);
  if (!topic) notFound();
  const query = await searchParams;
  const { cursor, caught } = topicPageQuery.parse({ cursor: first(query.cursor), caught: first(query.caught) });
  const [feed, feedLinksSince] = await Promise.all([
    rankFeedForUser(user.id, { topicId: topic.id, cursor }),
    topic.kind === "custom" ? topicFeedTokenCreatedAt(user.id, topic.id) : null,
  ]);
  const href = `/topics/${encodeURIComponent(topic.slug)}`;

  return (
    <>
      {caught !== undefined ? (
        <p role="status" className="mb-4 rounded-lg bg-brand-50 p-3 text-sm text-brand-800 dark:bg-slate-900 dark:text-brand-100">
          Your topic caught {formatCount(caught, "recent insight")}.
          {caught === 0 ? " New episodes about it will show up here as they are read." : null}
        </p>
      ) : null}
      <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <Link href="/topics" className="hover:underline">
              Topics
            </Link>
            {topic.kind === "custom" ? " · Your own topic" : null}
          </p>
          <h1 className="text-2xl font-bold tracking-tight">{topic.name}</h1>
          {topic.description !== topic.name ? <p className="mt-1 max-w-prose text-slate-700 dark:text-slate-300">{topic.description}</p> : null}
          <TopicCounts topic={topic} className="mt-2 text-sm text-slate-600 dark:text-slate-400" />
        </div>
        <FollowTopicButton topicId={topic.id} name={topic.name} following={topic.following} />
      </header>
      {feed.items.length === 0 ? (
        <EmptyState title={cursor ? "That is everything for now" : "No insights on this topic yet"}>
          {cursor ? (
            <Link href={href} className="underline">
              Back to the newest
            </Link>
          ) : (
            <>
              Insights about {topic.name} appear here as new episodes are read.{" "}
              <Link href="/podcasts" className="underline">
                Add a podcast
              </Link>{" "}
              that talks about it, or{" "}
              <Link href="/topics" className="underline">
                browse other topics
              </Link>
              .
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <FeedList items={feed.items} moreHref={feed.nextCursor ? `${href}?cursor=${feed.nextCursor}` : null} label={`Insights on ${topic.name}`} />
          <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">Keys: j / k to move, s to save, o to open, h to hide.</p>
          <FeedKeyboard />
        </>
      )}
      {topic.kind === "curated" ? (
        <TopicFeedLinks kind="curated" name={topic.name} feedUrls={absoluteFeedUrls(getEnv().appUrl, curatedTopicFeedPaths(topic.slug))} />
      ) : (
        <TopicFeedLinks kind="custom" topicId={topic.id} name={topic.name} activeSince={feedLinksSince} />
      )}
    </>
  );
}
