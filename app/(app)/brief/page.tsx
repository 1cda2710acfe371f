import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Daily brief" };

export default async function BriefPage() {
  await requireUser("/brief");
  return (
    <>
      <PageHeader title="Your daily brief" description="The top 5 insights for you, once a day." />
      <EmptyState title="No brief yet">You have not received a brief yet.</EmptyState>
    </>
  );
}
