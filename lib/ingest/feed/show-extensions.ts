/**
 * Podcasting 2.0 tags of the show as a whole: `podcast:funding` links, and the list of the namespace's
 * tags the parser reads nothing from (value-for-value payments, live streams, podrolls…), so that
 * `npm run cli -- parse-feed` can say what it skipped rather than drop it without a word.
 */
import type { FundingLink, IgnoredTag } from "@/lib/ingest/types";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, childNames, oneLine, text } from "@/lib/ingest/feed/xml";

// The namespace's own limit for a funding link's text; a page needs no more than a handful of links.
const MAX_FUNDING_TITLE = 128;
const MAX_FUNDING_LINKS = 10;

/** The Podcasting 2.0 tags the readers use, where they use them; any other `podcast:` tag there is skipped. */
const READ_ON_SHOW = new Set(["podcast:guid", "podcast:locked", "podcast:person", "podcast:funding"]);
const READ_ON_ITEM = new Set([
  "podcast:guid",
  "podcast:season",
  "podcast:episode",
  "podcast:chapters",
  "podcast:transcript",
  "podcast:person",
  "podcast:soundbite",
  "podcast:alternateEnclosure",
]);
// A live item is skipped whole: its own tags are an episode's, and listing them would read as if episodes lost them.
const SKIPPED_WHOLE = new Set(["podcast:liveItem"]);

export function readFunding(show: unknown, base: string | null): FundingLink[] {
  const links: FundingLink[] = [];
  for (const element of all(show, "podcast:funding")) {
    const url = resolveUrl(attribute(element, "url"), base);
    if (!url || links.some((link) => link.url === url)) continue;
    links.push({ url, title: oneLine(text(element))?.slice(0, MAX_FUNDING_TITLE) ?? null });
    if (links.length === MAX_FUNDING_LINKS) break;
  }
  return links;
}

/** Each skipped `podcast:` tag with how many times it occurs, on the show, in its items, and inside skipped tags. */
export function readIgnoredTags(show: unknown, items: Iterable<unknown>): IgnoredTag[] {
  const counts = new Map<string, number>();
  countSkipped(show, READ_ON_SHOW, counts);
  for (const item of items) countSkipped(item, READ_ON_ITEM, counts);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, count]) => ({ tag, count }));
}

const NOTHING_READ: ReadonlySet<string> = new Set();

function countSkipped(parent: unknown, read: ReadonlySet<string>, counts: Map<string, number>): void {
  for (const name of childNames(parent)) {
    if (!name.startsWith("podcast:") || read.has(name)) continue;
    const elements = all(parent, name);
    counts.set(name, (counts.get(name) ?? 0) + elements.length);
    if (SKIPPED_WHOLE.has(name)) continue;
    for (const element of elements) countSkipped(element, NOTHING_READ, counts);
  }
}
