/**
 * The element tree of a feed, from fast-xml-parser in its ordered form (which skips a costly conversion
 * step), and the few ways the readers look into it. An element is `{ [name]: children, ":@": attributes }`,
 * a text node `{ "#text": text }`; the accessors hide that shape.
 */
import { XMLParser } from "fast-xml-parser";
import { FeedParseError } from "@/lib/ingest/feed/feed-parse-error";
import { MAX_DEPTH } from "@/lib/ingest/feed/xml-outline";

export type XmlElement = { readonly [name: string]: unknown };

const ATTRIBUTES = ":@";
const TEXT = "#text";

type TreeOptions = {
  /** Renames each element, e.g. to name it by namespace. */
  nameElement: (name: string) => string;
};

/**
 * Elements kept as written, to be read with `markup()`: the long HTML of show notes. fast-xml-parser
 * builds text one character at a time but skips over these with a search, so long notes parse cheaply.
 * It also keeps markup that a feed put there unescaped, and Atom's inline XHTML.
 */
const RAW_ELEMENTS = ["..content:encoded", "..description", "..itunes:summary", "..content", "..summary"];

/** Parses one element (already checked by outlineXml) into a tree; returns the element itself. */
export function parseXmlTree(xml: string, options: TreeOptions): XmlElement {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    // Numeric character references (&#8217;) are decoded only with this on. It also reads &nbsp; and the other
    // common HTML entities, which XML does not define but feeds use; entities it does not know stay as written.
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Callbacks get a cheap matcher instead of a path string built for every tag.
    jPath: false,
    transformTagName: options.nameElement,
    stopNodes: RAW_ELEMENTS,
    maxNestedTags: MAX_DEPTH + 1,
  });
  let tree: unknown;
  try {
    tree = parser.parse(xml);
  } catch {
    // outlineXml has already accepted the document, so this is a construct fast-xml-parser cannot represent.
    throw new FeedParseError("the feed is XML that Podbrief cannot read");
  }
  const root: unknown = Array.isArray(tree) ? tree.find((node) => isElement(node) && !(TEXT in node)) : undefined;
  return isElement(root) ? root : {};
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function childrenOf(element: unknown): unknown[] {
  if (!isElement(element)) return [];
  for (const key in element) {
    if (key === ATTRIBUTES) continue;
    const children = element[key];
    return Array.isArray(children) ? children : [];
  }
  return [];
}

function nameOf(node: XmlElement): string | undefined {
  for (const key in node) if (key !== ATTRIBUTES) return key;
  return undefined;
}

// Children by name, built on the first lookup: readers look up some thirty names in every item, and
// probing every child for every name (each child object has its own shape) costs more than the parse.
// A symbol key stays out of the `for...in` that finds an element's name.
const INDEX = Symbol("children by name");

type Indexed = { [INDEX]?: Map<string, unknown[]> };

function named(parent: unknown, name: string): readonly unknown[] {
  if (!isElement(parent)) return [];
  const element = parent as Indexed;
  let index = element[INDEX];
  if (!index) {
    index = new Map();
    for (const child of childrenOf(parent)) {
      const childName = isElement(child) ? nameOf(child) : undefined;
      if (childName === undefined) continue;
      const siblings = index.get(childName);
      if (siblings) siblings.push(child);
      else index.set(childName, [child]);
    }
    element[INDEX] = index;
  }
  return index.get(name) ?? NONE;
}

const NONE: readonly unknown[] = Object.freeze([]);

/** The names of an element's children, each once. */
export function childNames(parent: unknown): Iterable<string> {
  if (!isElement(parent)) return NONE as readonly string[];
  named(parent, "");
  return (parent as Indexed)[INDEX]?.keys() ?? (NONE as readonly string[]);
}

/** Every child element of that name, in document order. */
export function all(parent: unknown, name: string): readonly unknown[] {
  return named(parent, name);
}

export function first(parent: unknown, name: string): unknown {
  return named(parent, name)[0];
}

/** An element's text (its text and CDATA children, joined), trimmed; null when it has none. */
export function text(element: unknown): string | null {
  let joined = "";
  for (const child of childrenOf(element)) {
    const value = isElement(child) ? child[TEXT] : undefined;
    if (typeof value === "string") joined += value;
  }
  const trimmed = joined.trim();
  return trimmed ? trimmed : null;
}

/** The first of the named children that has text, e.g. content:encoded, else description. */
export function childText(parent: unknown, ...names: string[]): string | null {
  for (const name of names) {
    for (const element of all(parent, name)) {
      const value = text(element);
      if (value !== null) return value;
    }
  }
  return null;
}

export function attribute(element: unknown, name: string): string | null {
  const attributes = isElement(element) ? element[ATTRIBUTES] : undefined;
  if (!isElement(attributes)) return null;
  const value = attributes[`@_${name}`];
  const trimmed = typeof value === "string" ? value.trim() : null;
  return trimmed ? trimmed : null;
}

/**
 * The content of a raw element (see RAW_ELEMENTS) as HTML or text: CDATA sections as they are, entities
 * decoded elsewhere, and markup the feed wrote unescaped left as markup. The first of the named children
 * that has any wins.
 */
export function markup(parent: unknown, ...names: string[]): string | null {
  for (const name of names) {
    for (const element of all(parent, name)) {
      const value = markupOf(element);
      if (value) return value;
    }
  }
  return null;
}

export function markupOf(element: unknown): string | null {
  const raw = text(element);
  return raw === null ? null : decodeRaw(raw).trim() || null;
}

function decodeRaw(raw: string): string {
  if (!raw.includes("<")) return decodeXmlEntities(raw);
  let result = "";
  let from = 0;
  for (;;) {
    const start = raw.indexOf("<![CDATA[", from);
    const segment = start === -1 ? raw.slice(from) : raw.slice(from, start);
    result += segment.includes("<") ? segment : decodeXmlEntities(segment);
    if (start === -1) return result;
    const end = raw.indexOf("]]>", start);
    if (end === -1) return result + raw.slice(start + 9);
    result += raw.slice(start + 9, end);
    from = end + 3;
  }
}

const CHARACTER_REFERENCE = /&#(?:(\d{1,7})|x([\da-fA-F]{1,6}));/g;

/**
 * XML's own entities and character references. "&amp;" goes last, so that "&amp;lt;" becomes the text
 * "&lt;" and not "<". Other entities stay as written, for the HTML sanitizer to read. Text that is
 * never markup (transcripts) decodes HTML's named entities too: decodeEntities in
 * lib/ingest/transcript/clean-text.ts.
 */
export function decodeXmlEntities(value: string): string {
  if (!value.includes("&")) return value;
  let decoded = value.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&apos;", "'");
  if (decoded.includes("&#")) decoded = decoded.replace(CHARACTER_REFERENCE, fromCharacterReference);
  return decoded.replaceAll("&amp;", "&");
}

function fromCharacterReference(_reference: string, decimal?: string, hex?: string): string {
  const code = decimal ? Number(decimal) : Number.parseInt(hex ?? "", 16);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFD";
}

/** Text with its runs of whitespace made single spaces: for titles and names. */
export function oneLine(value: string | null): string | null {
  const line = value?.replace(/\s+/g, " ").trim();
  return line ? line : null;
}
