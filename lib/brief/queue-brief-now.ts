/**
 * The web server's side of "Send a brief now" (development): it only queues the send-brief-now job.
 * The worker makes and delivers the brief (send-brief-now.ts).
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { sendBriefNowJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/enqueue";

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
