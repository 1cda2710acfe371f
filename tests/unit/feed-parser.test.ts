/**
 * The feed parser against the shared corpus of real feeds (../shared/corpus/feeds, see its SOURCES.md):
 * every feed parses, the upstream parsers' oracles agree field by field where we mean to agree, and the
 * facts the upstream projects assert about these files hold. Where we differ from an oracle on purpose,
 * the test says so and why.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { htmlToText } from "@/lib/ingest/html-to-text";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import { pickBestTranscript } from "@/lib/ingest/transcript/pick-transcript";
import type { ParsedEpisode, ParsedFeed } from "@/lib/ingest/types";
import { corpusDir, corpusFile } from "../helpers/corpus";

const feedFiles = fs
  .readdirSync(path.join(corpusDir, "feeds"))
  .filter((name) => !name.endsWith(".json"))
  .sort();

function feed(name: string, options?: Parameters<typeof parseFeed>[1]): ParsedFeed {
  return parseFeed(corpusFile(`feeds/${name}`), options);
}

function oracle<T>(name: string, encoding: BufferEncoding = "utf8"): T {
  return JSON.parse(corpusFile(`feeds/${name}.expected.json`).toString(encoding)) as T;
}

function episodeTitled(parsed: ParsedFeed, title: string): ParsedEpisode {
  const episode = parsed.episodes.find((candidate) => candidate.title === title);
  if (!episode) throw new Error(`no episode titled ${title}`);
  return episode;
}

describe("every corpus feed", () => {
  it("is in the corpus (the shared corpus is mounted beside the checkout)", () => {
    expect(feedFiles.length).toBeGreaterThanOrEqual(29);
  });

  it.each(feedFiles)("%s parses into a titled feed whose episodes all have a GUID and a title", (name) => {
    const parsed = feed(name);
    expect(parsed.title).not.toBe("");
    expect(parsed.episodes.length).toBeGreaterThan(0);
    for (const episode of parsed.episodes) {
      expect(episode.guid).not.toBe("");
      expect(episode.title).not.toBe("");
      for (const url of [episode.audioUrl, episode.link, episode.imageUrl, episode.chaptersUrl, ...episode.transcripts.map((t) => t.url)]) {
        if (url !== null) expect(url).toMatch(/^https?:\/\//);
      }
    }
  });

  it.each(feedFiles)("%s gives the same GUIDs on every parse", (name) => {
    expect(feed(name).episodes.map((episode) => episode.guid)).toEqual(feed(name).episodes.map((episode) => episode.guid));
  });

  // Taverncast lists http://taverncast.com/shows/geekistry-2.mp3 as the <guid> of two different items:
  // the feed itself repeats it, and a GUID the feed gives is kept as given (storage keeps the first).
  const feedsWithRepeatedGuids = new Set(["rssparser_itunes-missing-image.rss"]);
  it.each(feedFiles.filter((name) => !feedsWithRepeatedGuids.has(name)))("%s has no two episodes with the same GUID", (name) => {
    const guids = feed(name).episodes.map((episode) => episode.guid);
    expect(new Set(guids).size).toBe(guids.length);
  });

  it("the one feed that repeats a GUID really does repeat it in its source", () => {
    const source = corpusFile("feeds/rssparser_itunes-missing-image.rss").toString("utf8");
    expect(source.match(/<guid>http:\/\/taverncast\.com\/shows\/geekistry-2\.mp3<\/guid>/g)).toHaveLength(2);
  });

  it("leaves no script, event handler, javascript: link or image in any show notes", () => {
    for (const name of feedFiles) {
      for (const episode of feed(name).episodes) {
        expect(episode.showNotesHtml ?? "").not.toMatch(/<script|<style|<iframe|<img|\son\w+=|javascript:/i);
      }
    }
  });
});

// gpodder/podcastparser's expected output, in its own shape.
type GpodderFeed = {
  title: string;
  episodes: {
    title: string;
    guid: string;
    link: string;
    description: string;
    published: number;
    total_time: number;
    type?: string;
    transcript_url?: string;
    enclosures: { url: string; mime_type: string; file_size: number }[];
    chapters?: { start: number; title: string; href?: string; image?: string }[];
    persons?: { name: string; role: string; group: string; href: string | null; img: string | null }[];
  }[];
};

/**
 * The oracle's relative URLs are resolved against `file://tests/data/` (where its tests ran); we only keep
 * web addresses, so we parse with an https base in the same place and move the oracle's URLs there too.
 */
const GPODDER_BASE = "https://podcastparser.test/tests/data/";
const onOurBase = (url: string) => url.replace("file://tests/data/", GPODDER_BASE);

/** Our feed in podcastparser's shape, with its conventions for missing values (0, "", -1, octet-stream). */
function asGpodder(parsed: ParsedFeed) {
  return parsed.episodes.map((episode) => ({
    title: episode.title,
    published: episode.publishedAt ? episode.publishedAt.getTime() / 1000 : 0,
    total_time: episode.durationSeconds ?? 0,
    enclosures: episode.audioUrl
      ? [{ url: episode.audioUrl, mime_type: episode.audioType ?? "application/octet-stream", file_size: episode.audioLength ?? -1 }]
      : [],
    type: episode.episodeType ?? undefined,
    transcript_url: episode.transcripts[0]?.url,
    persons: episode.persons.length ? episode.persons : undefined,
  }));
}

describe("gpodder/podcastparser oracles", () => {
  const cases = [
    "podcastparser_atom_content_encoded.rss",
    "podcastparser_chapters.rss",
    "podcastparser_episode_podcast_person.rss",
    "podcastparser_episode_podcast_transcript.rss",
    "podcastparser_html_in_description_rss_both_different.rss",
    "podcastparser_itunes_no_xmlns.rss",
    "podcastparser_no_guid.rss",
    "podcastparser_relative.rss",
  ];

  it.each(cases)("%s: titles, dates, durations, enclosures, type, transcript and persons agree", (name) => {
    const expected = oracle<GpodderFeed>(name);
    const parsed = feed(name, { baseUrl: `${GPODDER_BASE}${name}` });
    const ours = asGpodder(parsed);
    expect(ours).toHaveLength(expected.episodes.length);
    expected.episodes.forEach((episode, index) => {
      const mine = ours[index]!;
      expect(mine.title).toBe(episode.title);
      expect(mine.published).toBe(episode.published);
      expect(mine.total_time).toBe(episode.total_time);
      expect(mine.enclosures).toEqual(episode.enclosures.map((enclosure) => ({ ...enclosure, url: onOurBase(enclosure.url) })));
      expect(mine.type).toBe(episode.type);
      expect(mine.transcript_url).toBe(episode.transcript_url);
      // We store addresses normalized (new URL().href), which gives a bare host its "/".
      const normalized = (url: string | null) => (url === null ? null : new URL(url).href);
      expect(mine.persons).toEqual(episode.persons?.map((person) => ({ ...person, href: normalized(person.href), img: normalized(person.img) })));
    });
  });

  it.each(cases)("%s: show notes read the same as the oracle's plain-text description", (name) => {
    const expected = oracle<GpodderFeed>(name);
    const parsed = feed(name, { baseUrl: `${GPODDER_BASE}${name}` });
    expected.episodes.forEach((episode, index) => {
      const notes = parsed.episodes[index]!.showNotesHtml;
      expect(notes ? htmlToText(notes) : "").toBe(episode.description);
    });
  });

  it("GUIDs agree where both keep the feed's GUID or derive it from the enclosure", () => {
    for (const name of ["podcastparser_atom_content_encoded.rss", "podcastparser_episode_podcast_person.rss", "podcastparser_relative.rss"]) {
      const expected = oracle<GpodderFeed>(name).episodes.map((episode) => onOurBase(episode.guid));
      expect(feed(name, { baseUrl: `${GPODDER_BASE}${name}` }).episodes.map((episode) => episode.guid)).toEqual(expected);
    }
  });

  it("differs on purpose: a GUID is an opaque name, not an address to resolve, and implies no link", () => {
    // podcastparser treats <guid>episode</guid> as a permalink: GUID "file://tests/data/episode", link the same.
    const [episode] = feed("podcastparser_chapters.rss", { baseUrl: `${GPODDER_BASE}chapters.rss` }).episodes;
    expect(oracle<GpodderFeed>("podcastparser_chapters.rss").episodes[0]!.guid).toBe("file://tests/data/episode");
    expect(episode).toMatchObject({ guid: "episode", guidDerived: false, link: null });
  });

  it("differs on purpose: without a GUID the enclosure comes before the link, since many feeds link every item to one page", () => {
    const [episode] = feed("podcastparser_no_guid.rss").episodes;
    expect(oracle<GpodderFeed>("podcastparser_no_guid.rss").episodes[0]!.guid).toBe("http://example.com/episode/1");
    expect(episode).toMatchObject({ guid: "http://example.com/test.ogg", guidDerived: true, link: "http://example.com/episode/1" });
  });

  it("differs on purpose: a feed without a title is named after its host, not its file name", () => {
    expect(oracle<GpodderFeed>("podcastparser_no_guid.rss").title).toBe("no_guid");
    expect(feed("podcastparser_no_guid.rss", { baseUrl: "https://feeds.example.org/no_guid.rss" }).title).toBe("feeds.example.org");
    expect(feed("podcastparser_no_guid.rss").title).toBe("Untitled podcast");
  });

  it("Podlove chapters: same starts (we keep the milliseconds podcastparser drops), titles, links and images", () => {
    const expected = oracle<GpodderFeed>("podcastparser_chapters.rss").episodes[0]!.chapters!;
    const chapters = feed("podcastparser_chapters.rss").episodes[0]!.chapters;
    expect(chapters.map((chapter) => Math.floor(chapter.startSeconds))).toEqual(expected.map((chapter) => chapter.start));
    expect(chapters.map((chapter) => chapter.startSeconds)).toEqual([0, 1, 62, 3723, 3723.4]);
    expect(chapters.map((chapter) => [chapter.title, chapter.url, chapter.imageUrl])).toEqual(
      expected.map((chapter) => [chapter.title, chapter.href ?? null, chapter.image ?? null]),
    );
    expect(chapters.map((chapter) => chapter.endSeconds)).toEqual([1, 62, 3723, 3723.4, null]);
  });

  it("differs on purpose: show notes are sanitized, and h1 becomes h2 under the page's own heading", () => {
    expect(feed("podcastparser_html_in_description_rss_both_different.rss").episodes[0]!.showNotesHtml).toBe("<h2>This is also a <em>test</em></h2>");
    expect(feed("podcastparser_atom_content_encoded.rss").episodes[0]!.showNotesHtml).toBe("<h2>Hello</h2>");
  });
});

// rbren/rss-parser's expected output, in its own shape.
type RssParserFeed = {
  feed: {
    title: string;
    items: {
      title?: string;
      guid?: string;
      link?: string;
      isoDate?: string;
      enclosure?: { url: string; length?: string; type?: string };
      itunes?: { duration?: string; episode?: string; episodeType?: string };
    }[];
  };
};

/** rss-parser passes itunes:duration through as text; this is the reading every podcast app gives it. */
function durationOf(text: string | undefined): number | null {
  if (!text) return null;
  const seconds = text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) / 1000 : null;
}

describe("rbren/rss-parser oracles", () => {
  const cases: [string, BufferEncoding][] = [
    ["rssparser_giantbomb-podcast.rss", "utf8"],
    ["rssparser_item-itunes-episodeType.rss", "utf8"],
    ["rssparser_itunes-keywords-astext.rss", "utf8"],
    ["rssparser_narro.rss", "utf8"],
    // The oracle was written in the feed's own encoding, ISO-8859-1.
    ["rssparser_encoding.rss", "latin1"],
  ];

  it.each(cases)("%s: feed title, and every item's title, GUID, enclosure, date, duration and episode fields", (name, encoding) => {
    const expected = oracle<RssParserFeed>(name, encoding).feed;
    const parsed = feed(name);
    expect(parsed.title).toBe(expected.title.trim());
    expect(parsed.episodes).toHaveLength(expected.items.length);
    expected.items.forEach((item, index) => {
      const episode = parsed.episodes[index]!;
      expect(episode.title).toBe(item.title?.replace(/\s+/g, " ").trim());
      // rss-parser has no GUID for an item without one; we derive it, from the link when there is no enclosure.
      expect(episode.guid).toBe(item.guid ?? item.enclosure?.url ?? item.link);
      expect(episode.guidDerived).toBe(item.guid === undefined);
      expect(episode.audioUrl).toBe(item.enclosure ? new URL(item.enclosure.url).href : null);
      expect(episode.audioType).toBe(item.enclosure?.type ?? null);
      expect(episode.audioLength).toBe(item.enclosure?.length && Number(item.enclosure.length) > 0 ? Number(item.enclosure.length) : null);
      expect(episode.publishedAt?.toISOString()).toBe(item.isoDate);
      expect(episode.durationSeconds).toBe(durationOf(item.itunes?.duration));
      expect(episode.episodeNumber).toBe(item.itunes?.episode ? Number(item.itunes.episode) : null);
      expect(episode.episodeType).toBe(item.itunes?.episodeType ?? null);
    });
  });

  it("reads the ISO-8859-1 feed's accented letters, which rss-parser's oracle shows decoded", () => {
    const parsed = feed("rssparser_encoding.rss");
    expect(parsed.title).toBe("Jornal de Notícias - Últimas Notícias");
    expect(parsed.episodes[0]!.title).toBe("Mãe de utente é a nova presidente da Raríssimas");
    expect(parsed.episodes[0]!.showNotesHtml).toContain("Sónia Laygue");
  });
});

describe("facts the upstream projects assert about these feeds", () => {
  it("changing-the-tide: 15 episodes, and the 8₿it one keeps its enclosure's query string", () => {
    const parsed = feed("partytime_changing-the-tide.xml");
    expect(parsed.episodes).toHaveLength(15);
    expect(episodeTitled(parsed, "0.00000014: 8₿it, BTC.email").audioUrl).toBe(
      "https://t.subsplash.com/r/aHR0cHM6Ly9jZG4uc3Vic3BsYXNoLmNvbS9hdWRpb3MvR0JNOTlTLzBhYTU3OTYxLWZhM2QtNGM1Yi04ZmVjLTllOGRmNDM4OTVjZC9hdWRpby5tcDM.mp3?k=GBM99S&s=3&sapid=67bxc3f",
    );
  });

  it("dk-podcast: all 59 episodes, the one with a blank GUID given a derived one from its enclosure", () => {
    const parsed = feed("partytime_dk-podcast.xml");
    expect(parsed.episodes).toHaveLength(59);
    const derived = parsed.episodes.filter((episode) => episode.guidDerived);
    expect(derived).toHaveLength(1);
    expect(derived[0]!.guid).toBe(derived[0]!.audioUrl);
    expect(parsed.episodes.filter((episode) => /^\d+$/.test(episode.guid))).toHaveLength(58);
  });

  it("titles of the partytime real-world feeds", () => {
    expect(feed("partytime_no-agenda.xml").title).toBe("No Agenda");
    expect(feed("partytime_animated-no-agenda.xml").title).toBe("Animated No Agenda");
    expect(feed("partytime_1865.xml").title).toBe("1865");
  });

  it("podverse test feed: its 5 items are episodes; its 4 podcast:liveItem streams are not (they have no episode to keep)", () => {
    const source = corpusFile("feeds/partytime_podverse-test-feed.xml").toString("utf8");
    expect(source.match(/<podcast:liveItem\b/g)).toHaveLength(4);
    expect(feed("partytime_podverse-test-feed.xml").episodes).toHaveLength(5);
  });

  it("no-agenda parses despite '&gtgt;' on line 2761, and the names after it are still in the notes", () => {
    const parsed = feed("partytime_no-agenda.xml");
    expect(parsed.episodes).toHaveLength(29);
    const notes = parsed.episodes.map((episode) => episode.showNotesHtml ?? "").find((html) => html.includes("Pat E"));
    expect(notes).toContain("Kristi Jensen");
  });

  it("CRE: the first episode's 15 Podlove chapters, from 00:00:26.407 to Abschied at 5700.034 s", () => {
    const chapters = feed("feedjira_CRE.xml").episodes[0]!.chapters;
    expect(chapters).toHaveLength(15);
    expect(chapters[0]).toMatchObject({ title: "Neil DeGrasse Tyson on Science", startSeconds: 26.407, endSeconds: 50 });
    expect(chapters.slice(1, 4).map((chapter) => chapter.startSeconds)).toEqual([50, 59.12, 89.201]);
    expect(chapters.at(-1)).toMatchObject({ title: "Abschied", startSeconds: 5700.034, endSeconds: null });
  });

  it("Night Vale: title, 3 episodes, the first published 2023-09-22 16:30:15 UTC with its podtrac enclosure", () => {
    const parsed = feed("feedjira_itunes_feedburner.xml");
    expect(parsed.title).toBe("Welcome to Night Vale");
    expect(parsed.episodes).toHaveLength(3);
    expect(parsed.episodes[0]!.publishedAt).toEqual(new Date("2023-09-22T16:30:15Z"));
    expect(parsed.episodes[0]!.audioUrl).toBe(
      "https://www.podtrac.com/pts/redirect.mp3/dovetail.prxu.org/_/126/e3dafc45-a202-42d0-a55b-216e733a2d7a/2023_09_17_BTS_Episode_EXCERPT_v2.mp3",
    );
    // The CDATA descriptions have whitespace around them, which is not part of the notes.
    expect(parsed.episodes[0]!.showNotesHtml).toBe("<p>An excerpt from our most recent patreon Behind the Scenes episode...</p>");
  });

  it("single-quoted attributes (and a newline before the declaration, and an unclosed itunes:category)", () => {
    const parsed = feed("feedjira_ITunesWithSingleQuotedAttributes.xml");
    expect(parsed.author).toBe("John Doe");
    expect(parsed.imageUrl).toBe("http://example.com/podcasts/everything/AllAboutEverything.jpg");
    expect(parsed.categories).toEqual(["Technology", "Gadgets", "TV & Film"]);
    expect(parsed.episodes).toHaveLength(3);
    expect(parsed.episodes[0]!.audioUrl).toBe("http://example.com/podcasts/everything/AllAboutEverythingEpisode3.m4a");
  });

  it("AntennaPod Atom: feed fields and 10 entries i with their id, title, link, date, enclosure", () => {
    const parsed = feed("antennapod_feed-atom-testAtomBasic.xml");
    expect(parsed).toMatchObject({
      format: "atom",
      title: "title",
      siteUrl: "http://example.com/",
      description: "This is the description",
      imageUrl: "http://example.com/picture",
    });
    expect(parsed.episodes).toHaveLength(10);
    parsed.episodes.forEach((episode, i) => {
      expect(episode).toMatchObject({
        guid: `http://example.com/item-${i}`,
        guidDerived: false,
        title: `item-${i}`,
        link: `http://example.com/items/${i}`,
        publishedAt: new Date(i * 60_000),
        audioUrl: `http://example.com/media-${i}`,
        audioLength: 1048576,
        audioType: "audio/mp3",
      });
    });
  });

  it("AntennaPod transcript test: both transcripts are offered, and the JSON one is the one to read", () => {
    const [episode] = feed("antennapod_feed-rss-testPodcastIndexTranscript.xml").episodes;
    expect(episode!.transcripts.map((transcript) => transcript.type)).toEqual(["application/json", "application/srt"]);
    expect(pickBestTranscript(episode!.transcripts)).toMatchObject({ url: "https://podnews.net/audio/podnews231011.mp3.json", type: "application/json" });
  });

  it("pc20rss: Podcasting 2.0 tags under the legacy namespace URI are read", () => {
    const parsed = feed("partytime_pc20rss.xml");
    expect(parsed.podcastGuid).toBe("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    expect(parsed.locked).toBe(true);
    const [latest] = parsed.episodes;
    expect(latest!.transcripts).toEqual([{ url: "https://mp3s.nashownotes.com/PC20-57-Captions.srt", type: "application/srt", language: null, rel: null }]);
    expect(latest!.chaptersUrl).toBe("http://34.117.70.159/http%3Amp3s.nashownotes.compc20rss.xml/PC2057");
    expect(latest!.persons.map((person) => [person.name, person.role])).toEqual([
      ["Adam Curry", "host"],
      ["Dave Jones", "host"],
      ["Brian of London", "guest"],
    ]);
    expect(parsed.episodes.filter((episode) => episode.transcripts.length > 0).length).toBeGreaterThan(40);
  });

  it("pc20rss: entity-escaped HTML notes come out as markup, not as visible tags", () => {
    const notes = feed("partytime_pc20rss.xml").episodes[0]!.showNotesHtml!;
    expect(notes).toContain("<p><b>Podcasting 2.0 for October 8th 2021 Episode 57: Rebel Rubes</b></p>");
    expect(notes).not.toContain("&lt;p&gt;");
  });

  it("launched: podcast:locked and persons under the legacy namespace", () => {
    const parsed = feed("partytime_launched.xml");
    expect(parsed.locked).toBe(true);
    expect(parsed.episodes.some((episode) => episode.persons.length > 0)).toBe(true);
  });

  it("the namespace's own example: transcripts with language and rel, persons, soundbite, chapters, locked, guid", () => {
    const parsed = feed("podcastns_example.xml");
    expect(parsed).toMatchObject({ podcastGuid: "y0ur-gu1d-g035-h3r3", locked: true, author: "John Doe" });
    const [episode] = parsed.episodes;
    expect(episode!.transcripts).toContainEqual({ url: "https://example.com/episode1/transcript.vtt", type: "text/vtt", language: "es", rel: "captions" });
    expect(episode!.persons).toContainEqual({ name: "Becky Smith", role: "cover art designer", group: "visuals", href: "https://example.com/artist/beckysmith", img: null });
    expect(episode!.soundbites).toEqual([{ startSeconds: 33.833, durationSeconds: 60, title: null }]);
    expect(episode!).toMatchObject({ chaptersUrl: "https://example.com/ep3_chapters.json", chaptersType: "application/json", season: 1, episodeNumber: 3 });
  });

  it("themnshow and no-agenda: transcripts on most episodes", () => {
    for (const name of ["partytime_themnshow.xml", "partytime_no-agenda.xml"]) {
      const episodes = feed(name).episodes;
      expect(episodes.filter((episode) => episode.transcripts.length > 0).length).toBeGreaterThan(episodes.length / 2);
    }
  });

  it("Giant Bombcast: all 730 episodes of a 1.6 MB feed", () => {
    expect(feed("rssparser_giantbomb-podcast.rss").episodes).toHaveLength(730);
  });

  it("Taverncast: the wrong-case iTunes namespace URI is still iTunes, and '00:60:05' is an hour and five seconds", () => {
    const parsed = feed("rssparser_itunes-missing-image.rss");
    expect(parsed.episodes.every((episode) => episode.durationSeconds !== null)).toBe(true);
    expect(episodeTitled(parsed, "Taverncast 4: Animal Crackers").durationSeconds).toBe(3605);
    expect(parsed.categories.length).toBeGreaterThan(0);
  });
});
