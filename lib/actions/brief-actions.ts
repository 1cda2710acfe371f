"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordBriefClick, recordBriefFeedback, recordBriefOpen, unsubscribeFromBrief } from "@/lib/brief/brief-feedback";
import { verifyBriefLink } from "@/lib/brief/brief-links";
import { queueBriefNow } from "@/lib/brief/queue-brief-now";
import { publicMessage } from "@/lib/errors";
import { getCurrentUser, requireUser } from "@/lib/session";

export type BriefLinkState = { error?: string; message?: string };

const feedbackForm = z.object({
  token: z.string().min(1).max(512),
  direction: z.enum(["more", "less"]),
  target: z.enum(["insight", "topic", "podcast"]),
  topicId: z.string().min(1).max(64).optional(),
});

/** "More / less like this" confirmed on the page an email link opens; the signed link names the reader. */
export async function briefFeedbackAction(_previous: BriefLinkState, formData: FormData): Promise<BriefLinkState> {
  const input = feedbackForm.safeParse({
    token: formData.get("token"),
    direction: formData.get("direction"),
    target: formData.get("target"),
    topicId: formData.get("topicId") || undefined,
  });
  if (!input.success) return { error: "Choose what to see more or less of." };
  const { token, direction, target, topicId } = input.data;
  try {
    const claims = verifyBriefLink(token, direction);
    if (target === "topic" && !topicId) return { error: "Choose the topic." };
    await recordBriefFeedback(claims.userId, {
      briefId: claims.briefId,
      insightId: claims.insightId,
      direction,
      target: target === "topic" ? { target, topicId: topicId! } : { target },
    });
  } catch (error) {
    return { error: publicMessage(error, "brief-feedback") };
  }
  return { message: direction === "more" ? "Noted: your next briefs will have more like this." : "Noted: your next briefs will have less like this." };
}

/** The footer's unsubscribe link, confirmed on its page (mail scanners follow links; they do not press buttons). */
export async function unsubscribeAction(_previous: BriefLinkState, formData: FormData): Promise<BriefLinkState> {
  try {
    const claims = verifyBriefLink(z.string().max(512).parse(formData.get("token") ?? ""), "unsubscribe");
    await unsubscribeFromBrief(claims.userId);
  } catch (error) {
    return { error: publicMessage(error, "brief-unsubscribe") };
  }
  return { message: "You are unsubscribed: no more briefs will be sent. You can turn them back on in Settings." };
}

/** The brief's web version was really opened in a browser (a link scanner's fetch runs no script). */
export async function recordBriefOpenAction(reference: { token: string } | { briefId: string }): Promise<void> {
  try {
    if ("token" in reference) {
      const claims = verifyBriefLink(reference.token, "view");
      if (claims.briefId) await recordBriefOpen(claims.userId, claims.briefId);
      return;
    }
    const user = await getCurrentUser();
    if (user) await recordBriefOpen(user.id, z.string().min(1).max(64).parse(reference.briefId));
  } catch {
    // An open that cannot be recorded changes nothing the reader sees.
  }
}

/** An insight's page, reached from a brief's link, really loaded in a browser: the click counts now (see /mail/click). */
export async function recordBriefClickAction(token: string): Promise<void> {
  try {
    const claims = verifyBriefLink(z.string().max(512).parse(token), "click");
    await recordBriefClick(claims.userId, claims.briefId, claims.insightId);
  } catch {
    // A click that cannot be recorded changes nothing the reader sees.
  }
}

/**
 * Development only (mail goes to the local outbox): queue this reader's next brief for now, from
 * every insight they have not been sent yet, so the whole path can be tried without waiting for
 * their hour or for new episodes. The worker makes it within seconds. With a mail server set up it
 * answers in words (queueBriefNow refuses).
 */
export async function sendBriefNowAction(): Promise<BriefLinkState> {
  const user = await requireUser("/brief");
  try {
    await queueBriefNow(user.id, new Date());
  } catch (error) {
    return { error: publicMessage(error, "send-brief-now") };
  }
  revalidatePath("/brief");
  redirect("/brief?sending=1");
}
