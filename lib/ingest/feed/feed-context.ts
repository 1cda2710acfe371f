/** What the RSS and Atom readers share: where the feed came from, and what they hand back to parseFeed. */
import type { ParsedFeed } from "@/lib/ingest/types";
import { resolveUrl } from "@/lib/ingest/feed/urls";

export type FeedContext = {
  /** The absolute address the feed was fetched from, when known. */
  baseUrl: string | null;
};

/** A feed without its format. */
export type FeedReading = Omit<ParsedFeed, "format">;

/**
 * The feed's address when it declares one other than where it was fetched: `itunes:new-feed-url`, which
 * exists to announce a move, else its Atom self link. Self links are often stale or wrong (Giant Bomb's
 * points at its home page), so one that is the site's own page is not taken for a feed address.
 */
export function newAddress(
  newFeedUrl: string | null,
  selfLink: string | null,
  { base, siteLink, context }: { base: string | null; siteLink: string | null; context: FeedContext },
): string | null {
  const fetchedFrom = sameAddress(context.baseUrl);
  const declared = resolveUrl(newFeedUrl, base);
  if (declared && sameAddress(declared) !== fetchedFrom) return declared;
  const self = resolveUrl(selfLink, base);
  if (!self || sameAddress(self) === fetchedFrom || sameAddress(self) === sameAddress(resolveUrl(siteLink, base))) return null;
  return self;
}

/** An address compared loosely: the scheme and a trailing slash do not make another place. */
function sameAddress(url: string | null): string | null {
  return url ? url.replace(/^https?:\/\//, "").replace(/\/+$/, "") : null;
}
