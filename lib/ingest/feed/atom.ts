/**
 * Atom 1.0 (and the 0.3 dialect's date names). Atom text can be plain text, escaped HTML or inline XHTML;
 * show notes (content, summary) arrive as raw markup (see xml.ts), titles as text.
 */
import type { ParsedEpisode, Person } from "@/lib/ingest/types";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { parseFeedDate } from "@/lib/ingest/feed/dates";
import { type FeedContext, type FeedReading, newAddress } from "@/lib/ingest/feed/feed-context";
import { alternateEnclosureCandidates, pickEnclosure } from "@/lib/ingest/feed/enclosure";
import { newestItems } from "@/lib/ingest/feed/newest-items";
import { personName, readImage, readEpisode, readPersons } from "@/lib/ingest/feed/item-extensions";
import { readFunding, readIgnoredTags } from "@/lib/ingest/feed/show-extensions";
import { baseOf, resolveImageUrl, resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, childText, first, markup, markupOf, oneLine, text, type XmlElement } from "@/lib/ingest/feed/xml";

export function readAtom(feed: XmlElement, context: FeedContext): FeedReading {
  const base = baseOf(attribute(feed, "xml:base"), context.baseUrl) ?? resolveUrl(linkHref(feed, "alternate"), null);
  const showPersons = readPersons(feed, base);
  const entries = all(feed, "entry");
  const episodes: ParsedEpisode[] = [];
  for (const entry of newestItems(entries, (candidate) => parseFeedDate(childText(candidate, "published", "issued", "updated", "modified")))) {
    const episode = readEntry(entry, baseOf(attribute(entry, "xml:base"), base), showPersons);
    if (episode) episodes.push(episode);
  }
  const subtitle = first(feed, "subtitle") ?? first(feed, "tagline");
  return {
    title: plainText(first(feed, "title")) ?? oneLine(childText(feed, "itunes:title")) ?? "",
    description: plainText(subtitle, { multiline: true }) ?? summaryText(feed),
    author: personName(childText(first(feed, "author"), "name") ?? childText(feed, "itunes:author")),
    imageUrl: readImage(feed, base) ?? resolveImageUrl(childText(feed, "logo", "icon"), base),
    siteUrl: resolveUrl(linkHref(feed, "alternate"), base),
    language: attribute(feed, "xml:lang") ?? childText(feed, "language"),
    categories: [...new Set(all(feed, "category").map((category) => oneLine(attribute(category, "label") ?? attribute(category, "term"))).filter((name) => name !== null))],
    podcastGuid: childText(feed, "podcast:guid"),
    ttlMinutes: null,
    locked: childText(feed, "podcast:locked")?.toLowerCase() === "yes",
    newFeedUrl: newAddress(childText(feed, "itunes:new-feed-url"), linkHref(feed, "self"), { base, siteLink: linkHref(feed, "alternate"), context }),
    funding: readFunding(feed, base),
    ignoredTags: readIgnoredTags(feed, entries),
    episodes,
    itemCount: entries.length,
  };
}

function readEntry(entry: unknown, base: string | null, showPersons: Person[]): ParsedEpisode | null {
  const enclosures = all(entry, "link")
    .filter((link) => attribute(link, "rel") === "enclosure")
    .map((link) => ({ url: attribute(link, "href"), type: attribute(link, "type"), length: attribute(link, "length") }));
  const enclosure = pickEnclosure([...enclosures, ...alternateEnclosureCandidates(entry)], base);
  const title = plainText(first(entry, "title")) ?? oneLine(childText(entry, "itunes:title"));
  const dateText = childText(entry, "published", "issued", "updated", "modified");
  const rawLink = linkHref(entry, "alternate");
  const id = childText(entry, "id", "podcast:guid");
  return readEpisode({ id, enclosure, title, dateText, link: resolveUrl(rawLink, base), rawLink, notesHtml: notesHtml(entry) }, entry, base, showPersons);
}

/** The `href` of the first link with that rel; a link without rel is an "alternate" one. */
function linkHref(node: unknown, rel: string): string | null {
  const link = all(node, "link").find((element) => (attribute(element, "rel") ?? "alternate") === rel);
  return attribute(link, "href");
}

function textType(element: unknown): "text" | "html" | "xhtml" {
  const type = attribute(element, "type")?.toLowerCase() ?? "text";
  if (type === "xhtml" || type.endsWith("xhtml+xml")) return "xhtml";
  if (type === "html" || type === "text/html" || attribute(element, "mode") === "escaped") return "html";
  return "text";
}

/** An Atom text construct as plain text. */
function plainText(element: unknown, { multiline = false } = {}): string | null {
  const value = text(element);
  if (value === null) return null;
  const plain = textType(element) === "text" ? value : htmlToText(value);
  return multiline ? plain || null : oneLine(plain);
}

/** Show notes as HTML: content:encoded, which podcast tools add to Atom too, then content, then summary. */
function notesHtml(entry: unknown): string | null {
  const encoded = markup(entry, "content:encoded");
  if (encoded) return encoded;
  for (const name of ["content", "summary"]) {
    const element = first(entry, name);
    const value = attribute(element, "src") ? null : markupOf(element);
    if (value) return textType(element) === "text" ? escapeHtml(value) : value;
  }
  return markup(entry, "itunes:summary");
}

function summaryText(feed: unknown): string | null {
  const summary = markup(feed, "itunes:summary");
  return summary ? htmlToText(summary) || null : null;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
