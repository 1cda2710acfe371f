import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Podcasts" };

export default async function PodcastsPage() {
  await requireUser("/podcasts");
  return (
    <>
      <PageHeader title="Podcasts" description="The shows Podbrief reads for you." />
      <EmptyState title="No podcasts yet">No podcasts have been added to this Podbrief yet.</EmptyState>
    </>
  );
}
