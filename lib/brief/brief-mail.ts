/**
 * A stored brief as an email: every link signed for its one purpose, so it works from the inbox
 * without signing in, and the headers mail providers need for one-click unsubscribe (RFC 8058).
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { renderBriefEmail } from "@/lib/brief/brief-email";
import { briefDateLabel } from "@/lib/brief/brief-schedule";
import { signBriefLink, type BriefLinkClaims, type BriefLinkPurpose } from "@/lib/brief/brief-links";
import type { BriefView } from "@/lib/brief/load-brief";
import { messageIdFor, type OutgoingMail } from "@/lib/mail/send-mail";

/** Where each kind of brief link lands; the pages under /mail verify the token and act. */
export function briefLinkUrl(purpose: BriefLinkPurpose, claims: BriefLinkClaims, now: Date): string {
  const path = {
    click: "/mail/click",
    more: "/mail/feedback?d=more&",
    less: "/mail/feedback?d=less&",
    view: "/mail/brief",
    unsubscribe: "/mail/unsubscribe",
    stopReturn: "/mail/saved-return",
  }[purpose];
  return `${getEnv().appUrl}${path}${path.endsWith("&") ? "" : "?"}t=${signBriefLink(purpose, claims, { now })}`;
}

/** The one-click unsubscribe endpoint (POST), for the List-Unsubscribe header. */
export function oneClickUnsubscribeUrl(userId: string, now: Date): string {
  return `${getEnv().appUrl}/mail/unsubscribe/one-click?t=${signBriefLink("unsubscribe", { userId }, { now })}`;
}

export async function buildBriefMail(brief: BriefView, reader: { email: string; name: string | null }, now: Date): Promise<OutgoingMail> {
  const { appUrl } = getEnv();
  const userId = brief.userId;
  const briefId = brief.id;
  const rendered = await renderBriefEmail({
    readerName: reader.name,
    dateLabel: briefDateLabel(brief.briefDate),
    note: brief.note,
    appUrl,
    webUrl: briefLinkUrl("view", { userId, briefId }, now),
    unsubscribeUrl: briefLinkUrl("unsubscribe", { userId }, now),
    settingsUrl: `${appUrl}/settings`,
    items: brief.items.map(({ insight, reason }) => ({
      headline: insight.headline,
      body: insight.body,
      quote: insight.quote,
      speaker: insight.speaker,
      saidAt: insight.saidAt,
      podcastTitle: insight.podcast.title,
      episodeTitle: insight.episode.title,
      artwork: insight.artwork,
      reason,
      insightUrl: briefLinkUrl("click", { userId, briefId, insightId: insight.id }, now),
      moreUrl: briefLinkUrl("more", { userId, briefId, insightId: insight.id }, now),
      lessUrl: briefLinkUrl("less", { userId, briefId, insightId: insight.id }, now),
    })),
    // Mailed only while it is still saved and not stopped (loadBrief), so a retried send says the same.
    savedReturn:
      brief.savedReturn && !brief.savedReturn.stopped
        ? {
            headline: brief.savedReturn.insight.headline,
            body: brief.savedReturn.insight.body,
            podcastTitle: brief.savedReturn.insight.podcast.title,
            episodeTitle: brief.savedReturn.insight.episode.title,
            // Its page is public: a plain link, not a recorded click (it is not one of the brief's new insights).
            insightUrl: `${appUrl}/insights/${brief.savedReturn.insight.id}`,
            stopUrl: briefLinkUrl("stopReturn", { userId, briefId, insightId: brief.savedReturn.insight.id }, now),
          }
        : null,
    alerts: brief.alerts.map((alert) => ({
      phrase: alert.phrase,
      snippet: alert.snippet,
      podcastTitle: alert.podcast.title,
      episodeTitle: alert.episode.title,
      saidAt: alert.startSeconds,
      // An app path (an insight's page) made absolute; the episode's audio is already.
      playUrl: alert.playHref ? (alert.playHref.startsWith("/") ? `${appUrl}${alert.playHref}` : alert.playHref) : null,
    })),
  });
  return {
    to: reader.email,
    kind: "brief",
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: messageIdFor(`brief.${briefId}`),
    headers: {
      "List-Unsubscribe": `<${oneClickUnsubscribeUrl(userId, now)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
