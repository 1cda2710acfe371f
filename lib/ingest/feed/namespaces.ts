/**
 * Elements are named by namespace, not by the prefix a feed picked (`atom10:link` is `atom:link`;
 * `podcast:` under both the current URI and the legacy GitHub one). URIs compare loosely (case, scheme,
 * "www.", trailing slash) because feeds get them wrong. An undeclared prefix, or one bound to an unknown
 * URI, keeps its own name: `itunes:` and `podcast:` used undeclared are common and mean what they say.
 */

const KNOWN_NAMESPACES = new Map(
  Object.entries({
    "itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "podcastindex.org/namespace/1.0": "podcast",
    "github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md": "podcast",
    "purl.org/rss/1.0/modules/content": "content",
    "w3.org/2005/atom": "atom",
    // Atom 0.3, still served by a few old blogs-turned-podcasts.
    "purl.org/atom/ns#": "atom",
    "podlove.org/simple-chapters": "psc",
    "purl.org/rss/1.0/modules/syndication": "sy",
    "search.yahoo.com/mrss": "media",
    "purl.org/dc/elements/1.1": "dc",
    "google.com/schemas/play-podcasts/1.0": "googleplay",
    "w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  }),
);

function normalizeUri(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

/** The conventional prefix of a namespace URI, or null when it is not one the parser reads. */
export function conventionalPrefix(uri: string | undefined): string | null {
  return uri === undefined ? null : (KNOWN_NAMESPACES.get(normalizeUri(uri)) ?? null);
}

/**
 * Renames qualified names to conventional prefixes. Elements of `home` (the document's own vocabulary,
 * "atom" in an Atom feed) lose their prefix, so `atom:title` and `title` read the same there.
 */
export function elementNamer(declarations: ReadonlyMap<string, string>, home: string | null): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    const colon = name.indexOf(":");
    if (colon === -1) return name;
    let renamed = cache.get(name);
    if (renamed === undefined) {
      const prefix = name.slice(0, colon);
      const known = conventionalPrefix(declarations.get(prefix)) ?? prefix;
      renamed = known === home ? name.slice(colon + 1) : `${known}${name.slice(colon)}`;
      cache.set(name, renamed);
    }
    return renamed;
  };
}
