/**
 * The development action behind "Send a brief now": the reader's next brief, made and delivered by
 * the worker at once. It is dated today in the reader's time zone, or the day after their newest
 * brief when today's exists, so it never overwrites a brief already made; and it picks from
 * everything not sent yet. The web server only queues it: the email is rendered by the worker
 * (react-email's renderer cannot run inside React Server Components), so delivery is imported lazily.
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { localDate, type BriefDate } from "@/lib/brief/brief-schedule";
import { composeBrief } from "@/lib/brief/compose-brief";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { latestBriefDate } from "@/lib/brief/load-brief";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";

export async function sendNextBriefNow(userId: string, now: Date): Promise<BriefDate> {
  const reader = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, briefFrequency: true } });
  const today = localDate(reader.timeZone, now);
  const latest = await latestBriefDate(userId);
  const briefDate = latest && latest >= today ? new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : today;
  const brief = await composeBrief(userId, briefDate, { now, frequency: reader.briefFrequency, window: "unsent" });
  const { deliverBrief } = await import("@/lib/brief/deliver-brief");
  await deliverBrief(brief.briefId, { now });
  return briefDate;
}

export const sendBriefNowJob = defineJob({
  id: "send-brief-now",
  payload: z.object({ userId: z.string().min(1), requestedAt: z.string() }),
  key: ({ userId, requestedAt }) => `${userId}:${requestedAt}`,
  retry: { limit: 2, delaySeconds: 5, backoff: false },
  run: async ({ userId }) => {
    await sendNextBriefNow(userId, new Date());
  },
});

/**
 * Queues the reader's next brief for now; only while mail goes to the local outbox. With a mail
 * server set up a brief on demand would be real mail, so the answer is a refusal in words (a stale
 * /brief page can still post the button).
 */
export async function queueBriefNow(userId: string, now: Date): Promise<void> {
  if (getEnv().mailTransport !== "outbox") {
    throw new SafeError("Sending a brief now is only for trying Podbrief with the local outbox. With a mail server set up, your brief arrives at your hour.", "forbidden");
  }
  await enqueue(sendBriefNowJob, { userId, requestedAt: now.toISOString() });
}
