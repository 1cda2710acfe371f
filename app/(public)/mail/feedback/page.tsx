import type { Metadata } from "next";
import { connection } from "next/server";
import { MailActionForm } from "@/components/brief/mail-action-form";
import { MailLinkError } from "@/components/brief/mail-link-error";
import { PageHeader } from "@/components/page-header";
import { briefFeedbackAction } from "@/lib/actions/brief-actions";
import { briefLinkInsight } from "@/lib/brief/brief-feedback";
import { verifyBriefLink } from "@/lib/brief/brief-links";

export const metadata: Metadata = { title: "More or less like this", robots: { index: false } };

/**
 * Where a brief's "more like this" and "less like this" links land: the reader confirms, and may aim
 * it at the insight itself, one of its topics or its show, as the feed's "tune" does.
 */
export default async function MailFeedbackPage({ searchParams }: PageProps<"/mail/feedback">) {
  await connection();
  const { t, d } = await searchParams;
  const token = typeof t === "string" ? t : "";
  const direction = d === "more" ? "more" : "less";
  let insight;
  try {
    const claims = verifyBriefLink(token, direction);
    insight = await briefLinkInsight(claims.userId, claims.briefId, claims.insightId);
  } catch (error) {
    return <MailLinkError error={error} context="mail-feedback" />;
  }
  const more = direction === "more";
  const choices = [
    { label: more ? "More like this" : "Less like this", fields: { direction, target: "insight" } },
    ...insight.topics.map((topic) => ({ label: `${more ? "More" : "Less"} about ${topic.name}`, fields: { direction, target: "topic", topicId: topic.id } })),
    { label: `${more ? "More" : "Fewer"} from ${insight.podcast.title}`, fields: { direction, target: "podcast" } },
  ];
  return (
    <>
      <PageHeader title={more ? "More like this" : "Less like this"} description={`About “${insight.headline}”`} />
      <MailActionForm action={briefFeedbackAction} token={token} choices={choices} />
    </>
  );
}
