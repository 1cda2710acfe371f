/**
 * CSV as RFC 4180 writes it, the one CSV writer of every export: fields quoted when they hold a
 * comma, a quote or a line break, records ended by CRLF, and cells that a spreadsheet would run as a
 * formula defused, since a downloaded .csv opens in a spreadsheet on a double-click.
 */

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; formulas defused. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header row and its records, each record ended by CRLF. */
export function csvDocument(header: readonly string[], records: string[][]): string {
  return [header, ...records].map((cells) => `${cells.map(csvField).join(",")}\r\n`).join("");
}
