/**
 * The namespaced tags that RSS items and Atom entries share: iTunes, Podcasting 2.0, Podlove chapters and
 * Media RSS. Podcasting 2.0 defaults follow the namespace's documentation: a person's role is "host" and
 * group "cast" unless stated, and both are compared case-insensitively, so they are stored lower-cased.
 */
import type { ParsedEpisode, Person, Soundbite, TranscriptLink } from "@/lib/ingest/types";
import { parseFeedDate } from "@/lib/ingest/feed/dates";
import { parseDuration } from "@/lib/ingest/feed/durations";
import type { Enclosure } from "@/lib/ingest/feed/enclosure";
import { episodeIdentity, fallbackTitle } from "@/lib/ingest/feed/episode-identity";
import { readPodloveChapters } from "@/lib/ingest/feed/podlove-chapters";
import { sanitizeShowNotes } from "@/lib/ingest/feed/sanitize-html";
import { resolveImageUrl, resolveUrl } from "@/lib/ingest/feed/urls";
import { all, attribute, childText, first, oneLine, text } from "@/lib/ingest/feed/xml";

/** What RSS items and Atom entries each read their own way, before anything is derived from it. */
export type ItemParts = {
  /** The feed's own id (guid, Atom id, podcast:guid), if any. */
  id: string | null;
  enclosure: Enclosure;
  title: string | null;
  dateText: string | null;
  /** The item's link, resolved against the feed; `rawLink` as written, for an identity when it does not resolve. */
  link: string | null;
  rawLink: string | null;
  notesHtml: string | null;
};

/**
 * The whole episode from its parts and the namespaced tags read here, or null for an item nothing
 * identifies. Written out field by field, because spreading objects into a literal costs more per
 * item than all the rest of reading it.
 */
export function readEpisode(parts: ItemParts, item: unknown, base: string | null, showPersons: Person[]): ParsedEpisode | null {
  const { enclosure, title, dateText } = parts;
  const identity = episodeIdentity(parts.id, { enclosureUrl: enclosure.identityUrl, link: parts.link ?? parts.rawLink, title, dateText });
  if (!identity) return null;
  const chapters = first(item, "podcast:chapters");
  const persons = readPersons(item, base);
  return {
    guid: identity.guid,
    guidDerived: identity.guidDerived,
    title: title ?? fallbackTitle(enclosure.audioUrl ?? enclosure.written),
    showNotesHtml: sanitizeShowNotes(parts.notesHtml, base),
    publishedAt: parseFeedDate(dateText),
    durationSeconds: parseDuration(childText(item, "itunes:duration")),
    audioUrl: enclosure.audioUrl,
    audioType: enclosure.audioType,
    audioLength: enclosure.audioLength,
    alternateEnclosures: enclosure.alternateEnclosures,
    imageUrl: readImage(item, base),
    link: parts.link,
    season: wholeNumber(childText(item, "itunes:season", "podcast:season")),
    episodeNumber: wholeNumber(childText(item, "itunes:episode", "podcast:episode")),
    episodeType: childText(item, "itunes:episodeType")?.toLowerCase() ?? null,
    chaptersUrl: resolveUrl(attribute(chapters, "url"), base),
    chaptersType: attribute(chapters, "type")?.toLowerCase() ?? null,
    chapters: readPodloveChapters(item, base),
    transcripts: readTranscripts(item, base),
    // The namespace: persons named on the show take part in every episode that names none of its own.
    persons: persons.length ? persons : showPersons,
    soundbites: readSoundbites(item),
  };
}

/**
 * iTunes artwork first (what podcast apps show), then Media RSS thumbnails and images; the first that is
 * an address wins, so a malformed one gives way to the next.
 */
export function readImage(node: unknown, base: string | null): string | null {
  const candidates = [
    attribute(first(node, "itunes:image"), "href"),
    text(first(node, "itunes:image")),
    attribute(first(node, "googleplay:image"), "href"),
    attribute(first(node, "media:thumbnail"), "url"),
    ...all(node, "media:content")
      .filter((content) => attribute(content, "medium") === "image" || attribute(content, "type")?.startsWith("image/"))
      .map((content) => attribute(content, "url")),
  ];
  for (const candidate of candidates) {
    const url = resolveImageUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

export function readPersons(node: unknown, base: string | null): Person[] {
  const persons: Person[] = [];
  for (const element of all(node, "podcast:person")) {
    const name = oneLine(text(element));
    if (!name) continue;
    persons.push({
      name,
      role: attribute(element, "role")?.toLowerCase() ?? "host",
      group: attribute(element, "group")?.toLowerCase() ?? "cast",
      href: resolveUrl(attribute(element, "href"), base),
      img: resolveUrl(attribute(element, "img"), base),
    });
  }
  return persons;
}

/** RSS writes people as addresses, with the name in parentheses: "jane@example.com (Jane Doe)". */
export function personName(value: string | null): string | null {
  const line = oneLine(value);
  // The patterns backtrack on long runs of "@"; no name with an address is longer than this.
  if (!line || line.length > 300) return line;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(line)?.[1] ?? /^(.+?)\s*\(\S+@\S+\)$/.exec(line)?.[1];
  return named ? named.trim() : line;
}

function readTranscripts(item: unknown, base: string | null): TranscriptLink[] {
  const transcripts: TranscriptLink[] = [];
  for (const element of all(item, "podcast:transcript")) {
    const url = resolveUrl(attribute(element, "url"), base);
    if (!url) continue;
    transcripts.push({
      url,
      type: attribute(element, "type")?.toLowerCase() ?? null,
      language: attribute(element, "language"),
      rel: attribute(element, "rel")?.toLowerCase() ?? null,
    });
  }
  return transcripts;
}

function readSoundbites(item: unknown): Soundbite[] {
  const soundbites: Soundbite[] = [];
  for (const element of all(item, "podcast:soundbite")) {
    const startSeconds = seconds(attribute(element, "startTime"));
    const durationSeconds = seconds(attribute(element, "duration"));
    if (startSeconds === null || durationSeconds === null || durationSeconds <= 0) continue;
    soundbites.push({ startSeconds, durationSeconds, title: oneLine(text(element)) });
  }
  return soundbites;
}

function seconds(value: string | null): number | null {
  if (value === null || !/^\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

export function wholeNumber(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}
