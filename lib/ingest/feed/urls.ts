/** Addresses from feeds, made absolute. Only web addresses are kept: they end up as links, players and images. */

export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The base for an element's relative addresses: its `xml:base` against the enclosing base, else that base. */
export function baseOf(xmlBase: string | null, enclosing: string | null): string | null {
  return resolveUrl(xmlBase, enclosing) ?? enclosing;
}

// Artwork some templates wrote wrong: the tag's attribute as its text (`href=http://…/logo.png">`), or
// markup. Such text resolves as a relative address, so it is refused before resolving, and the next
// candidate is tried.
const NOT_AN_ADDRESS = /["<>]|^[a-z][\w:-]*\s*=/i;

/** An image's address made absolute, or null when the feed wrote something that is no address at all. */
export function resolveImageUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value || NOT_AN_ADDRESS.test(value.trim())) return null;
  return resolveUrl(value, base);
}
