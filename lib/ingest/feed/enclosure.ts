/**
 * The episode's media. Items sometimes list several enclosures (an MP3 and a cover image, or an audio and
 * a video edition), and Podcasting 2.0 feeds offer more editions as `podcast:alternateEnclosure`. Podbrief
 * is for listening, so the first audio file is the episode's, else the first video; the other editions are
 * kept beside it. Feeds without `enclosure` but with Media RSS content (some video hosts) are read from that.
 */
import type { MediaFile, ParsedEpisode } from "@/lib/ingest/types";
import { resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, oneLine } from "@/lib/ingest/feed/xml";
import { wholeNumber } from "@/lib/ingest/feed/item-extensions";

export type Enclosure = Pick<ParsedEpisode, "audioUrl" | "audioType" | "audioLength" | "alternateEnclosures"> & {
  /** The URL as the feed wrote it, for an identity even when it cannot be made absolute. */
  written: string | null;
  /**
   * The item's own enclosure (not an alternate), for its derived identity: choosing an alternate to listen
   * to must not change which episode a GUID-less item is.
   */
  identityUrl: string | null;
};

type Candidate = {
  url: string | null;
  type: string | null;
  length: string | null;
  /** Set on `podcast:alternateEnclosure` editions. */
  alternate?: { title: string | null; height: string | null; bitrate: string | null };
};

const NO_ENCLOSURE: Enclosure = { audioUrl: null, audioType: null, audioLength: null, alternateEnclosures: [], written: null, identityUrl: null };
const MEDIA_TYPE = /^(audio|video)\//i;
const AUDIO_TYPE = /^audio\//i;

export function pickEnclosure(candidates: Candidate[], base: string | null): Enclosure {
  const usable = candidates.filter((candidate) => candidate.url && !candidate.alternate);
  const primary = usable.find((candidate) => MEDIA_TYPE.test(candidate.type ?? "")) ?? usable[0];
  const media = candidates.filter((candidate) => candidate.url && (candidate.alternate || MEDIA_TYPE.test(candidate.type ?? "")));
  const listening = media.find((candidate) => AUDIO_TYPE.test(candidate.type ?? "")) ?? primary ?? media[0];
  if (!listening) return NO_ENCLOSURE;
  const audioUrl = resolveUrl(listening.url, base);
  const alternateEnclosures: MediaFile[] = [];
  for (const candidate of media) {
    const file = candidate === listening ? null : mediaFile(candidate, base);
    if (file && file.url !== audioUrl && !alternateEnclosures.some((kept) => kept.url === file.url)) alternateEnclosures.push(file);
  }
  return {
    audioUrl,
    audioType: listening.type?.toLowerCase() ?? null,
    audioLength: byteLength(listening.length),
    alternateEnclosures,
    written: primary?.url ?? null,
    identityUrl: primary ? (resolveUrl(primary.url, base) ?? primary.url) : null,
  };
}

function mediaFile(candidate: Candidate, base: string | null): MediaFile | null {
  const url = resolveUrl(candidate.url, base);
  if (!url) return null;
  return {
    url,
    type: candidate.type?.toLowerCase() ?? null,
    length: byteLength(candidate.length),
    title: candidate.alternate?.title ?? null,
    height: wholeNumber(candidate.alternate?.height ?? null),
    // Bits per second, which feeds write with decimals ("511276.52").
    bitrate: bitrate(candidate.alternate?.bitrate ?? null),
  };
}

/**
 * A file's size in bytes. Hour-long videos pass a billion bytes, so this reads up to 15 digits, still
 * exact in a JavaScript number; zero is what feeds write when they do not know.
 */
function byteLength(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  const length = Number(value);
  return length > 0 ? length : null;
}

function bitrate(value: string | null): number | null {
  if (value === null || !/^\d{1,12}(\.\d+)?$/.test(value)) return null;
  const rounded = Math.round(Number(value));
  return rounded > 0 ? rounded : null;
}

export function rssEnclosureCandidates(item: unknown): Candidate[] {
  const enclosures = all(item, "enclosure").map((element) => ({
    url: attribute(element, "url"),
    type: attribute(element, "type"),
    length: attribute(element, "length"),
  }));
  const alternates = alternateEnclosureCandidates(item);
  if (enclosures.some((candidate) => candidate.url)) return alternates.length ? [...enclosures, ...alternates] : enclosures;
  const mediaContent = [...all(item, "media:content"), ...all(item, "media:group").flatMap((group) => all(group, "media:content"))]
    .filter((content) => /^(audio|video)$/i.test(attribute(content, "medium") ?? "") || MEDIA_TYPE.test(attribute(content, "type") ?? ""))
    .map((content) => ({ url: attribute(content, "url"), type: attribute(content, "type"), length: attribute(content, "fileSize") }));
  return [...mediaContent, ...alternates];
}

/**
 * `podcast:alternateEnclosure` editions, each at its first web address: the namespace also allows IPFS,
 * torrents and the like, which neither a browser nor the transcriber can fetch. The default edition comes
 * first, as the namespace asks apps to prefer it.
 */
export function alternateEnclosureCandidates(item: unknown): Candidate[] {
  const elements = all(item, "podcast:alternateEnclosure");
  if (elements.length === 0) return [];
  const candidates: Candidate[] = [];
  for (const element of elements) {
    const source = all(element, "podcast:source").find((candidate) => resolveUrl(attribute(candidate, "uri"), "http://relative.invalid/"));
    if (!source) continue;
    const candidate: Candidate = {
      url: attribute(source, "uri"),
      type: attribute(source, "contentType") ?? attribute(element, "type"),
      length: attribute(element, "length"),
      alternate: { title: oneLine(attribute(element, "title")), height: attribute(element, "height"), bitrate: attribute(element, "bitrate") },
    };
    if (attribute(element, "default")?.toLowerCase() === "true") candidates.unshift(candidate);
    else candidates.push(candidate);
  }
  return candidates;
}
