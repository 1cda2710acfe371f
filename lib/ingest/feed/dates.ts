/**
 * Dates as feeds write them: RFC 822 in RSS (with the variants real feeds use: no weekday, no comma,
 * full month names, two-digit years, no seconds, named US zones) and ISO 8601 in Atom. A date without a
 * zone is taken as UTC, never as the server's local time, so that a feed parses the same everywhere.
 */

const RFC_822 =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z\u00C0-\u017F]{3,9})\.?,?[\s-]+(\d{2}|\d{4}),?(?:\s+|T)?(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*([A-Za-z]{1,5}|(?:GMT|UTC)?[+-]\d{1,2}:?\d{2})?\s*(?:\([^)]*\))?$/;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

// English, then the German, French, Spanish, Portuguese and Dutch abbreviations that localized feeds write
// (French juin/juillet share three letters, so neither is guessed).
const MONTHS = new Map<string, number>(
  Object.entries({
    jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
    mär: 2, mrz: 2, mai: 4, okt: 9, dez: 11,
    fév: 1, fev: 1, avr: 3, aoû: 7, aou: 7, déc: 11,
    ene: 0, abr: 3, ago: 7, dic: 11, set: 8, out: 9,
    mei: 4, mrt: 2,
  }),
);

const ZONES = new Map<string, number>(
  Object.entries({
    GMT: 0, UT: 0, UTC: 0, Z: 0,
    EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8, HST: -10,
    WET: 0, BST: 1, CET: 1, CEST: 2, MEZ: 1, MESZ: 2, EET: 2, EEST: 3, MSK: 3,
    IST: 5.5, JST: 9, KST: 9, AEST: 10, AEDT: 11, ACST: 9.5, AWST: 8, NZST: 12, NZDT: 13,
  }),
);

export function parseFeedDate(value: string | null): Date | null {
  // No date is this long; the bound keeps the patterns' work small whatever the feed sends.
  if (!value || value.length > 100) return null;
  const text = value.trim().replace(/\s+/g, " ");
  return /^\d{4}-/.test(text) ? parseIso(text) : parseRfc822(text);
}

function parseIso(text: string): Date | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction, zone] = match;
  const millis = fraction ? Math.round(Number(fraction) * 1000) : 0;
  return build(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis, zoneMinutes(zone));
}

function parseRfc822(text: string): Date | null {
  const match = RFC_822.exec(text);
  if (!match) return null;
  const [, day, monthName = "", yearText = "", hour = "0", minute = "0", second = "0", zone] = match;
  const month = MONTHS.get(monthName.slice(0, 3).toLowerCase());
  if (month === undefined) return null;
  let year = Number(yearText);
  // RFC 2822's rule for two-digit years.
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(day), Number(hour), Number(minute), Number(second), 0, zoneMinutes(zone));
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const named = ZONES.get(zone.toUpperCase());
  if (named !== undefined) return named * 60;
  const offset = /([+-])(\d{1,2}):?(\d{2})$/.exec(zone);
  if (!offset) return 0;
  const [, sign, hours = "0", minutes = "0"] = offset;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number): Date | null {
  if (year < 1900 || year > 2200 || day < 1 || day > 31 || month < 0 || month > 11 || hour > 24 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  const date = new Date(time);
  // Rejects "31 Feb", which Date.UTC would roll over into March.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}
