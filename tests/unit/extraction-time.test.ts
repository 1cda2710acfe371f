/**
 * The eval's extraction timing: the offline extractor's time is its best of several readings of the
 * same transcript (it is deterministic, so the insights are those of any one run), and a model,
 * whose calls are paid for, is called once. No figure here depends on the machine's speed.
 */
import { describe, expect, it } from "vitest";
import { msPerAudioHour, timeExtraction } from "@/lib/insights/eval/extraction-time";
import { extractOfflineInsights, OFFLINE_EXTRACTOR_ID } from "@/lib/insights/offline/offline-extractor";
import type { ExtractionInput, Extractor } from "@/lib/insights/types";

const input: ExtractionInput = {
  segments: [{ start: 0, end: 20, speaker: null, text: "Nvidia sold 3.5 million data-centre GPUs in 2023, twice the year before, because every cloud wanted them." }],
  episodeTitle: "GPUs",
  podcastTitle: "",
};

function counting(id: string): Extractor & { calls: number } {
  const extractor = {
    id,
    calls: 0,
    extract: async (given: ExtractionInput) => {
      extractor.calls++;
      return extractOfflineInsights(given);
    },
  };
  return extractor;
}

describe("timeExtraction", () => {
  it("reads the offline extractor several times and returns what it extracts", async () => {
    const offline = counting(OFFLINE_EXTRACTOR_ID);
    const timed = timeExtraction(offline);
    const result = await timed.extract(input);
    expect(offline.calls).toBeGreaterThan(1);
    expect(result).toEqual(extractOfflineInsights(input));
    expect(timed.elapsedMs()).toBeGreaterThanOrEqual(0);
    timed.reset();
    expect(timed.elapsedMs()).toBe(0);
  });

  it("calls a model once", async () => {
    const model = counting("openai:gpt-test");
    await timeExtraction(model).extract(input);
    expect(model.calls).toBe(1);
  });

  it("gives no figure per hour without audio", () => {
    expect(msPerAudioHour(120, 2)).toBe(60);
    expect(msPerAudioHour(120, 0)).toBeNull();
  });
});
