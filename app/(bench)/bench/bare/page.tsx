import { notFound } from "next/navigation";
import { FeedList } from "@/components/feed/feed-list";
import { PageHeader } from "@/components/page-header";
import { getEnv } from "@/lib/env";
import { BARE_CARDS } from "./bare-cards";

/**
 * bench:feed's same-run baseline for /feed: the feed's own cards, rendered per request, with no
 * session and no database. Served only with PODBRIEF_BENCH_PAGES=1.
 */
export const dynamic = "force-dynamic";

export default function BareFeedPage() {
  if (!getEnv().benchPages) notFound();
  return (
    <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
      <PageHeader title="Your feed" description="A constant page of cards, for the feed bench." />
      <FeedList items={BARE_CARDS} moreHref={null} />
    </main>
  );
}
