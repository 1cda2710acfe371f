/**
 * Extraction time alone (not embedding or topics) per hour of audio, in process CPU time: an extractor
 * wrapped to add each extract() call's CPU time to a total the eval reads. The offline extractor runs
 * five times per transcript and the best counts, since a single reading is mostly JIT compilation and
 * the embedder's garbage collection; a model runs once (its calls are paid for). CPU time because a
 * shared machine's load skews wall-clock time; figures print with the load average beside them.
 */
import os from "node:os";
import { OFFLINE_EXTRACTOR_ID } from "@/lib/insights/offline/offline-extractor";
import type { Extractor } from "@/lib/insights/types";

/** Readings of each offline extraction, the best kept. */
const OFFLINE_READINGS = 5;

/**
 * The offline extractor before the rebuild on wink-nlp (issue 14), which the rebuilt one is held
 * to within 2×: CPU ms of extraction per hour of audio on tests/corpus/transcripts, best of
 * several passes, measured at load 1-4. Compare in one run with `npm run bench:extract -- --baseline 3ab0be4`.
 */
export const EXTRACTION_BASELINE = { ref: "3ab0be4", lowMsPerHour: 37, highMsPerHour: 45 } as const;

/** The process's CPU time so far (user and system, all threads), in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export type TimedExtractor = Extractor & {
  /** CPU milliseconds spent inside extract() since the last reset. */
  elapsedMs(): number;
  reset(): void;
};

export function timeExtraction(extractor: Extractor): TimedExtractor {
  let total = 0;
  const readings = extractor.id === OFFLINE_EXTRACTOR_ID ? OFFLINE_READINGS : 1;
  return {
    id: extractor.id,
    async extract(input) {
      // The offline extractor does its work synchronously inside the call, so nothing else runs
      // between the two readings of the clock; a model's network wait costs no CPU and is not counted.
      let best = Infinity;
      try {
        for (let reading = 1; ; reading++) {
          const started = cpuMs();
          try {
            const result = await extractor.extract(input);
            if (reading >= readings) return result;
          } finally {
            best = Math.min(best, cpuMs() - started);
          }
        }
      } finally {
        total += best;
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

/** The 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/**
 * A figure set beside the recorded baseline, with the load it was measured at: the ratio to each end of
 * the baseline's range, the range and its commit, then the load average.
 */
export function comparedWithBaseline(msPerHour: number): string {
  const { ref, lowMsPerHour, highMsPerHour } = EXTRACTION_BASELINE;
  const ratio = (baseline: number) => (msPerHour / baseline).toFixed(1);
  return `${ratio(highMsPerHour)}-${ratio(lowMsPerHour)}× the baseline's ${lowMsPerHour}-${highMsPerHour} ms/hour (${ref}, recorded); load average ${loadAverage()}`;
}
