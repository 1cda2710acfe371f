import { formatRelative } from "@/lib/format";

type ArtworkStatusProps = {
  /** The feed's image address; null when the feed names none. */
  imageUrl: string | null;
  artwork: { status: string; error: string | null; fetchedAt: Date | null } | null;
};

/** Why a show's image is not shown (or is an older copy), in words, as FeedStatus says why a feed was not read. */
export function ArtworkStatus({ imageUrl, artwork }: ArtworkStatusProps) {
  if (!imageUrl || !artwork?.error) return null;
  const when = artwork.fetchedAt ? ` ${formatRelative(artwork.fetchedAt)}` : "";
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="artwork-error">
      {artwork.status === "ready" ? `Showing an earlier copy of the show's image; fetching it again${when} failed` : `The show's image is not shown${when ? ` (checked${when})` : ""}`}:{" "}
      {artwork.error.replace(/\.$/, "")}.
    </p>
  );
}
