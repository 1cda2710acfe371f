import { describe, expect, it } from "vitest";
import { briefSettingsInput } from "@/lib/readers/reader-settings";

const base = { briefEnabled: true, briefHour: "7", timeZone: "Asia/Kolkata" };

describe("the brief settings a reader can send", () => {
  it("takes the frequency, the weekday and a pause date from a form", () => {
    expect(briefSettingsInput.parse({ ...base, briefFrequency: "weekly", briefWeekday: "3", briefPausedUntil: "2026-12-24" })).toEqual({
      briefEnabled: true,
      briefHour: 7,
      timeZone: "Asia/Kolkata",
      briefFrequency: "weekly",
      briefWeekday: 3,
      briefPausedUntil: new Date("2026-12-24T00:00:00Z"),
    });
  });

  it("ends a pause with an empty date and leaves out what was not sent", () => {
    expect(briefSettingsInput.parse({ ...base, briefPausedUntil: "" }).briefPausedUntil).toBeNull();
    expect(briefSettingsInput.parse(base)).toEqual({ briefEnabled: true, briefHour: 7, timeZone: "Asia/Kolkata" });
  });

  it("takes saved insights coming back on or off", () => {
    expect(briefSettingsInput.parse({ ...base, briefSavedReturns: false }).briefSavedReturns).toBe(false);
    expect(briefSettingsInput.parse({ ...base, briefSavedReturns: true }).briefSavedReturns).toBe(true);
    expect(briefSettingsInput.safeParse({ ...base, briefSavedReturns: "sometimes" }).success).toBe(false);
  });

  it("refuses what is not a frequency, a weekday or a date", () => {
    expect(briefSettingsInput.safeParse({ ...base, briefFrequency: "monthly" }).success).toBe(false);
    expect(briefSettingsInput.safeParse({ ...base, briefWeekday: "7" }).success).toBe(false);
    expect(briefSettingsInput.safeParse({ ...base, briefPausedUntil: "2026-02-30" }).success).toBe(false);
    expect(briefSettingsInput.safeParse({ ...base, briefPausedUntil: "next week" }).success).toBe(false);
  });
});
