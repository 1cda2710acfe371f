/**
 * What read models select of a show's or episode's artwork, and the URL they hand to <Artwork>.
 * A refused or not yet fetched image has none, and the page shows the show's monogram.
 */
import { artworkPath } from "@/lib/artwork/artwork-url";

export const artworkSelect = { select: { status: true, hash: true } } as const;

export type StoredArtwork = { status: string; hash: string | null } | null | undefined;

/** The artwork's base URL (`/art/<hash>`) when it is stored, else null. */
export function artworkSrc(artwork: StoredArtwork): string | null {
  return artwork?.status === "ready" && artwork.hash ? artworkPath(artwork.hash) : null;
}

/** An episode's own artwork where it has one, else its show's. */
export function episodeArtworkSrc(episodeArtwork: StoredArtwork, podcastArtwork: StoredArtwork): string | null {
  return artworkSrc(episodeArtwork) ?? artworkSrc(podcastArtwork);
}
