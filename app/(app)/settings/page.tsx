import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  return (
    <>
      <PageHeader title="Settings" />
      <dl className="grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">Signed in as</dt>
        <dd data-testid="settings-email">{user.email}</dd>
      </dl>
    </>
  );
}
