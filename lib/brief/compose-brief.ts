/**
 * Composing briefs: choosing and storing their items once per reader and brief date. The stored brief
 * is the brief (the email, its web version and the archive all read these rows), so a retried job
 * never chooses again. The scheduler composes due readers in batches (chooseBriefsForMany); the send
 * job composes one reader's only when the scheduler did not get to it.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { BriefDate, BriefFrequency } from "@/lib/brief/brief-schedule";
import { chooseBriefsForMany, type BriefRequest, type ChooseBriefs } from "@/lib/brief/choose-brief";
import { chooseSavedReturns } from "@/lib/brief/saved-returns";
import { metrics } from "@/lib/metrics/registry";

const DAY_MS = 86_400_000;

type BriefStatus = "pending" | "sending" | "sent" | "unconfirmed" | "failed" | "empty";

export type ComposedBrief = { userId: string; briefId: string; status: BriefStatus; created: boolean };

export type BriefToCompose = {
  userId: string;
  briefDate: BriefDate;
  frequency: BriefFrequency;
  /** "unsent": everything not sent yet (the development action); otherwise the reader's period. */
  window?: "period" | "unsent";
};

/** How far back a brief may look when there is no previous one: its own period. */
export function periodStart(frequency: BriefFrequency, now: Date): Date {
  return new Date(now.getTime() - (frequency === "weekly" ? 7 : 1) * DAY_MS);
}


/**
 * These readers' briefs of their dates: the stored ones where they exist, the rest chosen now (all
 * in one call, by `choose`: the brief threads' for the scheduler) and stored. Two workers composing the same brief store one; the loser reads the
 * winner's. Returns one entry per reader, in no particular order.
 */
export async function composeBriefs(briefs: readonly BriefToCompose[], now: Date, choose: ChooseBriefs = chooseBriefsForMany): Promise<ComposedBrief[]> {
  if (briefs.length === 0) return [];
  const existing = await findBriefs(briefs);
  const missing = briefs.filter((brief) => !existing.has(brief.userId));
  const created = new Map<string, { briefId: string; status: BriefStatus }>();
  if (missing.length > 0) {
    const requests: BriefRequest[] = missing.map(({ userId, frequency, window }) =>
      window === "unsent" ? { userId, since: new Date(0), sincePreviousBrief: false } : { userId, since: periodStart(frequency, now) },
    );
    const choices = await choose(requests, now);
    // A brief with no new insight still goes out when it carries alert matches (its own section).
    const alerted = await readersWithAlertMatches(missing.map((brief) => brief.userId), now);
    // A saved insight comes back only at the end of a brief that goes out: an empty one is not sent.
    const returns = await chooseSavedReturns(
      missing.flatMap(({ userId, briefDate }) => {
        const items = choices.get(userId)!.items;
        return items.length > 0 || alerted.has(userId) ? [{ userId, briefDate, exclude: new Set(items.map((item) => item.insightId)) }] : [];
      }),
    );
    const rows = missing.map(({ userId, briefDate }) => ({ id: randomUUID(), userId, briefDate, choice: choices.get(userId)!, savedReturn: returns.get(userId) ?? null }));
    const items = rows.flatMap((row) => row.choice.items.map((item, position) => ({ briefId: row.id, position, ...item })));
    const returned = rows.flatMap((row) => (row.savedReturn ? [{ briefId: row.id, userId: row.userId, ...row.savedReturn }] : []));
    // One statement stores a batch's briefs, their items and the steps of the saved insights that
    // come back in them, however many: atomic without a client-side transaction (whose timer a busy
    // process could outrun), and a brief another worker stored first keeps its own items and moves
    // no schedule.
    const inserted = await db.$queryRaw<{ id: string; user_id: string; status: BriefStatus }[]>`
      WITH created AS (
        INSERT INTO daily_briefs (id, user_id, brief_date, scheduled_for, status, note, saved_return_insight_id)
        SELECT id, user_id, brief_date, ${now}, status::brief_status, note, saved_return_insight_id
        FROM unnest(${rows.map((row) => row.id)}::text[], ${rows.map((row) => row.userId)}::text[], ${rows.map((row) => row.briefDate)}::date[],
          ${rows.map((row) => (row.choice.items.length > 0 || alerted.has(row.userId) ? "pending" : "empty"))}::text[], ${rows.map((row) => row.choice.note)}::text[],
          ${rows.map((row) => row.savedReturn?.insightId ?? null)}::text[])
          AS input(id, user_id, brief_date, status, note, saved_return_insight_id)
        ON CONFLICT (user_id, brief_date) DO NOTHING
        RETURNING id, user_id, status::text AS status
      ), stored_items AS (
        INSERT INTO daily_brief_items (brief_id, insight_id, position, reason)
        SELECT item.brief_id, item.insight_id, item.position, item.reason
        FROM unnest(${items.map((item) => item.briefId)}::text[], ${items.map((item) => item.insightId)}::text[],
          ${items.map((item) => item.position)}::int[], ${items.map((item) => item.reason)}::text[]) AS item(brief_id, insight_id, position, reason)
        JOIN created ON created.id = item.brief_id
      ), stepped AS (
        UPDATE saved_insights AS s SET return_step = r.step, returned_on = r.returned_on
        FROM unnest(${returned.map((r) => r.briefId)}::text[], ${returned.map((r) => r.userId)}::text[], ${returned.map((r) => r.insightId)}::text[],
          ${returned.map((r) => r.step)}::int[], ${returned.map((r) => r.returnedOn)}::date[]) AS r(brief_id, user_id, insight_id, step, returned_on)
        JOIN created ON created.id = r.brief_id
        WHERE s.user_id = r.user_id AND s.insight_id = r.insight_id
      ), carried_alerts AS (
        -- The reader's alert matches for the brief not in any brief yet: this one carries them.
        UPDATE alert_matches AS m SET brief_id = created.id
        FROM created, alerts AS a
        WHERE m.user_id = created.user_id AND a.id = m.alert_id AND a.delivery = 'brief' AND m.brief_id IS NULL AND m.created_at <= ${now}
      )
      SELECT id, user_id, status FROM created`;
    for (const row of inserted) {
      created.set(row.user_id, { briefId: row.id, status: row.status });
      metrics().briefs.inc({ outcome: row.status === "empty" ? "empty" : "with_items" });
    }
  }
  // A brief another worker stored meanwhile: read theirs.
  const raced = briefs.filter(({ userId }) => !existing.has(userId) && !created.has(userId));
  const theirs = raced.length > 0 ? await findBriefs(raced) : new Map();
  return briefs.map(({ userId }) => {
    const brief = existing.get(userId) ?? created.get(userId) ?? theirs.get(userId);
    if (!brief) throw new Error(`the brief of ${userId} was neither found nor stored`);
    return { ...brief, userId, created: created.has(userId) };
  });
}

/** One reader's brief of `briefDate` (see composeBriefs). */
export async function composeBrief(
  userId: string,
  briefDate: BriefDate,
  { now, frequency, window }: { now: Date; frequency: BriefFrequency; window?: "period" | "unsent" },
): Promise<ComposedBrief> {
  const [brief] = await composeBriefs([{ userId, briefDate, frequency, window }], now);
  return brief!;
}

/** Which of these readers have alert matches waiting for a brief (see the carried_alerts step above). */
async function readersWithAlertMatches(userIds: string[], now: Date): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT m.user_id FROM alert_matches AS m JOIN alerts AS a ON a.id = m.alert_id
    WHERE m.user_id = ANY(${userIds}::text[]) AND a.delivery = 'brief' AND m.brief_id IS NULL AND m.created_at <= ${now}`;
  return new Set(rows.map((row) => row.user_id));
}

/** The stored briefs among these (reader, date) pairs, by reader. */
async function findBriefs(briefs: readonly { userId: string; briefDate: BriefDate }[]): Promise<Map<string, { briefId: string; status: BriefStatus }>> {
  const rows = await db.$queryRaw<{ id: string; user_id: string; status: BriefStatus }[]>`
    SELECT b.id, b.user_id, b.status::text AS status
    FROM unnest(${briefs.map((brief) => brief.userId)}::text[], ${briefs.map((brief) => brief.briefDate)}::date[]) AS wanted(user_id, brief_date)
    JOIN daily_briefs AS b ON b.user_id = wanted.user_id AND b.brief_date = wanted.brief_date`;
  return new Map(rows.map((row) => [row.user_id, { briefId: row.id, status: row.status }]));
}
