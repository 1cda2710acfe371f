/**
 * The worker's side of "Send a brief now" (development): the reader's next brief, made and delivered
 * at once. It is dated today in the reader's time zone, or the day after their newest brief when
 * today's exists, so it never overwrites a brief already made; and it picks from everything not sent
 * yet. The web server only queues it (queue-brief-now.ts): the email is rendered here, in the worker,
 * because react-email's renderer cannot run inside React Server Components.
 */
import "server-only";
import { db } from "@/lib/db";
import { localDate, type BriefDate } from "@/lib/brief/brief-schedule";
import { composeBrief } from "@/lib/brief/compose-brief";
import { deliverBrief } from "@/lib/brief/deliver-brief";
import { latestBriefDate } from "@/lib/brief/load-brief";

export async function sendNextBriefNow(userId: string, now: Date): Promise<BriefDate> {
  const reader = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, briefFrequency: true } });
  const today = localDate(reader.timeZone, now);
  const latest = await latestBriefDate(userId);
  const briefDate = latest && latest >= today ? new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : today;
  const brief = await composeBrief(userId, briefDate, { now, frequency: reader.briefFrequency, window: "unsent" });
  await deliverBrief(brief.briefId, { now });
  return briefDate;
}
