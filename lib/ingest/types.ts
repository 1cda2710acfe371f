/**
 * The normalized shapes the ingestion pipeline passes between its parts: feed parsing, transcript and
 * chapter parsing, and storage. Parsers produce them from untrusted bytes; storage trusts only them.
 */

/** A `podcast:transcript` (or equivalent) link offered by a feed item. */
export type TranscriptLink = {
  url: string;
  /** MIME type as the feed states it, lower-cased, e.g. "text/vtt", "application/json". */
  type: string | null;
  language: string | null;
  /** `rel="captions"` marks a transcript that is timed captions. */
  rel: string | null;
};

export type Person = {
  name: string;
  role: string | null;
  group: string | null;
  href: string | null;
  img: string | null;
};

/** One edition of an episode's media: an enclosure, or a `podcast:alternateEnclosure` at its web address. */
export type MediaFile = {
  url: string;
  type: string | null;
  /** Bytes. */
  length: number | null;
  title: string | null;
  /** Video height in pixels. */
  height: number | null;
  /** Bits per second. */
  bitrate: number | null;
};

/** A `podcast:funding` link: where listeners can support the show. */
export type FundingLink = { url: string; title: string | null };

/** A tag the parser found and reads nothing from, and how many times the feed has it. */
export type IgnoredTag = { tag: string; count: number };

export type Soundbite = { startSeconds: number; durationSeconds: number; title: string | null };

export type Chapter = {
  startSeconds: number;
  endSeconds: number | null;
  title: string;
  url: string | null;
  imageUrl: string | null;
};

export type ParsedEpisode = {
  /**
   * The item's GUID (podcast:guid/guid/atom id), or, when it has none, a stable identity derived from
   * the enclosure URL, link, or title + date — the same for the same item on every poll.
   */
  guid: string;
  /** True when `guid` was derived rather than given by the feed. */
  guidDerived: boolean;
  title: string;
  /** Sanitized HTML (content:encoded preferred over description); null when the item has none. */
  showNotesHtml: string | null;
  publishedAt: Date | null;
  durationSeconds: number | null;
  audioUrl: string | null;
  audioType: string | null;
  audioLength: number | null;
  /** The episode's other editions (a video beside the audio, say): listening takes `audioUrl`, the first audio one. */
  alternateEnclosures: MediaFile[];
  imageUrl: string | null;
  link: string | null;
  season: number | null;
  episodeNumber: number | null;
  episodeType: string | null;
  chaptersUrl: string | null;
  chaptersType: string | null;
  /** Podlove simple chapters embedded in the item. */
  chapters: Chapter[];
  transcripts: TranscriptLink[];
  persons: Person[];
  soundbites: Soundbite[];
};

export type ParsedFeed = {
  format: "rss" | "atom";
  title: string;
  description: string | null;
  author: string | null;
  imageUrl: string | null;
  siteUrl: string | null;
  language: string | null;
  categories: string[];
  /** `podcast:guid` of the show, when the feed has one. */
  podcastGuid: string | null;
  /** Polling hints: RSS `ttl` in minutes, or `sy:updatePeriod`/`sy:updateFrequency` turned into minutes. */
  ttlMinutes: number | null;
  /** `podcast:locked` is "yes". */
  locked: boolean;
  /** The feed's own address when it declares a new one (itunes:new-feed-url, atom self link). */
  newFeedUrl: string | null;
  funding: FundingLink[];
  /** Podcasting 2.0 tags Podbrief does not read (value splits, live streams, podrolls), so tools can say what was skipped. */
  ignoredTags: IgnoredTag[];
  /** The newest MAX_EPISODES_PER_FEED items (see newest-items.ts), less any that could not be read. */
  episodes: ParsedEpisode[];
  /** How many items the feed lists: more than `episodes` when over the cap or when some were unreadable. */
  itemCount: number;
};

export type TranscriptSegment = {
  /** Seconds from the start of the episode. */
  start: number;
  end: number;
  speaker: string | null;
  text: string;
};

export type TranscriptFormat = "vtt" | "srt" | "json" | "html" | "text";

export type ParsedTranscript = {
  format: TranscriptFormat;
  /** The whole text, segments joined, for search and extraction. */
  text: string;
  /** Timed segments in order; for untimed text, one segment per paragraph with start = end = 0. */
  segments: TranscriptSegment[];
  /** False when the source had no times at all (plain text, Markdown). */
  timed: boolean;
};
