/**
 * `itunes:duration`: seconds ("3600", "3600.5"), "MM:SS" or "H:MM:SS". Fields are added up as written,
 * so "00:60:05" is the 3605 seconds its author meant, as podcast apps read it. Anything else is unknown,
 * not zero.
 */
const DURATION = /^(\d{1,7})(?::(\d{1,4}))?(?::(\d{1,4}))?(?:[.,](\d{1,9}))?$/;

export function parseDuration(value: string | null): number | null {
  const match = value ? DURATION.exec(value.replace(/\s+/g, "")) : null;
  if (!match) return null;
  const [, first = "0", second, third, fraction] = match;
  const whole = [first, second, third].filter((field) => field !== undefined).reduce((total, field) => total * 60 + Number(field), 0);
  const seconds = whole + (fraction ? Math.round(Number(`0.${fraction}`) * 1000) / 1000 : 0);
  // Zero is what feeds write when they do not know the length.
  return seconds > 0 ? seconds : null;
}
