/**
 * When a saved insight comes back to the brief ("From your saved"): spaced repetition on the
 * reader's calendar. A save returns 1, 3, 7, 21 and 60 days after the day it was saved, one per
 * brief. Pure (every function takes the day), so the brief, the tests and the README agree.
 *
 * A return the reader did not get on its day (no brief that day, a weekly brief, or another saved
 * insight came back instead) is still owed: it comes on a later brief, and then the schedule goes on
 * from that day, skipping the returns whose days have passed, so a save never comes back two days
 * running to catch up. Nothing is owed for ever: a week after its 60th day a save is done.
 */
import { addDays, localDate, type BriefDate } from "@/lib/brief/brief-schedule";

/** Days after saving on which a saved insight comes back. */
export const RETURN_DAYS = [1, 3, 7, 21, 60] as const;

/** How long after its last return day a save that did not come back may still come back once. */
export const LATE_RETURN_DAYS = 7;

/** A saved insight's place in its schedule, as stored. */
export type SavedReturnState = {
  insightId: string;
  /** The day it was saved, in the reader's calendar (see savedDay). */
  savedOn: BriefDate;
  /** The index in RETURN_DAYS of its next return; RETURN_DAYS.length once done. */
  step: number;
  /** The brief date it last came back on. */
  returnedOn: BriefDate | null;
  /** "Don't show again". */
  stopped: boolean;
};

/** The day a save was made, in the reader's calendar. */
export function savedDay(timeZone: string, savedAt: Date): BriefDate {
  return localDate(timeZone, savedAt);
}

/** The day of its next return, or null when it has made them all. */
export function nextReturnOn(save: Pick<SavedReturnState, "savedOn" | "step">): BriefDate | null {
  const days = RETURN_DAYS[save.step];
  return days === undefined ? null : addDays(save.savedOn, days);
}

/** Whether the save may come back in the brief dated `on`. */
export function isReturnDue(save: SavedReturnState, on: BriefDate): boolean {
  if (save.stopped) return false;
  const due = nextReturnOn(save);
  if (due === null || due > on) return false;
  // Never twice on one day, whatever happens to the brief of that day.
  if (save.returnedOn !== null && save.returnedOn >= on) return false;
  return on <= addDays(save.savedOn, RETURN_DAYS.at(-1)! + LATE_RETURN_DAYS);
}

/** Its step once it has come back on `on`: the first return whose day is still ahead. */
export function stepAfterReturn(savedOn: BriefDate, on: BriefDate): number {
  const next = RETURN_DAYS.findIndex((days) => addDays(savedOn, days) > on);
  return next === -1 ? RETURN_DAYS.length : next;
}

/**
 * The one save that comes back in the brief dated `on`, or null: of those due, the one whose return
 * day is latest (a return on its own day before a late one), then the most recently saved. `exclude`
 * holds insights the brief already carries.
 */
export function chooseSavedReturn(saves: readonly SavedReturnState[], on: BriefDate, exclude: ReadonlySet<string> = new Set()): SavedReturnState | null {
  let best: { save: SavedReturnState; due: BriefDate } | null = null;
  for (const save of saves) {
    if (exclude.has(save.insightId) || !isReturnDue(save, on)) continue;
    const due = nextReturnOn(save)!;
    if (
      !best ||
      due > best.due ||
      (due === best.due && (save.savedOn > best.save.savedOn || (save.savedOn === best.save.savedOn && save.insightId < best.save.insightId)))
    ) {
      best = { save, due };
    }
  }
  return best?.save ?? null;
}
