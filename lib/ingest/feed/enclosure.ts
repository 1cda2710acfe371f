/**
 * The episode's media. Items sometimes list several enclosures (an MP3 and a cover image, or an audio and
 * a video edition); the first audio or video one is the episode. Feeds without `enclosure` but with Media
 * RSS content (some video hosts) are read from that.
 */
import type { ParsedEpisode } from "@/lib/ingest/types";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute } from "@/lib/ingest/feed/xml";
import { wholeNumber } from "@/lib/ingest/feed/item-extensions";

type Enclosure = Pick<ParsedEpisode, "audioUrl" | "audioType" | "audioLength"> & {
  /** The URL as the feed wrote it, for an identity even when it cannot be made absolute. */
  written: string | null;
};

type Candidate = { url: string | null; type: string | null; length: string | null };

const NO_ENCLOSURE: Enclosure = { audioUrl: null, audioType: null, audioLength: null, written: null };

export function pickEnclosure(candidates: Candidate[], base: string | null): Enclosure {
  const usable = candidates.filter((candidate) => candidate.url);
  const media = usable.find((candidate) => /^(audio|video)\//i.test(candidate.type ?? "")) ?? usable[0];
  if (!media) return NO_ENCLOSURE;
  const length = wholeNumber(media.length);
  return {
    audioUrl: resolveUrl(media.url, base),
    audioType: media.type?.toLowerCase() ?? null,
    audioLength: length && length > 0 ? length : null,
    written: media.url,
  };
}

export function rssEnclosureCandidates(item: unknown): Candidate[] {
  const enclosures = all(item, "enclosure").map((element) => ({
    url: attribute(element, "url"),
    type: attribute(element, "type"),
    length: attribute(element, "length"),
  }));
  if (enclosures.some((candidate) => candidate.url)) return enclosures;
  return [...all(item, "media:content"), ...all(item, "media:group").flatMap((group) => all(group, "media:content"))]
    .filter((content) => /^(audio|video)$/i.test(attribute(content, "medium") ?? "") || /^(audio|video)\//i.test(attribute(content, "type") ?? ""))
    .map((content) => ({ url: attribute(content, "url"), type: attribute(content, "type"), length: attribute(content, "fileSize") }));
}
