/**
 * A topic's or a cluster's insights as RSS 2.0 and JSON Feed 1.1, written by the `feed` package. Pure:
 * the same document gives the same bytes, so a feed's ETag changes only when what it says does.
 */
import { Feed, type Item } from "feed";
import { asSaidLabel, type QuotedInsight, quoteTime, quoteToShow } from "@/lib/insights/quote-attribution";
import { type FeedFormat, type FeedPaths, insightPageUrl } from "@/lib/topic-feeds/feed-links";

/** publishedAt is the item's date. */
export type FeedEntry = QuotedInsight & {
  showTitle: string;
  episodeTitle: string;
};

export type FeedDocument = {
  title: string;
  description: string;
  /** The page the feed is about (absolute). */
  pageUrl: string;
  /** The feed's own addresses (absolute). */
  feedUrls: FeedPaths;
  /** When what the feed holds last changed: its lastBuildDate, and the response's Last-Modified. */
  updated: Date;
  entries: FeedEntry[];
};

// Characters XML 1.0 forbids (C0 controls but tab and line breaks, unpaired surrogates, U+FFFE/F):
// one in a transcript would make the whole document unreadable to every parser.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlSafe = (text: string) => text.replace(NOT_XML, "");
const oneLine = (text: string) => xmlSafe(text).replace(/\s+/g, " ").trim();
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const paragraphs = (text: string) =>
  xmlSafe(text)
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part)}</p>`)
    .join("");

/** The insight's page at the moment the quote was said, when the transcript had times. */
function linkAt(appUrl: string, entry: FeedEntry): string {
  const at = quoteTime(entry);
  return `${insightPageUrl(appUrl, entry.id)}${at === null ? "" : `?t=${at}`}`;
}

/** The clean body, then the words as said with where they were said: once when they are the body's words. */
function entryHtml(appUrl: string, entry: FeedEntry): string {
  const quote = quoteToShow(entry.body, entry.quote);
  const said = `— ${escapeHtml(asSaidLabel(quoteTime(entry), entry.speaker))}`;
  const where = `<a href="${escapeHtml(linkAt(appUrl, entry))}">${escapeHtml(oneLine(entry.showTitle))} — ${escapeHtml(oneLine(entry.episodeTitle))}</a>`;
  return [paragraphs(entry.body), quote ? `<blockquote>${paragraphs(quote)}</blockquote>` : "", `<p>${said} · ${where}</p>`].join("");
}

function feedItem(appUrl: string, entry: FeedEntry, format: FeedFormat): Item {
  const show = oneLine(entry.showTitle);
  const permalink = insightPageUrl(appUrl, entry.id);
  return {
    title: oneLine(entry.headline),
    id: permalink,
    guid: permalink,
    link: linkAt(appUrl, entry),
    date: entry.publishedAt,
    published: entry.publishedAt,
    description: escapeHtml(oneLine(entry.body)),
    content: entryHtml(appUrl, entry),
    category: [{ name: show }],
    // RSS 2.0's <author> is an email address; a show's name goes in dc:creator, as podcast apps read it.
    ...(format === "json" ? { author: [{ name: show }] } : { extensions: [{ name: "dc:creator", objects: { _text: show } }] }),
  };
}

function buildFeed(appUrl: string, document: FeedDocument, format: FeedFormat): Feed {
  const feed = new Feed({
    id: document.pageUrl,
    title: oneLine(document.title),
    description: oneLine(document.description),
    link: document.pageUrl,
    updated: document.updated,
    generator: "Podbrief",
    feedLinks: { rss: document.feedUrls.rss, json: document.feedUrls.json },
  });
  for (const entry of document.entries) feed.addItem(feedItem(appUrl, entry, format));
  return feed;
}

export function renderRss(appUrl: string, document: FeedDocument): string {
  return buildFeed(appUrl, document, "rss").rss2();
}

/**
 * feed@6 writes JSON Feed 1.0; 1.1 differs in the version, `authors` (a list, beside the 1.0 `author`
 * kept for older readers) and a plain-text summary, which are set here.
 */
export function renderJsonFeed(appUrl: string, document: FeedDocument): string {
  const written = JSON.parse(buildFeed(appUrl, document, "json").json1()) as { items: Record<string, unknown>[] } & Record<string, unknown>;
  const items = written.items.map((item, index) => ({
    ...item,
    summary: oneLine(document.entries[index]!.body),
    ...(item.author ? { authors: [item.author] } : {}),
  }));
  return JSON.stringify({ ...written, version: "https://jsonfeed.org/version/1.1", items }, null, 2);
}

export function renderFeed(appUrl: string, document: FeedDocument, format: FeedFormat): string {
  return format === "rss" ? renderRss(appUrl, document) : renderJsonFeed(appUrl, document);
}
