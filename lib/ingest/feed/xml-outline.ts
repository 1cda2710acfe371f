/**
 * One pass over a feed before fast-xml-parser, which never rejects a broken document (a truncated
 * download gives a partial tree and silently fewer episodes). It refuses unclosed or mismatched tags
 * and "<" outside a tag, naming the line, and DTD entity declarations: the whole defence against
 * entity-expansion bombs. It passes what real feeds get wrong harmlessly (undefined entities, bare
 * ampersands, junk after the root, an element left open inside its parent) and collects namespaces.
 */
import { FeedParseError } from "@/lib/ingest/feed/feed-parse-error";

export type XmlOutline = {
  /** The root element's name as written: "rss", "feed", "rdf:RDF". */
  rootName: string;
  /** The root element from its "<" to its closing tag: what gets parsed, without prolog or trailing junk. */
  root: string;
  /** Prefix ("" for the default namespace) to URI, across the whole document; a prefix's first declaration wins. */
  namespaces: Map<string, string>;
};

/** Called with the root element's name as soon as it is known (from the DOCTYPE or the first tag), before
 * the rest is checked: an HTML page is worth reporting as such, not as its first unclosed `<br>`. */
type RootInspector = (name: string) => void;

export const MAX_DEPTH = 100;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const NAMESPACE_DECLARATION = /\sxmlns(?::([^\s=/>]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function outlineXml(text: string, inspectRoot: RootInspector): XmlOutline {
  const namespaces = new Map<string, string>();
  const open: { name: string; at: number }[] = [];
  // Closing tags to insert for elements left open, as [position, tags] in document order.
  const repairs: [number, string][] = [];
  let rootName: string | null = null;
  let rootStart = 0;

  const closeAbove = (depth: number, at: number) => {
    const unclosed = open.splice(depth + 1);
    repairs.push([at, unclosed.reverse().map((element) => `</${element.name}>`).join("")]);
  };
  const finish = (end: number): XmlOutline => ({ rootName: rootName ?? "", root: repaired(text, rootStart, end, repairs), namespaces });

  // Where the next "xmlns" is, found once rather than searched for from every tag.
  let nextXmlns = text.indexOf("xmlns");
  let i = text.indexOf("<");
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === BANG) {
      if (text.startsWith("--", i + 2)) end = closeOf(text, i, "-->", "a comment is never closed");
      else if (text.startsWith("[CDATA[", i + 2)) end = closeOf(text, i, "]]>", "a CDATA section is never closed");
      else if (rootName === null && /^<!doctype\s/i.test(text.slice(i, i + 10))) end = skipDoctype(text, i, inspectRoot);
      else fail(text, i, "“<!” starts neither a comment nor a CDATA section");
    } else if (next === QUESTION) {
      end = closeOf(text, i, "?>", "a processing instruction is never closed");
    } else if (next === SLASH) {
      end = text.indexOf(">", i);
      if (end === -1) fail(text, i, "a closing tag is never finished");
      const name = text.slice(i + 2, end).trim();
      const element = open.at(-1);
      if (!element) fail(text, i, `</${shown(name)}> closes an element that was never opened`);
      if (element.name !== name) {
        const depth = open.findLastIndex((ancestor) => ancestor.name === name);
        if (depth === -1) fail(text, i, `</${shown(name)}> does not close <${shown(element.name)}>, opened at line ${lineAt(text, element.at)}`);
        closeAbove(depth, i);
      }
      open.pop();
      if (open.length === 0) return finish(end);
    } else {
      const name = tagName(text, i);
      if (!name) fail(text, i, "a “<” does not start a tag (in text it must be written &lt;)");
      end = tagEnd(text, i);
      if (end === -1) fail(text, text.trimEnd().length, `the document ends inside the tag <${shown(name)}>; it may have been cut short`);
      if (end < 0) fail(text, i, `the tag <${shown(name)}> is never finished`);
      if (rootName === null) {
        inspectRoot(name);
        rootName = name;
        rootStart = i;
      } else if (isEntry(name, rootName)) {
        const container = open.findLastIndex((ancestor) => ancestor.name === "channel" || ancestor.name === rootName);
        if (container !== -1 && container < open.length - 1) closeAbove(container, i);
      }
      if (nextXmlns !== -1 && nextXmlns < i) nextXmlns = text.indexOf("xmlns", i);
      if (nextXmlns !== -1 && nextXmlns < end) collectNamespaces(text.slice(i, end), namespaces);
      if (text.charCodeAt(end - 1) === SLASH) {
        if (open.length === 0) return finish(end);
      } else {
        open.push({ name, at: i });
        if (open.length > MAX_DEPTH) fail(text, i, `elements are nested more than ${MAX_DEPTH} deep`);
      }
    }
    i = text.indexOf("<", end + 1);
  }

  const unclosed = open.at(-1);
  if (!unclosed) throw new FeedParseError("the document has no elements, so it is not a podcast feed");
  fail(text, text.trimEnd().length, `the document ends before <${shown(unclosed.name)}> (opened at line ${lineAt(text, unclosed.at)}) is closed; it may have been cut short`);
}

/** An RSS item or Atom entry, which can only be a child of the channel or the root: if it opens deeper,
 * an element before it was left open. */
function isEntry(name: string, rootName: string): boolean {
  const colon = rootName.indexOf(":");
  if (rootName.slice(colon + 1) !== "feed") return name === "item";
  return name === (colon === -1 ? "entry" : `${rootName.slice(0, colon)}:entry`);
}

function repaired(text: string, start: number, end: number, repairs: [number, string][]): string {
  if (repairs.length === 0) return text.slice(start, end + 1);
  let result = "";
  let from = start;
  for (const [at, closing] of repairs) {
    result += text.slice(from, at) + closing;
    from = at;
  }
  return result + text.slice(from, end + 1);
}

function fail(text: string, at: number, detail: string): never {
  throw new FeedParseError(`the feed is not valid XML at line ${lineAt(text, at)}: ${detail}`);
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** A name from the document, short enough to quote in a message. */
function shown(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function closeOf(text: string, start: number, terminator: string, problem: string): number {
  const at = text.indexOf(terminator, start + 2);
  if (at === -1) fail(text, start, problem);
  return at + terminator.length - 1;
}

function tagName(text: string, start: number): string {
  let end = start + 1;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (code <= 32 || code === SLASH || code === GT) break;
  }
  // XML names start with a letter, "_" or ":" (or any non-ASCII letter); "< 5" or "<=" in text is not a tag.
  const code = text.charCodeAt(start + 1);
  const startsName = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code >= 0xc0;
  const name = text.slice(start + 1, end);
  return startsName && !name.includes("<") ? name : "";
}

/**
 * The index of the ">" that ends the tag starting at `start`, skipping quoted attribute values: -1 when the
 * document ends first, -2 when another tag begins first.
 */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === GT) {
      return i;
    } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      quote = code;
    } else if (code === LT) {
      return -2;
    }
  }
  return -1;
}

function skipDoctype(text: string, start: number, inspectRoot: RootInspector): number {
  const name = /^<!doctype\s+([^\s[>]+)/i.exec(text.slice(start, start + 200))?.[1];
  if (name) inspectRoot(name);
  const open = text.indexOf("[", start);
  const end = tagEnd(text, start);
  if (end < 0 && open === -1) fail(text, start, "the DOCTYPE is never finished");
  if (open === -1 || (end >= 0 && end < open)) return end;
  const close = /\]\s*>/g;
  close.lastIndex = open;
  const closed = close.exec(text);
  if (!closed) fail(text, start, "the DOCTYPE is never finished");
  const subset = text.slice(open, closed.index);
  // Refused rather than limited: no feed needs its own entities, and declaring them is how entity bombs start.
  if (/<!ENTITY/i.test(subset)) throw new FeedParseError("the feed declares its own XML entities, which Podbrief does not expand");
  return closed.index + closed[0].length - 1;
}

function collectNamespaces(tag: string, namespaces: Map<string, string>): void {
  for (const match of tag.matchAll(NAMESPACE_DECLARATION)) {
    const prefix = match[1] ?? "";
    if (!namespaces.has(prefix)) namespaces.set(prefix, match[2] ?? match[3] ?? "");
  }
}
