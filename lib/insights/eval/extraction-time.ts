/**
 * Time spent in extraction alone (not embedding or topics), per hour of audio: an extractor wrapped
 * so every extract() call adds its wall time to a total the eval reads after the run.
 */
import type { Extractor } from "@/lib/insights/types";

export type TimedExtractor = Extractor & { elapsedMs(): number; reset(): void };

export function timeExtraction(extractor: Extractor): TimedExtractor {
  let total = 0;
  return {
    id: extractor.id,
    async extract(input) {
      const started = performance.now();
      try {
        return await extractor.extract(input);
      } finally {
        total += performance.now() - started;
      }
    },
    elapsedMs: () => total,
    reset: () => {
      total = 0;
    },
  };
}

/** Milliseconds of extraction per hour of audio; null when there is no audio to divide by. */
export function msPerAudioHour(ms: number, hours: number): number | null {
  return hours > 0 ? ms / hours : null;
}
