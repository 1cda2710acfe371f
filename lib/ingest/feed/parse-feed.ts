/**
 * A podcast feed's bytes into a ParsedFeed: RSS 2.0, Atom and RSS 1.0 with the iTunes, Podcasting 2.0,
 * Podlove chapters and Media RSS tags apps read. Tolerant where real feeds break in ways readers never
 * notice (junk before the XML declaration, undefined entities, undeclared prefixes, missing GUIDs, odd
 * encodings); strict where going on would store something wrong (a web page, a truncated download, an
 * entity bomb). Every refusal is a FeedParseError whose message can be shown to the reader.
 */
import type { ParsedFeed } from "@/lib/ingest/types";
import { readAtom } from "@/lib/ingest/feed/atom";
import { decodeFeedBody } from "@/lib/ingest/feed/decode-feed-body";
import type { FeedContext } from "@/lib/ingest/feed/feed-context";
import { FeedParseError } from "@/lib/ingest/feed/feed-parse-error";
import { conventionalPrefix, elementNamer } from "@/lib/ingest/feed/namespaces";
import { readRss } from "@/lib/ingest/feed/rss";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { parseXmlTree } from "@/lib/ingest/feed/xml";
import { outlineXml, type XmlOutline } from "@/lib/ingest/feed/xml-outline";

export { FeedParseError } from "@/lib/ingest/feed/feed-parse-error";

export type ParseFeedOptions = {
  /** The address the feed was fetched from (after redirects): the base for its relative URLs. */
  baseUrl?: string;
  /** The response's Content-Type, whose charset is one hint to the encoding. */
  contentType?: string | null;
};

const HTML_ROOTS = new Set(["html", "head", "body"]);

export function parseFeed(body: Buffer | string, options: ParseFeedOptions = {}): ParsedFeed {
  const context: FeedContext = { baseUrl: resolveUrl(options.baseUrl, null) };
  // A BOM, blank lines or spaces before the XML declaration make the document ill-formed, and are common.
  const text = decodeFeedBody(body, options.contentType).replace(/^[\s\uFEFF]+/, "");
  refuseWhatIsNotXml(text);

  const outline = outlineXml(text, (name) => refuseWhatIsNotAFeed(name, text, context));
  const format = formatOf(outline);
  const tree = parseXmlTree(outline.root, { nameElement: elementNamer(outline.namespaces, format === "atom" ? "atom" : null) });
  const feed = format === "atom" ? readAtom(tree, context) : readRss(tree, outline.rootName, context);
  if (!feed.title && feed.itemCount === 0) throw new FeedParseError("the feed has no title and no episodes, so there is nothing to read in it");
  return { format, ...feed, title: feed.title || untitled(context) };
}

function refuseWhatIsNotXml(text: string): void {
  // The caller removed leading whitespace, so a blank document is now an empty one.
  if (!text) throw new FeedParseError("the feed is empty");
  // Audio and image files have zero bytes in their first few hundred; no need to read a whole feed for them.
  if (text.slice(0, 1024).includes("\u0000")) throw new FeedParseError("this address returned binary data (an audio file or an image?), not a podcast feed");
  const start = text[0];
  if (start === "{" || start === "[") {
    if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(text.slice(0, 4000))) {
      throw new FeedParseError("this is a JSON Feed; Podbrief reads podcasts from their RSS or Atom feed");
    }
    throw new FeedParseError("this address returned JSON data, not a podcast feed");
  }
  if (start !== "<") throw new FeedParseError("this address returned plain text, not a podcast feed (a feed is an XML document)");
}

function refuseWhatIsNotAFeed(rootName: string, text: string, context: FeedContext): void {
  const local = rootName.slice(rootName.indexOf(":") + 1);
  if (local === "rss" || local === "feed" || local === "RDF") return;
  if (HTML_ROOTS.has(local.toLowerCase())) {
    const feedUrl = discoverFeedLink(text, context);
    throw new FeedParseError(
      feedUrl
        ? `this address returned an HTML page, not a podcast feed; the page names its feed at ${feedUrl}`
        : "this address returned an HTML page, not a podcast feed",
      feedUrl,
    );
  }
  if (local.toLowerCase() === "opml") throw new FeedParseError("this is an OPML list of podcasts, not a podcast feed; import it as a list instead");
  throw new FeedParseError(`this XML document is not a podcast feed: its root element is <${local.slice(0, 40)}>, not <rss> or <feed>`);
}

function formatOf(outline: XmlOutline): ParsedFeed["format"] {
  const colon = outline.rootName.indexOf(":");
  if (outline.rootName.slice(colon + 1) !== "feed") return "rss";
  // A <feed> in no namespace is read as Atom: nothing else calls its root "feed".
  const namespace = outline.namespaces.get(colon === -1 ? "" : outline.rootName.slice(0, colon));
  if (namespace !== undefined && conventionalPrefix(namespace) !== "atom" && namespace !== "") {
    throw new FeedParseError("this XML document is not a podcast feed: its <feed> element is not Atom");
  }
  return "atom";
}

/** A web page's `<link rel="alternate" type="application/rss+xml" href="…">`: the feed the page is about. */
function discoverFeedLink(html: string, context: FeedContext): string | null {
  for (const [tag] of html.slice(0, 200_000).matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?alternate\b/i.test(tag) || !/\btype\s*=\s*["']?application\/(rss|atom)\+xml/i.test(tag)) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const url = resolveUrl(href?.[1] ?? href?.[2] ?? href?.[3], context.baseUrl);
    if (url) return url;
  }
  return null;
}

function untitled(context: FeedContext): string {
  return context.baseUrl ? new URL(context.baseUrl).hostname : "Untitled podcast";
}
