import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Feed" };

export default async function FeedPage() {
  await requireUser("/feed");
  return (
    <>
      <PageHeader title="Your feed" description="Insights from new podcast episodes, ranked for the topics you follow." />
      <EmptyState title="No insights yet">
        Podbrief has not extracted any insights for you yet. Once podcasts are added and their new episodes are read, the best
        insights on your topics appear here.
      </EmptyState>
    </>
  );
}
