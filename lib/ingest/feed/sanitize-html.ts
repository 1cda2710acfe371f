/**
 * Show notes as HTML that is safe to render: scripts, tracking pixels, styles and pasted pages go; text
 * structure and links stay, links opening in a new tab with no referrer trust. Plain-text notes get
 * paragraphs from their blank lines. An allow-list emitter over htmlparser2 writes what sanitize-html
 * wrote with our options, byte for byte (tests/unit/show-notes-sanitizer.test.ts holds it to that),
 * less a sanitize-html bug that closed some tags as `</span>` after a dropped link.
 */
import { Parser } from "htmlparser2";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { decodeXmlEntities } from "@/lib/ingest/feed/xml";

const ALLOWED_TAGS = new Set(["p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "h2", "h3", "h4", "code", "pre"]);

// Their contents are code or embedded documents, never reading text: dropped with the tag.
const NON_TEXT_TAGS = new Set(["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math", "head", "title"]);

// Headings fit under the page's own; pasted web pages lay out paragraphs with divs, and without them as
// paragraphs their text would run together.
const RENAMED_TAGS = new Map([
  ["h1", "h2"],
  ["h5", "h4"],
  ["h6", "h4"],
  ["div", "p"],
]);

const OPENING_TAGS = new Map([...ALLOWED_TAGS].map((tag) => [tag, tag === "br" ? "<br />" : `<${tag}>`]));
const CLOSING_TAGS = new Map([...ALLOWED_TAGS].map((tag) => [tag, tag === "br" ? "" : `</${tag}>`]));

const BLOCK_TAG = /<(p|br|ul|ol|li|h[2-4]|blockquote|pre)\b/i;
const BLANK_ENTITY = /&(nbsp|#160|#xa0);/gi;
// A character that is neither space nor part of a blank entity: text that has one is never blank.
const READABLE_CHARACTER = /[^\s&#;016abnpsx]/i;
// Where a browser ends a <noscript>: htmlparser2 reads its content as markup and may close it earlier.
const NOSCRIPT_END = /<\/noscript[\t\n\f\r />]/gi;

type Frame = {
  /** The tag as written (lowercased). */
  tag: string;
  /** The tag as emitted, or null when it was dropped (its text may stay). */
  emitted: string | null;
  /** It holds text that is more than spaces and blank entities. */
  readable: boolean;
  /** Until it is readable, the raw text inside, to be judged as a whole: "&nb" and "sp;" make "&nbsp;". */
  text: string;
  /** Where its opening tag starts in the output. */
  start: number;
};

/**
 * One parser, reset for each note: building htmlparser2's tokenizer anew for every note costs more than
 * many notes take to read. Notes are sanitized one at a time (nothing here is asynchronous).
 */
class ShowNotesEmitter {
  private readonly parser = new Parser(this, { decodeEntities: false });
  private html = "";
  private base: string | null = null;
  private out = "";
  private stack: Frame[] = [];
  /** Inside a dropped non-text tag: how many tags deep. */
  private skipDepth = 0;
  /** Where a browser would end the <noscript> being dropped, while it is being dropped. */
  private rawTextEnd: number | null = null;
  /** htmlparser2 has closed that <noscript> but a browser would not have yet. */
  private skipRawText = false;

  sanitize(html: string, base: string | null): string {
    this.html = html;
    this.base = base;
    this.out = "";
    this.stack = [];
    this.skipDepth = 0;
    this.rawTextEnd = null;
    this.skipRawText = false;
    try {
      this.parser.parseComplete(html);
      return this.out;
    } finally {
      this.html = "";
      this.out = "";
      this.stack = [];
    }
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.leaveRawTextRegion();
    if (this.skipRawText) return;
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const frame: Frame = { tag: name, emitted: null, readable: false, text: "", start: this.out.length };
    this.stack.push(frame);
    const href = name === "a" ? linkTarget(attribs.href, this.base) : null;
    // An anchor that leads nowhere safe keeps only its text, like any tag not allowed.
    if (name === "a" && !href) return;
    const tag = href ? "a" : (RENAMED_TAGS.get(name) ?? name);
    if (!ALLOWED_TAGS.has(tag)) {
      if (NON_TEXT_TAGS.has(tag)) {
        this.skipDepth = 1;
        if (name === "noscript") {
          NOSCRIPT_END.lastIndex = this.parser.endIndex + 1;
          this.rawTextEnd = NOSCRIPT_END.exec(this.html)?.index ?? Infinity;
        }
      }
      return;
    }
    frame.emitted = tag;
    if (href) this.out += `<a href="${escapeHtml(href, true)}" rel="nofollow noopener" target="_blank">`;
    else this.out += OPENING_TAGS.get(tag)!;
  }

  ontext(text: string): void {
    this.leaveRawTextRegion();
    if (this.skipDepth > 0 || this.skipRawText) return;
    this.out += escapeHtml(text, false);
    const frame = this.stack[this.stack.length - 1];
    if (!frame || frame.readable) return;
    if (READABLE_CHARACTER.test(text)) {
      frame.readable = true;
      frame.text = "";
    } else frame.text += text;
  }

  onclosetag(name: string): void {
    this.leaveRawTextRegion();
    if (this.skipRawText) {
      // Still inside the browser's raw text: close only what was open before it, keeping the output balanced.
      if (this.stack[this.stack.length - 1]?.tag !== name) return;
    } else if (this.skipDepth > 0) {
      if (--this.skipDepth > 0) return;
      if (this.rawTextEnd !== null) this.skipRawText = true;
    }
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.tag !== name) {
      this.stack.push(frame);
      return;
    }
    if (frame.emitted === null) {
      this.passTextUp(frame);
      return;
    }
    // Empty paragraphs, and links whose only content was an image that is now gone.
    if ((frame.tag === "p" || frame.tag === "a") && !frame.readable && !frame.text.replace(BLANK_ENTITY, "").trim()) {
      this.out = this.out.slice(0, frame.start);
      return;
    }
    this.passTextUp(frame);
    this.out += CLOSING_TAGS.get(frame.emitted)!;
  }

  private passTextUp(frame: Frame): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent || parent.readable) return;
    if (frame.readable) {
      parent.readable = true;
      parent.text = "";
    } else parent.text += frame.text;
  }

  private leaveRawTextRegion(): void {
    if (this.rawTextEnd !== null && this.parser.startIndex >= this.rawTextEnd) {
      this.rawTextEnd = null;
      this.skipRawText = false;
    }
  }
}

const emitter = new ShowNotesEmitter();

/**
 * Text and attribute values as sanitize-html escaped them with entities left undecoded: entities stay as
 * written, a bare "&", "<" and ">" (and in attributes '"') are escaped.
 */
function escapeHtml(text: string, inAttribute: boolean): string {
  if (!/[&<>"]/.test(text)) return text;
  return text.replace(inAttribute ? /&(?![a-zA-Z0-9#]{1,20};)|[<>"]/g : /&(?![a-zA-Z0-9#]{1,20};)|[<>]/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function linkTarget(href: string | undefined, base: string | null): string | null {
  if (!href) return null;
  const trimmed = decodeXmlEntities(href).trim();
  // Already absolute and harmless, as most links in notes are: no need to parse it as a URL.
  if (/^(https?:\/\/|mailto:)[^\s<>"'`]+$/i.test(trimmed)) return trimmed;
  return resolveUrl(trimmed, base);
}

/** Sanitized HTML from a feed's notes (HTML or plain text); null when nothing readable is left. */
export function sanitizeShowNotes(notes: string | null, base: string | null): string | null {
  if (!notes) return null;
  // Without a "<" there is no markup to judge, only text to escape: most notes in most feeds, and the
  // HTML parser is the slow part of reading a feed.
  const html = notes.includes("<") ? withoutNestedParagraphs(emitter.sanitize(notes, base).trim()) : escapeText(notes);
  if (!html) return null;
  return BLOCK_TAG.test(html) ? html : paragraphs(html);
}

// `<div><p>…</p></div>`, the usual shape of pasted pages, becomes nested paragraphs once divs are paragraphs.
function withoutNestedParagraphs(html: string): string {
  return html.replace(/<(\/?)p>(?:\s*<\1p>)+/g, "<$1p>");
}

/** Plain text as the emitter writes text: entities stay, a bare "&" and ">" are escaped. */
function escapeText(text: string): string {
  return escapeHtml(text, false).trim();
}

function paragraphs(html: string): string {
  return html
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/[ \t]*\n[ \t]*/g, "<br />")}</p>`)
    .join("\n");
}
