/** RSS 2.0 (and 0.9x, and RSS 1.0's rdf:RDF, whose items sit beside the channel instead of inside it). */
import type { ParsedEpisode, Person } from "@/lib/ingest/types";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { parseFeedDate } from "@/lib/ingest/feed/dates";
import { type FeedContext, type FeedReading, newAddress } from "@/lib/ingest/feed/feed-context";
import { pickEnclosure, rssEnclosureCandidates } from "@/lib/ingest/feed/enclosure";
import { newestItems } from "@/lib/ingest/feed/newest-items";
import { personName, readImage, readEpisode, readPersons } from "@/lib/ingest/feed/item-extensions";
import { readFunding, readIgnoredTags } from "@/lib/ingest/feed/show-extensions";
import { baseOf, resolveImageUrl, resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, childText, first, markup, oneLine, text, type XmlElement } from "@/lib/ingest/feed/xml";

const PERIOD_MINUTES = new Map([
  ["hourly", 60],
  ["daily", 1440],
  ["weekly", 10_080],
  ["monthly", 43_200],
  ["yearly", 525_600],
]);

export function readRss(root: XmlElement, rootName: string, context: FeedContext): FeedReading {
  const isRdf = rootName.endsWith("RDF");
  const channel = first(root, "channel");
  const documentBase = baseOf(attribute(root, "xml:base"), context.baseUrl);
  const siteLink = childText(channel, "link");
  // The address the feed came from is the right base for its relative URLs; the site's address is the
  // best guess when a feed is read from a file.
  const base = baseOf(attribute(channel, "xml:base"), documentBase ?? resolveUrl(siteLink, null));
  const showPersons = readPersons(channel, base);
  const items = all(isRdf ? root : channel, "item");

  const episodes: ParsedEpisode[] = [];
  for (const item of newestItems(items, (candidate) => parseFeedDate(childText(candidate, "pubDate", "dc:date")))) {
    const episode = readItem(item, baseOf(attribute(item, "xml:base"), base), showPersons);
    if (episode) episodes.push(episode);
  }

  const description = markup(channel, "description", "itunes:summary") ?? childText(channel, "itunes:subtitle", "googleplay:description");
  return {
    title: oneLine(childText(channel, "title", "itunes:title")) ?? "",
    description: description ? htmlToText(description) || null : null,
    author: readAuthor(channel),
    imageUrl: readImage(channel, base) ?? resolveImageUrl(childText(first(channel, "image"), "url"), base),
    siteUrl: resolveUrl(siteLink, base) ?? resolveUrl(selfOrAlternate(channel, "alternate"), base),
    language: childText(channel, "language", "dc:language"),
    categories: readCategories(channel),
    podcastGuid: childText(channel, "podcast:guid"),
    ttlMinutes: readTtl(channel),
    locked: childText(channel, "podcast:locked")?.toLowerCase() === "yes",
    newFeedUrl: newAddress(childText(channel, "itunes:new-feed-url"), selfOrAlternate(channel, "self"), { base, siteLink, context }),
    funding: readFunding(channel, base),
    ignoredTags: readIgnoredTags(channel, items),
    episodes,
    itemCount: items.length,
  };
}

function readItem(item: unknown, base: string | null, showPersons: Person[]): ParsedEpisode | null {
  const enclosure = pickEnclosure(rssEnclosureCandidates(item), base);
  const title = oneLine(childText(item, "title", "itunes:title"));
  const dateText = childText(item, "pubDate", "dc:date");
  const rawLink = childText(item, "link");
  const id = childText(item, "guid", "podcast:guid");
  const notesHtml = markup(item, "content:encoded", "description", "itunes:summary");
  return readEpisode({ id, enclosure, title, dateText, link: resolveUrl(rawLink, base), rawLink, notesHtml }, item, base, showPersons);
}

function readAuthor(channel: unknown): string | null {
  const author =
    childText(channel, "itunes:author", "googleplay:author", "dc:creator") ??
    childText(first(channel, "itunes:owner"), "itunes:name") ??
    childText(channel, "managingEditor");
  return personName(author);
}

function readCategories(channel: unknown): string[] {
  const categories = new Set<string>();
  const visit = (node: unknown) => {
    for (const category of all(node, "itunes:category")) {
      const name = oneLine(attribute(category, "text"));
      if (name) categories.add(name);
      visit(category);
    }
  };
  visit(channel);
  for (const category of all(channel, "category")) {
    const name = oneLine(text(category));
    if (name) categories.add(name);
  }
  return [...categories];
}

function readTtl(channel: unknown): number | null {
  const ttl = childText(channel, "ttl");
  if (ttl && /^\d{1,7}$/.test(ttl) && Number(ttl) > 0) return Number(ttl);
  const period = PERIOD_MINUTES.get(childText(channel, "sy:updatePeriod")?.toLowerCase() ?? "");
  if (!period) return null;
  const frequency = Number(childText(channel, "sy:updateFrequency") ?? "1");
  // updateFrequency is how many times per period the feed changes, so the interval is the period divided by it.
  return Math.max(1, Math.round(period / (Number.isFinite(frequency) && frequency >= 1 ? frequency : 1)));
}

function selfOrAlternate(channel: unknown, rel: "self" | "alternate"): string | null {
  const link = all(channel, "atom:link").find((element) => attribute(element, "rel") === rel);
  return attribute(link, "href");
}
