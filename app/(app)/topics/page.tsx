import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage() {
  await requireUser("/topics");
  return (
    <>
      <PageHeader title="Topics" description="Follow topics, or describe your own, to shape your feed and your daily brief." />
      <EmptyState title="No topics yet">There are no topics to follow yet.</EmptyState>
    </>
  );
}
