import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "@/components/empty-state";
import { FeedKeyboard } from "@/components/feed/feed-keyboard";
import { FeedList } from "@/components/feed/feed-list";
import { FeedSkeleton } from "@/components/feed/feed-skeleton";
import { PageHeader } from "@/components/page-header";
import { type FeedPage as RankedFeed, rankFeedForUser } from "@/lib/feed/rank-feed";
import { readerNeedsOnboarding } from "@/lib/readers/reader-settings";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Feed" };

export default async function FeedPage({ searchParams }: PageProps<"/feed">) {
  const [user, { cursor }] = await Promise.all([requireUser("/feed"), searchParams]);
  // Ranked while the onboarding check runs: a reader not yet onboarded is rare, and then the feed
  // read is wasted, not waited for. The check is awaited here, before anything is sent, so its
  // redirect is a real HTTP redirect; inside the Suspense boundary, once the shell had gone out, it
  // could only be done by the browser's script.
  const feed = rankFeedForUser(user.id, { cursor: typeof cursor === "string" ? cursor : null });
  feed.catch(() => {}); // awaited in RankedInsights; left unawaited by a redirect
  if (await readerNeedsOnboarding(user.id)) redirect("/onboarding");

  return (
    <>
      <PageHeader title="Your feed" description="Insights from new podcast episodes, ranked for the topics and shows you follow." />
      <Suspense fallback={<FeedSkeleton />}>
        <RankedInsights feed={feed} afterCursor={Boolean(cursor)} />
      </Suspense>
      <FeedKeyboard hint />
    </>
  );
}

/** The ranked list, streamed in after the page around it. */
async function RankedInsights({ feed: pending, afterCursor }: { feed: Promise<RankedFeed>; afterCursor: boolean }) {
  const feed = await pending;
  return (
    <>
      {!feed.personalized ? (
        <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          You follow no topics or shows yet, so this is everything new. <Link href="/topics" className="font-medium underline">Follow topics</Link> to make it yours.
        </p>
      ) : null}
      {feed.items.length === 0 ? (
        <EmptyState title={afterCursor ? "That is everything for now" : "No insights yet"}>
          {feed.personalized
            ? "Nothing new on the topics and shows you follow. Follow more topics, add a podcast, or come back once new episodes are read."
            : "Podbrief has not read any episodes yet. Add a podcast, and its new episodes' insights appear here."}{" "}
          <Link href="/topics" className="underline">
            Browse topics
          </Link>{" "}
          ·{" "}
          <Link href="/podcasts" className="underline">
            Add a podcast
          </Link>
        </EmptyState>
      ) : (
        <FeedList items={feed.items} moreHref={feed.nextCursor ? `/feed?cursor=${feed.nextCursor}` : null} />
      )}
    </>
  );
}
