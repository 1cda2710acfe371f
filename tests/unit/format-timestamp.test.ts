import { describe, expect, it } from "vitest";
import { formatTimestamp } from "@/lib/format";
import { chunkTranscript } from "@/lib/insights/model/chunk-transcript";

describe("formatTimestamp", () => {
  it("shows a moment as players do, with the hour only from the first hour on", () => {
    expect(formatTimestamp(65)).toBe("1:05");
    expect(formatTimestamp(754)).toBe("12:34");
    expect(formatTimestamp(3723)).toBe("1:02:03");
    expect(formatTimestamp(-3)).toBe("0:00");
  });

  it("pads the minutes on request, and only under an hour", () => {
    expect(formatTimestamp(65, { padMinutes: true })).toBe("01:05");
    expect(formatTimestamp(3723, { padMinutes: true })).toBe("1:02:03");
  });

  it("stamps the transcript the model reads as the prompt describes it, [mm:ss]", () => {
    const segments = [
      { start: 65, end: 70, speaker: "Ana", text: "Batteries now set the evening price in Texas." },
      { start: 3723, end: 3730, speaker: "Ben", text: "Gas plants that earned their year at the peak close early." },
    ];
    expect(chunkTranscript(segments)[0]!.text).toBe("[01:05] Ana: Batteries now set the evening price in Texas.\n[1:02:03] Ben: Gas plants that earned their year at the peak close early.");
  });
});
