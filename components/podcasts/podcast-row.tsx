import Link from "next/link";
import type { ReactNode } from "react";
import { Artwork } from "@/components/artwork/artwork";
import { artworkSrc, type StoredArtwork } from "@/lib/artwork/artwork-src";

type PodcastRowProps = {
  podcast: { id: string; title: string; artwork: StoredArtwork };
  testId: string;
  /** What is said under the title: author, episodes, the feed's state. */
  children: ReactNode;
  /** An action beside the row, such as Follow. */
  aside?: ReactNode;
};

/** A show in a list of shows: its artwork, its title linking to its page, and what the list says of it. */
export function PodcastRow({ podcast, testId, children, aside }: PodcastRowProps) {
  return (
    <li className="flex items-start justify-between gap-4 p-4" data-testid={testId}>
      <Artwork src={artworkSrc(podcast.artwork)} name={podcast.title} size={48} />
      <div className="min-w-0 flex-1">
        <Link href={`/podcasts/${podcast.id}`} className="font-medium hover:underline">
          {podcast.title}
        </Link>
        {children}
      </div>
      {aside}
    </li>
  );
}
