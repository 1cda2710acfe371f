/**
 * The schedule on which saved insights come back to the brief: 1, 3, 7, 21 and 60 days after the
 * day of saving (in the reader's calendar), never between, one per brief, never twice on a day, and
 * never after "Don't show again".
 */
import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/brief/brief-schedule";
import {
  chooseSavedReturn,
  isReturnDue,
  LATE_RETURN_DAYS,
  nextReturnOn,
  RETURN_DAYS,
  savedDay,
  stepAfterReturn,
  type SavedReturnState,
} from "@/lib/saved/return-schedule";

const savedOn = "2026-03-10";
const save = (state: Partial<SavedReturnState> = {}): SavedReturnState => ({ insightId: "i-1", savedOn, step: 0, returnedOn: null, stopped: false, ...state });

/** A reader with a brief every day, saving once: the days after saving on which it comes back. */
function daysItComesBack(until: number, start: SavedReturnState = save()): number[] {
  let state = start;
  const days: number[] = [];
  for (let day = 0; day <= until; day++) {
    const on = addDays(savedOn, day);
    if (chooseSavedReturn([state], on)) {
      days.push(day);
      state = { ...state, step: stepAfterReturn(state.savedOn, on), returnedOn: on };
    }
  }
  return days;
}

describe("the saved-insight return schedule", () => {
  it("brings a save back on days 1, 3, 7, 21 and 60 after saving, and on no day between or after", () => {
    expect(daysItComesBack(400)).toEqual([1, 3, 7, 21, 60]);
    expect(RETURN_DAYS).toEqual([1, 3, 7, 21, 60]);
  });

  it("dates the save in the reader's calendar, not the server's", () => {
    const late = new Date("2026-03-10T23:30:00Z");
    expect(savedDay("UTC", late)).toBe("2026-03-10");
    expect(savedDay("Asia/Tokyo", late)).toBe("2026-03-11");
    expect(savedDay("America/Los_Angeles", late)).toBe("2026-03-10");
  });

  it("is not due before its day, is due on it, and names the next day", () => {
    expect(nextReturnOn(save())).toBe("2026-03-11");
    expect(isReturnDue(save(), "2026-03-10")).toBe(false);
    expect(isReturnDue(save(), "2026-03-11")).toBe(true);
    expect(nextReturnOn(save({ step: 4 }))).toBe("2026-05-09");
    expect(nextReturnOn(save({ step: RETURN_DAYS.length }))).toBeNull();
    expect(isReturnDue(save({ step: RETURN_DAYS.length }), "2026-06-01")).toBe(false);
  });

  it("never comes back twice on one day, nor after \"Don't show again\"", () => {
    // Its step moved on, yet a brief dated the same day must not show it again.
    expect(isReturnDue(save({ step: 0, returnedOn: "2026-03-11" }), "2026-03-11")).toBe(false);
    expect(isReturnDue(save({ stopped: true }), "2026-03-11")).toBe(false);
    expect(daysItComesBack(100, save({ stopped: true }))).toEqual([]);
  });

  it("brings a missed return on the next brief, then goes on from that day without catching up twice", () => {
    // A weekly reader: briefs only on days 2, 9, 16, 23, 30 … after saving.
    let state = save();
    const shown: number[] = [];
    for (let day = 2; day <= 120; day += 7) {
      const on = addDays(savedOn, day);
      if (chooseSavedReturn([state], on)) {
        shown.push(day);
        state = { ...state, step: stepAfterReturn(savedOn, on), returnedOn: on };
      }
    }
    // Day 1 missed → day 2; 3 and 7 → day 9; 21 → day 23; 60 → day 65; none after.
    expect(shown).toEqual([2, 9, 23, 65]);
    expect(stepAfterReturn(savedOn, addDays(savedOn, 9))).toBe(3);
    expect(stepAfterReturn(savedOn, addDays(savedOn, 60))).toBe(RETURN_DAYS.length);
  });

  it("lets a return come late for a week after its last day at most", () => {
    const last = RETURN_DAYS.at(-1)!;
    expect(isReturnDue(save({ step: 4 }), addDays(savedOn, last + LATE_RETURN_DAYS))).toBe(true);
    expect(isReturnDue(save({ step: 4 }), addDays(savedOn, last + LATE_RETURN_DAYS + 1))).toBe(false);
  });

  it("chooses one per brief: a return on its own day before a late one, then the newest save, never one the brief carries", () => {
    const on = "2026-03-20";
    const onTime = save({ insightId: "on-time", savedOn: "2026-03-13", step: 2 }); // day 7 is today
    const late = save({ insightId: "late", savedOn: "2026-03-15", step: 0 }); // day 1 was the 16th
    const newer = save({ insightId: "newer", savedOn: "2026-03-19", step: 0 }); // day 1 is today
    expect(chooseSavedReturn([late, onTime, newer], on)?.insightId).toBe("newer");
    expect(chooseSavedReturn([late, onTime], on)?.insightId).toBe("on-time");
    expect(chooseSavedReturn([late, onTime, newer], on, new Set(["newer"]))?.insightId).toBe("on-time");
    expect(chooseSavedReturn([late], on)?.insightId).toBe("late");
    expect(chooseSavedReturn([], on)).toBeNull();
    // Two due on the same day from the same day: the smaller id, so a brief made twice chooses the same.
    const twin = save({ insightId: "a-twin", savedOn: "2026-03-19", step: 0 });
    expect(chooseSavedReturn([newer, twin], on)?.insightId).toBe("a-twin");
  });
});
