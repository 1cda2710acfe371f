/**
 * Show notes as HTML that is safe to render and pleasant to read. Feeds carry anything in their notes:
 * scripts, tracking pixels, inline styles, whole pasted web pages. What survives is text structure and
 * links; links open in a new tab and pass no referrer trust. Notes that are plain text get paragraphs
 * from their blank lines, which is how their authors laid them out.
 */
import sanitizeHtml from "sanitize-html";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { decodeEntities } from "@/lib/ingest/feed/xml";

const ALLOWED_TAGS = ["p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "h2", "h3", "h4", "code", "pre"];

// Their contents are code or embedded documents, never reading text.
const NON_TEXT_TAGS = ["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math", "head", "title"];

const BLOCK_TAG = /<(p|br|ul|ol|li|h[2-4]|blockquote|pre)\b/i;
const BLANK_ENTITY = /&(nbsp|#160|#xa0);/gi;

function optionsFor(base: string | null): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "rel", "target"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT_TAGS,
    // Entities pass through as written instead of being decoded and escaped again: a third less work, and
    // the output means the same. Link addresses, the one place entities matter, are decoded in linkTarget.
    parser: { decodeEntities: false },
    transformTags: {
      h1: "h2",
      h5: "h4",
      h6: "h4",
      // Pasted web pages lay out paragraphs with divs; without this their text would run together.
      div: "p",
      a: (_tagName, attribs): sanitizeHtml.Tag => {
        const href = linkTarget(attribs.href, base);
        // An anchor that leads nowhere safe becomes plain text (span is not allowed, so only its text stays).
        if (!href) return { tagName: "span", attribs: {} };
        return { tagName: "a", attribs: { href, rel: "nofollow noopener", target: "_blank" } };
      },
    },
    // Empty paragraphs, and links whose only content was an image that is now gone.
    exclusiveFilter: (frame) => (frame.tag === "p" || frame.tag === "a") && !frame.text.replace(BLANK_ENTITY, "").trim(),
  };
}

function linkTarget(href: string | undefined, base: string | null): string | null {
  if (!href) return null;
  const trimmed = decodeEntities(href).trim();
  // Already absolute and harmless: most links in most notes, and parsing each one as a URL is a tenth of
  // the time spent sanitizing.
  if (/^(https?:\/\/|mailto:)[^\s<>"'`]+$/i.test(trimmed)) return trimmed;
  return resolveUrl(trimmed, base);
}

/** Sanitized HTML from a feed's notes (HTML or plain text); null when nothing readable is left. */
export function sanitizeShowNotes(notes: string | null, base: string | null): string | null {
  if (!notes) return null;
  // Without a "<" there is no markup to judge, only text to escape: most notes in most feeds, and the
  // HTML parser is the slow part of reading a feed.
  const html = notes.includes("<") ? withoutNestedParagraphs(sanitizeHtml(notes, optionsFor(base)).trim()) : escapeText(notes);
  if (!html) return null;
  return BLOCK_TAG.test(html) ? html : paragraphs(html);
}

// `<div><p>…</p></div>`, the usual shape of pasted pages, becomes nested paragraphs once divs are paragraphs.
function withoutNestedParagraphs(html: string): string {
  return html.replace(/<p>(?:\s*<p>)+/g, "<p>").replace(/<\/p>(?:\s*<\/p>)+/g, "</p>");
}

/** What sanitize-html does to text: entities stay, a bare "&" and ">" are escaped. */
function escapeText(text: string): string {
  return text
    .replace(/&(?![a-zA-Z0-9#]{1,20};)/g, "&amp;")
    .replace(/>/g, "&gt;")
    .trim();
}

function paragraphs(html: string): string {
  return html
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/[ \t]*\n[ \t]*/g, "<br />")}</p>`)
    .join("\n");
}
