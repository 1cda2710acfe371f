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
