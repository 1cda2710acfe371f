/** Timestamps as transcripts write them, read into seconds. */
import { z } from "zod";

// Up to three colon-separated fields, the last with an optional fraction: "01:02:03.456", "02:03,456",
// "1:02.5" and the seconds-only "83.2" that some WebVTT generators write. Bounded, so it cannot backtrack.
const TIMESTAMP = /^(\d{1,6})(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d{1,9}))?$/;

/** Seconds from "HH:MM:SS.mmm", "MM:SS,mmm", "H:MM:SS", "MM:SS" or "SS.mmm"; null when it is none of those. */
export function parseTimestamp(value: string): number | null {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, first = "0", second, third, fraction] = match;
  const fields = [first, second, third].filter((field): field is string => field !== undefined).map(Number);
  // Only the leading field may run past 59 ("75:30" is how some tools write 1 h 15 min 30 s).
  if (fields.slice(1).some((field) => field > 59)) return null;
  const wholeSeconds = fields.reduce((total, field) => total * 60 + field, 0);
  // Whole milliseconds, so that "1:01.460" is exactly the 61.46 a reader (and the oracles) would write.
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return (wholeSeconds * 1000 + millis) / 1000;
}

/** A time in seconds as JSON files give it: a number, a numeric string, or a timestamp string. */
export const secondsSchema = z
  .union([z.number(), z.string().transform((value) => parseTimestamp(value) ?? Number.NaN)])
  .pipe(z.number().nonnegative());
