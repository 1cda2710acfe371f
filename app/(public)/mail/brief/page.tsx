import type { Metadata } from "next";
import { connection } from "next/server";
import { BriefAlerts } from "@/components/brief/brief-alerts";
import { BriefItems, BriefNote } from "@/components/brief/brief-items";
import { MailLinkError } from "@/components/brief/mail-link-error";
import { RecordBriefOpen } from "@/components/brief/record-brief-open";
import { SavedReturnSection } from "@/components/brief/saved-return";
import { PageHeader } from "@/components/page-header";
import { verifyBriefLink } from "@/lib/brief/brief-links";
import { briefDateLabel } from "@/lib/brief/brief-schedule";
import { loadBrief } from "@/lib/brief/load-brief";

export const metadata: Metadata = { title: "Your brief", robots: { index: false } };

/** The web version of one emailed brief, opened from its "View in browser" link without signing in. */
export default async function MailBriefPage({ searchParams }: PageProps<"/mail/brief">) {
  await connection();
  const { t } = await searchParams;
  const token = typeof t === "string" ? t : "";
  let brief;
  try {
    const claims = verifyBriefLink(token, "view");
    brief = claims.briefId ? await loadBrief(claims.userId, { briefId: claims.briefId }) : null;
  } catch (error) {
    return <MailLinkError error={error} context="mail-brief" />;
  }
  if (!brief) return <MailLinkError error={new Error("no such brief")} context="mail-brief" />;
  return (
    <>
      <RecordBriefOpen token={token} />
      <PageHeader title={`Your brief · ${briefDateLabel(brief.briefDate)}`} description="The top insights for you, as they were emailed." />
      <BriefNote note={brief.note} />
      <BriefItems brief={brief} interactive={false} />
      <BriefAlerts matches={brief.alerts} />
      {brief.savedReturn && !brief.savedReturn.stopped ? <SavedReturnSection savedReturn={brief.savedReturn} interactive={false} /> : null}
    </>
  );
}
