"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { optionalField } from "@/lib/actions/form-fields";
import { recordBriefClick, recordBriefFeedback, recordBriefOpen, unsubscribeFromBrief } from "@/lib/brief/brief-feedback";
import { verifyBriefLink } from "@/lib/brief/brief-links";
import { queueBriefNow } from "@/lib/brief/queue-brief-now";
import { savedReturnOfBrief, STOPPED_MESSAGE, stopSavedReturn } from "@/lib/brief/saved-returns";
import { SafeError } from "@/lib/errors";

// The links of a brief email are signed: the token names the reader, so these need no session.
const token = z.string().max(512);

/** "More / less like this" confirmed on the page an email link opens; the signed link names the reader. */
export const briefFeedbackAction = defineAction({
  name: "brief-feedback",
  session: "none",
  input: z.object({
    token: token.min(1),
    direction: z.enum(["more", "less"]),
    target: z.enum(["insight", "topic", "podcast"]),
    topicId: optionalField(z.string().min(1).max(64)),
  }),
  invalidInput: "Choose what to see more or less of.",
  run: async ({ input: { token, direction, target, topicId } }) => {
    const claims = verifyBriefLink(token, direction);
    if (target === "topic" && !topicId) throw new SafeError("Choose the topic.");
    await recordBriefFeedback(claims.userId, {
      briefId: claims.briefId,
      insightId: claims.insightId,
      direction,
      target: target === "topic" ? { target, topicId: topicId! } : { target },
    });
  },
  message: (_, input) => (input.direction === "more" ? "Noted: your next briefs will have more like this." : "Noted: your next briefs will have less like this."),
});

/** The footer's unsubscribe link, confirmed on its page (mail scanners follow links; they do not press buttons). */
export const unsubscribeAction = defineAction({
  name: "brief-unsubscribe",
  session: "none",
  // A missing token is a damaged link, which verifyBriefLink words.
  input: z.object({ token: token.default("") }),
  run: async ({ input }) => {
    await unsubscribeFromBrief(verifyBriefLink(input.token, "unsubscribe").userId);
  },
  message: () => "You are unsubscribed: no more briefs will be sent. You can turn them back on in Settings.",
});

/** "Don't show again" on the saved insight that came back at the end of the brief, on /brief. */
export const stopSavedReturnAction = defineAction({
  name: "stop-saved-return",
  input: z.object({ insightId: z.string().min(1).max(64) }),
  run: async ({ input, user }) => {
    await stopSavedReturn(user.id, input.insightId);
  },
  revalidate: ["/brief"],
  message: () => STOPPED_MESSAGE,
});

/** The same from the email's signed link, confirmed on its page (mail scanners open links, never press buttons). */
export const stopSavedReturnFromMailAction = defineAction({
  name: "stop-saved-return-mail",
  session: "none",
  input: z.object({ token: token.default("") }),
  run: async ({ input }) => {
    const claims = verifyBriefLink(input.token, "stopReturn");
    const insight = await savedReturnOfBrief(claims.userId, claims.briefId, claims.insightId);
    await stopSavedReturn(claims.userId, insight.id);
  },
  message: () => STOPPED_MESSAGE,
});

/** The brief's web version was really opened in a browser (a link scanner's fetch runs no script). */
export const recordBriefOpenAction = defineAction({
  name: "record-brief-open",
  session: "optional",
  input: z.union([z.object({ token }), z.object({ briefId: z.string().min(1).max(64) })]),
  run: async ({ input, user }) => {
    if ("token" in input) {
      const claims = verifyBriefLink(input.token, "view");
      if (claims.briefId) await recordBriefOpen(claims.userId, claims.briefId);
    } else if (user) await recordBriefOpen(user.id, input.briefId);
  },
});

/** An insight's page, reached from a brief's link, really loaded in a browser: the click counts now (see /mail/click). */
export const recordBriefClickAction = defineAction({
  name: "record-brief-click",
  session: "none",
  input: token,
  run: async ({ input }) => {
    const claims = verifyBriefLink(input, "click");
    await recordBriefClick(claims.userId, claims.briefId, claims.insightId);
  },
});

/**
 * Development only (mail goes to the local outbox): queue this reader's next brief for now, from
 * every insight they have not been sent yet, so the whole path can be tried without waiting for
 * their hour or for new episodes. The worker makes it within seconds. With a mail server set up it
 * answers in words (queueBriefNow refuses).
 */
export const sendBriefNowAction = defineAction({
  name: "send-brief-now",
  input: z.object({}),
  run: async ({ user }) => {
    await queueBriefNow(user.id, new Date());
  },
  revalidate: ["/brief"],
  redirectTo: () => "/brief?sending=1",
});
