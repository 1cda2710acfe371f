/** Text clean-up shared by the transcript parsers. Every pattern here is linear in its input. */
import { Parser } from "htmlparser2";

// A markup tag (`<i>`, `</v>`, `<c.yellow>`, `<font color=…>`) or a WebVTT karaoke time (`<00:01.500>`).
// `[^<>]*` stops at the next bracket, so a stray "<" costs one short scan, never a quadratic one.
const TAG = /<\/?[a-zA-Z][^<>]*>|<\d[\d:.,]*>/g;
// SSA/ASS override blocks some SRT files carry, e.g. `{\an8}`.
const SSA_OVERRIDE = /\{\\[^{}]*\}/g;
const WHITESPACE = /[\s\u200b]+/g;

export function stripTags(text: string): string {
  return text.replace(TAG, "").replace(SSA_OVERRIDE, "");
}

/**
 * Decodes HTML entities (named, decimal, hex) with the same tables a browser uses. A literal "<" is
 * escaped first, so the text is never read as markup.
 */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  let decoded = "";
  const parser = new Parser({ ontext: (chunk) => (decoded += chunk) }, { decodeEntities: true });
  parser.end(text.replace(/</g, "&lt;"));
  return decoded;
}

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE, " ").trim();
}
