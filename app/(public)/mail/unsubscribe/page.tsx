import type { Metadata } from "next";
import { connection } from "next/server";
import { MailActionForm } from "@/components/brief/mail-action-form";
import { MailLinkError } from "@/components/brief/mail-link-error";
import { PageHeader } from "@/components/page-header";
import { unsubscribeAction } from "@/lib/actions/brief-actions";
import { verifyBriefLink } from "@/lib/brief/brief-links";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

/** The footer's unsubscribe link: one button, no sign-in. (Mail apps use the one-click POST instead.) */
export default async function MailUnsubscribePage({ searchParams }: PageProps<"/mail/unsubscribe">) {
  await connection();
  const { t } = await searchParams;
  const token = typeof t === "string" ? t : "";
  try {
    verifyBriefLink(token, "unsubscribe");
  } catch (error) {
    return <MailLinkError error={error} context="mail-unsubscribe" />;
  }
  return (
    <>
      <PageHeader title="Unsubscribe from the brief" description="You will get no more briefs by email. Your feed, topics and saved insights stay as they are." />
      <MailActionForm action={unsubscribeAction} token={token} choices={[{ label: "Unsubscribe", fields: {} }]} />
    </>
  );
}
