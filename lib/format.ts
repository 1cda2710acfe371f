/** Formatting shared by pages: dates, durations, times into an episode and relative times, in the reader's language. */

// Made once: building an Intl formatter costs far more than formatting with it, and a feed page
// formats a date on every card.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}

/**
 * "1:05", "12:34" or "1:02:03": a moment in an episode, as players show it. `padMinutes` gives
 * "01:05" under an hour: the "[mm:ss]" the extraction prompt promises the model (its format is part of
 * the prompt's version, so it stays as it was).
 */
export function formatTimestamp(seconds: number, { padMinutes = false }: { padMinutes?: boolean } = {}): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${padMinutes ? String(m).padStart(2, "0") : m}:${s}`;
}

export function formatRelative(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  return relativeFormat.format(seconds, "second");
}

// English has two plural forms, but asking Intl rather than testing `=== 1` keeps "1.0" and
// negative counts right, and is the one place to change when the pages speak another language.
const pluralRules = new Intl.PluralRules("en");

/** "1 episode", "2 episodes", "1,204 insights": a count with its noun in the right form. */
export function formatCount(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString("en")} ${pluralRules.select(count) === "one" ? one : other}`;
}
