import type { Metadata } from "next";
import { connection } from "next/server";
import { MailActionForm } from "@/components/brief/mail-action-form";
import { MailLinkError } from "@/components/brief/mail-link-error";
import { PageHeader } from "@/components/page-header";
import { stopSavedReturnFromMailAction } from "@/lib/actions/brief-actions";
import { verifyBriefLink } from "@/lib/brief/brief-links";
import { savedReturnOfBrief } from "@/lib/brief/saved-returns";

export const metadata: Metadata = { title: "Don't show again", robots: { index: false } };

/** Where "Don't show again" on a saved insight that came back in a brief email lands: one button, no sign-in. */
export default async function MailSavedReturnPage({ searchParams }: PageProps<"/mail/saved-return">) {
  await connection();
  const { t } = await searchParams;
  const token = typeof t === "string" ? t : "";
  let insight;
  try {
    const claims = verifyBriefLink(token, "stopReturn");
    insight = await savedReturnOfBrief(claims.userId, claims.briefId, claims.insightId);
  } catch (error) {
    return <MailLinkError error={error} context="mail-saved-return" />;
  }
  return (
    <>
      <PageHeader title="Don't show again" description={`“${insight.headline}” will not come back in your brief. It stays in Saved.`} />
      <MailActionForm action={stopSavedReturnFromMailAction} token={token} choices={[{ label: "Don't show again", fields: {} }]} />
    </>
  );
}
