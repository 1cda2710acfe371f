import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Saved" };

export default async function SavedPage() {
  await requireUser("/saved");
  return (
    <>
      <PageHeader title="Saved" description="Insights you saved, to come back to or export." />
      <EmptyState title="Nothing saved yet">Save an insight from your feed and it stays here.</EmptyState>
    </>
  );
}
