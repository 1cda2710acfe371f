/** Readable plain text from (sanitized) show-notes HTML: one paragraph per block, entities decoded. */
import sanitizeHtml from "sanitize-html";

const BLOCK_END = /<\/(p|div|li|h[1-6]|blockquote|pre|tr)>|<br\s*\/?>/gi;

export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(BLOCK_END, "$&\n\n"), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    // Last, so that "&amp;lt;" stays the text "&lt;".
    .replace(/&amp;/g, "&")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}
