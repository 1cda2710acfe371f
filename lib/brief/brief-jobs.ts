/**
 * The brief's jobs. Every few minutes the scheduler finds the readers whose brief is due (in their
 * own time zone) and queues one send-brief job each, keyed by reader and brief date so a reader's
 * brief is queued once however often the scheduler runs. The job composes the brief (once) and
 * delivers it (once): see compose-brief.ts and deliver-brief.ts. The definitions are in
 * lib/jobs/definitions.ts, the handlers in worker/handlers.ts.
 */
import "server-only";
import { db } from "@/lib/db";
import { hasBriefOn, type BriefDate } from "@/lib/brief/brief-schedule";
import { briefChooser } from "@/lib/brief/brief-threads";
import { composeBrief, composeBriefs } from "@/lib/brief/compose-brief";
import { deliverBrief, type DeliveryKnobs, type DeliveryOutcome } from "@/lib/brief/deliver-brief";
import { findDueReaders } from "@/lib/brief/due-readers";
import { SEND_LEASE_MS } from "@/lib/brief/send-lease";
import { sendBriefJob } from "@/lib/jobs/definitions";
import { enqueueMany } from "@/lib/jobs/enqueue";

/** Composes the reader's brief of `briefDate` (unless it exists) and delivers it (unless it went out). */
export async function runBrief(userId: string, date: BriefDate, { now = new Date(), knobs }: { now?: Date; knobs?: DeliveryKnobs } = {}): Promise<DeliveryOutcome> {
  const reader = await db.user.findUnique({
    where: { id: userId },
    select: { timeZone: true, briefHour: true, briefEnabled: true, briefFrequency: true, briefWeekday: true, briefPausedUntil: true },
  });
  // Turned off, paused or unsubscribed since it was queued: nothing goes out.
  if (!reader || !hasBriefOn(reader, date)) return "skipped";
  const brief = await composeBrief(userId, date, { now, frequency: reader.briefFrequency });
  return deliverBrief(brief.briefId, { now, knobs });
}

/**
 * Readers composed per batch: readers due together share one candidate read per window (the union of
 * what they follow, tens of thousands of rows), so bigger batches read it fewer times. At 100,000
 * readers (bench:brief) 500 took 89 s, 2,000 took 70 s and 5,000 took 56 s, for a peak of about 1.3 GB
 * across the threads' heaps.
 */
export const COMPOSE_BATCH = 5000;

/**
 * Composes the brief of every reader whose brief is due at `now`, in batches, and queues a
 * send-brief job for each; returns how many were due. The batches are chosen on the brief threads,
 * one more in flight than there are threads, so each thread has its next batch while this thread
 * stores the last. A crash midway loses nothing: the readers not yet composed are still due at the
 * next run, and a send job composes its reader's brief itself if needed.
 */
export async function queueDueBriefs(now: Date): Promise<number> {
  const { choose, threads } = briefChooser();
  // With no threads, two batches: one's ranking (CPU here) overlaps the other's reads (the database).
  const composingAtOnce = threads + 1;
  let after = "";
  let total = 0;
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const due = await findDueReaders(now, { after, limit: COMPOSE_BATCH });
    if (due.length === 0) break;
    total += due.length;
    after = due.at(-1)!.userId;
    const work = (async () => {
      await composeBriefs(due, now, choose);
      await enqueueMany(
        sendBriefJob,
        due.map(({ userId, briefDate }) => ({ userId, briefDate })),
      );
    })();
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    if (inFlight.size >= composingAtOnce) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return total;
}

/** Briefs left "sending" by a stopped worker, resolved once their lease has passed (see deliverBrief). */
export async function settleAbandonedSends(now: Date): Promise<void> {
  const stale = await db.dailyBrief.findMany({
    where: { status: "sending", sendStartedAt: { lt: new Date(now.getTime() - SEND_LEASE_MS) } },
    select: { id: true },
    take: 1_000,
  });
  for (const brief of stale) await deliverBrief(brief.id, { now });
}

