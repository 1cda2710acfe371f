/**
 * Windows-1252, the usual encoding of old feeds and subtitle files. Node 20's TextDecoder reads
 * windows-1252 (and ISO-8859-1, which the web reads as windows-1252) as Latin-1, turning curly quotes,
 * dashes and the euro sign (bytes 0x80-0x9F) into invisible control characters; this maps them back.
 */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
const C1_CONTROL = /[\u0080-\u009F]/g;

export function fixWindows1252(latin1Text: string): string {
  return latin1Text.replace(C1_CONTROL, (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80] ?? control);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  return fixWindows1252(new TextDecoder("windows-1252").decode(bytes));
}
