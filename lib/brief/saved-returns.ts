/**
 * "From your saved": the one saved insight that comes back at the end of a brief (the schedule is
 * lib/saved/return-schedule.ts). It is chosen when the brief is composed and stored on the brief with
 * the save's next step, in the statement that stores the brief (compose-brief.ts), so a brief made
 * again for the same day, by a retry or after a restart, finds the same one and moves nothing twice.
 * Every read and write names the reader.
 */
import "server-only";
import { db } from "@/lib/db";
import { SafeError } from "@/lib/errors";
import { isKnownTimeZone, type BriefDate } from "@/lib/brief/brief-schedule";
import { chooseSavedReturn, LATE_RETURN_DAYS, RETURN_DAYS, savedDay, stepAfterReturn } from "@/lib/saved/return-schedule";

/** The saved insight that comes back in a brief, and where its schedule goes from there. */
export type SavedReturnChoice = { insightId: string; step: number; returnedOn: BriefDate };

export type SavedReturnRequest = { userId: string; briefDate: BriefDate; /** Insights the brief carries already. */ exclude: ReadonlySet<string> };

// A save older than its last return day and the days it may come late matters no more; a day more
// each side covers any time zone's offset from the UTC the timestamps are stored in.
const OLDEST_DUE_DAYS = RETURN_DAYS.at(-1)! + LATE_RETURN_DAYS + 2;


/**
 * For each brief to be made, the saved insight that comes back in it, if one is due and the reader
 * has returns on. One read for the batch, along saved_insights' (user_id, created_at) index.
 */
export async function chooseSavedReturns(requests: readonly SavedReturnRequest[]): Promise<Map<string, SavedReturnChoice>> {
  if (requests.length === 0) return new Map();
  const rows = await db.$queryRaw<{ user_id: string; insight_id: string; created_at: Date; return_step: number; returned_on: string | null; time_zone: string }[]>`
    SELECT s.user_id, s.insight_id, s.created_at, s.return_step, s.returned_on::text AS returned_on, u.time_zone
    FROM unnest(${requests.map((request) => request.userId)}::text[], ${requests.map((request) => request.briefDate)}::date[]) AS wanted(user_id, brief_date)
    JOIN users AS u ON u.id = wanted.user_id AND u.brief_saved_returns
    JOIN saved_insights AS s ON s.user_id = wanted.user_id
    WHERE s.created_at >= wanted.brief_date - ${OLDEST_DUE_DAYS}::int
      AND s.return_step < ${RETURN_DAYS.length}
      AND s.returns_stopped_at IS NULL`;
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);

  const choices = new Map<string, SavedReturnChoice>();
  for (const { userId, briefDate, exclude } of requests) {
    const saves = (byUser.get(userId) ?? []).map((row) => ({
      insightId: row.insight_id,
      savedOn: savedDay(isKnownTimeZone(row.time_zone) ? row.time_zone : "UTC", row.created_at),
      step: row.return_step,
      returnedOn: row.returned_on,
      stopped: false,
    }));
    const chosen = chooseSavedReturn(saves, briefDate, exclude);
    if (chosen) choices.set(userId, { insightId: chosen.insightId, step: stepAfterReturn(chosen.savedOn, briefDate), returnedOn: briefDate });
  }
  return choices;
}

/** What a reader is told once they said "Don't show again". */
export const STOPPED_MESSAGE = "It will not come back in your brief again. It stays in Saved.";

/** "Don't show again": the saved insight never comes back to this reader's brief; it stays saved. */
export async function stopSavedReturn(userId: string, insightId: string, now: Date = new Date()): Promise<void> {
  await db.savedInsight.updateMany({ where: { userId, insightId, returnsStoppedAt: null }, data: { returnsStoppedAt: now } });
}

/** Whether this reader gets a saved insight back at the end of the brief. */
export async function getSavedReturnsSetting(userId: string): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { briefSavedReturns: true } });
  return user.briefSavedReturns;
}

/**
 * The saved insight a brief's "Don't show again" link is about: only the one that came back in that
 * brief of that reader, and only while it is still saved.
 */
export async function savedReturnOfBrief(userId: string, briefId: string | undefined, insightId: string | undefined): Promise<{ id: string; headline: string }> {
  if (!briefId || !insightId) throw new SafeError("This link is incomplete.", "bad_request");
  const brief = await db.dailyBrief.findFirst({
    where: { id: briefId, userId, savedReturnInsightId: insightId },
    select: { savedReturn: { select: { id: true, headline: true, saves: { where: { userId }, select: { userId: true } } } } },
  });
  if (!brief?.savedReturn || brief.savedReturn.saves.length === 0) throw new SafeError("That insight is no longer among your saved ones.", "not_found");
  return { id: brief.savedReturn.id, headline: brief.savedReturn.headline };
}
