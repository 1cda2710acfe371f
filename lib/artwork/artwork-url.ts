/**
 * Where stored artwork is served: `/art/<hash>/<width>.<format>`. The hash is of the stored image,
 * so a URL names one image forever and is cached as immutable; a show that changes its artwork gets
 * a new hash and a new URL. Read models hand out the base (`/art/<hash>`); pages, the email and the
 * OG image pick a width and format from it here. Shared by server and client code: no server-only.
 */

/** The square widths the worker stores, smallest first. */
export const ARTWORK_WIDTHS = [96, 240, 600] as const;
export type ArtworkWidth = (typeof ARTWORK_WIDTHS)[number];
const LARGEST_WIDTH: ArtworkWidth = ARTWORK_WIDTHS[ARTWORK_WIDTHS.length - 1] as ArtworkWidth;

/** WebP for pages; JPEG for mail clients and the few browsers without WebP. */
export const ARTWORK_FORMATS = ["webp", "jpg"] as const;
export type ArtworkFormat = (typeof ARTWORK_FORMATS)[number];

export const ARTWORK_CONTENT_TYPES: Record<ArtworkFormat, string> = { webp: "image/webp", jpg: "image/jpeg" };

/** The base URL of a stored artwork, as read models hand it out. */
export function artworkPath(hash: string): string {
  return `/art/${hash}`;
}

/** The smallest stored width at least `pixels` wide, or the largest there is. */
export function artworkWidthFor(pixels: number): ArtworkWidth {
  return ARTWORK_WIDTHS.find((width) => width >= pixels) ?? LARGEST_WIDTH;
}

/** One stored image of an artwork: `artworkImageUrl("/art/ab12…", 48, "jpg")` → `/art/ab12…/96.jpg`. */
export function artworkImageUrl(src: string, pixels: number, format: ArtworkFormat = "webp"): string {
  return `${src}/${artworkWidthFor(pixels)}.${format}`;
}
