/**
 * The show-notes sanitizer is an allow-list emitter on htmlparser2 that replaced sanitize-html for speed.
 * It must write what sanitize-html wrote with the options we gave it: the same bytes for every show note
 * in the corpus and for thousands of hostile scraps of markup, and so the same guarantees (no scripts,
 * styles, frames or event handlers; links only to http, https and mailto, opening in a new tab). The one
 * difference is a sanitize-html bug it does not copy: after a link it dropped for its address, the next
 * kept tag at the same depth was closed with `</span>`, leaving that paragraph or link open. So the oracle
 * is sanitize-html set up to drop those links without renaming them (which it does right), and it is
 * checked against sanitize-html set up as it was wherever that bug did not strike.
 */
import fs from "node:fs";
import path from "node:path";
import sanitizeHtml from "sanitize-html";
import { describe, expect, it } from "vitest";
import { decodeFeedBody } from "@/lib/ingest/feed/decode-feed-body";
import { elementNamer } from "@/lib/ingest/feed/namespaces";
import { sanitizeShowNotes } from "@/lib/ingest/feed/sanitize-html";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { all, decodeXmlEntities, first, markup, parseXmlTree } from "@/lib/ingest/feed/xml";
import { outlineXml } from "@/lib/ingest/feed/xml-outline";
import { corpusDir } from "../helpers/corpus";

const BASE = "https://show.example/podcast/feed.xml";

describe("show notes, as sanitize-html wrote them", () => {
  it("every show note in the corpus comes out byte for byte the same", () => {
    const notes = corpusNotes();
    expect(notes.length).toBeGreaterThan(1000);
    for (const note of notes) {
      for (const base of [null, BASE]) expect(sanitizeShowNotes(note, base), note.slice(0, 200)).toBe(legacySanitizeShowNotes(note, base));
    }
  }, 30_000);

  it("thousands of hostile scraps of markup come out the same, and only allowed tags come out", () => {
    const random = seededRandom(20261129);
    for (let index = 0; index < 4000; index++) {
      const note = hostileNote(random);
      const base = index % 2 === 0 ? BASE : null;
      const sanitized = sanitizeShowNotes(note, base);
      expect(sanitized, note).toBe(legacySanitizeShowNotes(note, base));
      expect((sanitized ?? "").replace(ALLOWED_TAG, ""), note).not.toContain("<");
    }
  }, 30_000);

  it("drops scripts, styles, frames, event handlers and unsafe links, keeping the reading text", () => {
    const note =
      '<h1 style="color:red">Episode 12</h1><p onclick="steal()">Hi <a href="javascript:alert(1)">click</a> ' +
      '<a href=" JaVaScRiPt&#58;alert(2)" onmouseover="x()">again</a> <a href="data:text/html,x">data</a> ' +
      '<a href="/notes" class="x">notes</a></p><script>alert(3)</script><style>p{}</style>' +
      "<iframe src='https://evil.example'><p>fallback</p></iframe><noscript><p>no</p></noscript><svg><a href='https://x.example'>svg</a></svg>" +
      "<img src=x onerror=alert(4)><p><a href='https://x.example/a.jpg'><img src='https://x.example/a.jpg'></a></p>";
    expect(sanitizeShowNotes(note, BASE)).toBe(
      '<h2>Episode 12</h2><p>Hi click again data <a href="https://show.example/notes" rel="nofollow noopener" target="_blank">notes</a></p>',
    );
    expect(sanitizeShowNotes(note, BASE)).toBe(legacySanitizeShowNotes(note, BASE));
  });

  it("closes a kept tag with its own name after a dropped link (sanitize-html wrote </span>, leaving it open)", () => {
    const note = '<p><a href="javascript:x()">bad</a> <a href="https://ok.example/">good</a></p><a href="ftp://x">f</a><p>next</p>';
    expect(sanitizeShowNotes(note, null)).toBe('<p>bad <a href="https://ok.example/" rel="nofollow noopener" target="_blank">good</a></p>f<p>next</p>');
  });

  it("leaves plain-text notes to the fast path: paragraphs, line breaks and escapes as before", () => {
    const note = "Guests: Ann & Bo.\nLinks &amp; more -> https://x.example/?a=1&b=2\n\n  Thanks &nbsp;for listening  ";
    expect(sanitizeShowNotes(note, BASE)).toBe(
      "<p>Guests: Ann &amp; Bo.<br />Links &amp; more -&gt; https://x.example/?a=1&amp;b=2</p>\n<p>Thanks &nbsp;for listening</p>",
    );
    expect(sanitizeShowNotes(note, BASE)).toBe(legacySanitizeShowNotes(note, BASE));
  });

  it("reads one note after another with no state carried over, even after markup left open", () => {
    const open = '<p>Unclosed <a href="https://x.example/">link <b>bold <noscript><p>hidden';
    expect(sanitizeShowNotes(open, null)).toBe(legacySanitizeShowNotes(open, null));
    expect(sanitizeShowNotes("<p>Next <em>note</em></p>", null)).toBe("<p>Next <em>note</em></p>");
  });
});

const ALLOWED_TAG = /<\/?(p|br|ul|ol|li|strong|em|b|i|blockquote|h2|h3|h4|code|pre)>|<br \/>|<a href="(https?:\/\/|mailto:)[^"<>]*" rel="nofollow noopener" target="_blank">|<\/a>/gi;

/** Every candidate notes field of every item in the corpus feeds, as parseFeed hands them to the sanitizer. */
function corpusNotes(): string[] {
  const feedsDir = path.join(corpusDir, "feeds");
  return fs
    .readdirSync(feedsDir)
    .filter((name) => !name.endsWith(".json"))
    .flatMap((name) => {
      const outline = outlineXml(decodeFeedBody(fs.readFileSync(path.join(feedsDir, name))).replace(/^[\s\uFEFF]+/, ""), () => {});
      const root = parseXmlTree(outline.root, { nameElement: elementNamer(outline.namespaces, outline.rootName.endsWith("feed") ? "atom" : null) });
      const items = [...all(first(root, "channel"), "item"), ...all(root, "item"), ...all(root, "entry")];
      return items.flatMap((item) =>
        ["content:encoded", "description", "itunes:summary", "content", "summary"].map((field) => markup(item, field)).filter((note) => note !== null),
      );
    });
}

const TEXT = ["Hello", " world", "\n", "\n\n", " ", "&", "&amp;", "&nbsp;", "&#160;", "&#xA0;", "&nb", "sp;", "a > b", "x < y", "<", ">", '"', "'", "&#58;", "é", "\t"];
const TAGS = [
  ...["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "b", "i", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br"],
  ...["span", "img", "table", "tr", "td", "font", "center", "section", "form", "select", "xmp", "plaintext", "hr", "input"],
  ...["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math", "head", "title", "foreignObject", "body"],
];
const HREFS = [
  "https://x.example/a?b=1&amp;c=2",
  "HTTP://X.EXAMPLE/",
  "mailto:a@b.example",
  "/relative/path",
  "relative",
  "//proto.example/x",
  "javascript:alert(1)",
  "JaVaScRiPt&#58;alert(2)",
  " java\tscript:alert(3)",
  "&#x6A;avascript:alert(4)",
  "data:text/html,<script>x</script>",
  "vbscript:x",
  "ftp://files.example/",
  'https://x.example/"onmouseover="x',
  "https://x.example/<b>",
  "",
  "#anchor",
  "?q=1",
  "  https://spaced.example/  ",
  "https://x.example/&nbsp;",
];
const ATTRIBUTES = ['onclick="x()"', "onerror=alert(1)", 'style="color:red"', 'class="c"', "target=_self", 'rel="opener"', "src=x", "title='t'", "disabled", "xlink:href='javascript:x'"];

function hostileNote(random: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let note = "";
  const length = 1 + Math.floor(random() * 30);
  for (let index = 0; index < length; index++) {
    const roll = random();
    if (roll < 0.35) note += pick(TEXT);
    else if (roll < 0.65) {
      const tag = random() < 0.1 ? pick(TAGS).toUpperCase() : pick(TAGS);
      let attributes = "";
      if (tag.toLowerCase() === "a" && random() < 0.85) attributes += ` href=${pick(['"', "'", ""])}${pick(HREFS)}${random() < 0.9 ? '"' : ""}`;
      while (random() < 0.3) attributes += ` ${pick(ATTRIBUTES)}`;
      note += `<${tag}${attributes}${random() < 0.1 ? "/" : ""}>`;
    } else if (roll < 0.9) note += `</${pick(TAGS)}>`;
    else note += pick(["<!-- comment -->", "<!--", "<![CDATA[cdata <b>]]>", "<!doctype html>", "<?php x ?>", "</noscript >", "<a href=", "<", "</"]);
  }
  return note;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

// The sanitizer as it was, on sanitize-html with its bug mended: the oracle the emitter is held to.
function legacySanitizeShowNotes(notes: string | null, base: string | null): string | null {
  if (!notes) return null;
  const html = notes.includes("<")
    ? legacySanitizeHtml(notes, base)
        .trim()
        .replace(/<p>(?:\s*<p>)+/g, "<p>")
        .replace(/<\/p>(?:\s*<\/p>)+/g, "</p>")
    : notes
        .replace(/&(?![a-zA-Z0-9#]{1,20};)/g, "&amp;")
        .replace(/>/g, "&gt;")
        .trim();
  if (!html) return null;
  if (/<(p|br|ul|ol|li|h[2-4]|blockquote|pre)\b/i.test(html)) return html;
  return html
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/[ \t]*\n[ \t]*/g, "<br />")}</p>`)
    .join("\n");
}

function legacySanitizeHtml(notes: string, base: string | null): string {
  const mended = withoutBareLinks(sanitizeHtml(notes, legacyOptions(base, "mended")));
  const asItWas = sanitizeHtml(notes, legacyOptions(base, "as it was"));
  if (!asItWas.includes("</span>")) expect(mended, `the mended oracle strays from sanitize-html on ${notes}`).toBe(asItWas);
  return mended;
}

/**
 * The options we gave sanitize-html. "as it was" renamed a link with an unsafe address to span, which is
 * not allowed, so only its text stayed; "mended" strips its attributes instead and withoutBareLinks takes
 * out the bare <a> left, because sanitize-html forgot to undo the renaming when it dropped the tag.
 */
function legacyOptions(base: string | null, variant: "as it was" | "mended"): sanitizeHtml.IOptions {
  return {
    allowedTags: ["p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "h2", "h3", "h4", "code", "pre"],
    allowedAttributes: { a: ["href", "rel", "target"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math", "head", "title"],
    parser: { decodeEntities: false },
    transformTags: {
      h1: "h2",
      h5: "h4",
      h6: "h4",
      div: "p",
      a: (_tagName, attribs): sanitizeHtml.Tag => {
        const href = legacyLinkTarget(attribs.href, base);
        if (!href) return { tagName: variant === "mended" ? "a" : "span", attribs: {} };
        return { tagName: "a", attribs: { href, rel: "nofollow noopener", target: "_blank" } };
      },
    },
    exclusiveFilter: (frame) =>
      (frame.tag === "p" || (frame.tag === "a" && (variant === "as it was" || frame.attribs.href !== undefined))) &&
      !frame.text.replace(/&(nbsp|#160|#xa0);/gi, "").trim(),
  };
}

/** The mended oracle's `<a>` with no address and its `</a>`: the links that leave only their text. */
function withoutBareLinks(html: string): string {
  const open: string[] = [];
  return html.replace(/<(\/?)([a-z0-9]+)([^>]*)>/g, (tag, closing: string, name: string, rest: string) => {
    if (!closing) {
      if (name === "br") return tag;
      const bare = name === "a" && !rest;
      open.push(bare ? "bare a" : name);
      return bare ? "" : tag;
    }
    return open.pop() === "bare a" ? "" : tag;
  });
}

function legacyLinkTarget(href: string | undefined, base: string | null): string | null {
  if (!href) return null;
  const trimmed = decodeXmlEntities(href).trim();
  if (/^(https?:\/\/|mailto:)[^\s<>"'`]+$/i.test(trimmed)) return trimmed;
  return resolveUrl(trimmed, base);
}
