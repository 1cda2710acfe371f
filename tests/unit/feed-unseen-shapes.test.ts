/**
 * Feed shapes a black-box test found on real feeds the corpus did not have (issue 13): enclosures past a
 * billion bytes, iTunes artwork written as markup, Podcasting 2.0 alternate enclosures, funding links,
 * and the value-for-value tags Podbrief reads nothing from but says it skipped. Each fixture in
 * tests/fixtures/feeds is modelled on a real feed of that kind.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";
import type { ParsedEpisode, ParsedFeed } from "@/lib/ingest/types";

const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/feeds");

function fixture(name: string): ParsedFeed {
  return parseFeed(fs.readFileSync(path.join(fixturesDir, name)), { baseUrl: `https://feeds.example/${name}` });
}

function episode(feed: ParsedFeed, guid: string): ParsedEpisode {
  const found = feed.episodes.find((candidate) => candidate.guid === guid);
  if (!found) throw new Error(`no episode ${guid}`);
  return found;
}

const rss = (items: string, channel = "") =>
  `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title><link>https://show.example/</link>${channel}${items}</channel></rss>`;

describe("enclosure lengths", () => {
  it("a 2160p episode of 4.2 GB, and one of exactly a billion bytes, keep their lengths", () => {
    const feed = fixture("video-alternate-enclosure.xml");
    expect(episode(feed, "wf-111")).toMatchObject({
      audioUrl: "https://media.workshop-footage.example/111/wf111-2160p.mp4",
      audioType: "video/mp4",
      audioLength: 1_000_000_000,
    });
    const alternate = episode(feed, "wf-112").alternateEnclosures.find((media) => media.url.endsWith("wf112-2160p.mp4"));
    expect(alternate?.length).toBe(4_187_332_608);
  });

  it("a length that is not a whole number of bytes, or zero, is unknown", () => {
    const lengths = ["", "0", "-5", "12.5", "1e9", "99999999999999999999"].map(
      (length) => parseFeed(rss(`<item><guid>1</guid><enclosure url="https://s.example/a.mp3" type="audio/mpeg" length="${length}"/></item>`)).episodes[0]?.audioLength,
    );
    expect(lengths).toEqual([null, null, null, null, null, null]);
  });
});

describe("artwork", () => {
  it("iTunes artwork written as markup text is no address: the RSS image is the show's, and episodes get none", () => {
    const feed = fixture("malformed-itunes-image.xml");
    expect(feed.imageUrl).toBe("http://gracechapel.example/media/podcast-logo-1400.png");
    expect(feed.episodes.map((item) => item.imageUrl)).toEqual([null, null]);
  });

  it("falls back in order past each unusable address, and still resolves a plain relative one", () => {
    const channel = [
      "<itunes:image>src=/art/itunes.png</itunes:image>",
      '<googleplay:image href="javascript:alert(1)"/>',
      '<media:thumbnail url="&lt;img src=/art/thumb.png&gt;"/>',
      "<image><url>/art/show.png</url></image>",
    ].join("");
    expect(parseFeed(rss("<item><guid>1</guid></item>", channel)).imageUrl).toBe("https://show.example/art/show.png");
    const relative = parseFeed(rss('<item><guid>1</guid><itunes:image href="ep1.jpg?v=2"/></item>', '<itunes:image href="Cover Art.jpg"/>'));
    expect(relative.imageUrl).toBe("https://show.example/Cover%20Art.jpg");
    expect(relative.episodes[0]?.imageUrl).toBe("https://show.example/ep1.jpg?v=2");
  });
});

describe("podcast:alternateEnclosure", () => {
  it("a 2.5 MB audio edition beside a 4 GB 2160p video is the one to listen to; the videos are kept as alternates", () => {
    const feed = fixture("video-alternate-enclosure.xml");
    const latest = episode(feed, "wf-112");
    expect(latest).toMatchObject({
      audioUrl: "https://media.workshop-footage.example/112/wf112-audio.m4a",
      audioType: "audio/mp4",
      audioLength: 2_500_000,
    });
    expect(latest.alternateEnclosures).toEqual([
      { url: "https://media.workshop-footage.example/112/wf112-2160p.mp4", type: "video/mp4", length: 4_187_332_608, title: null, height: null, bitrate: null },
      { url: "https://media.workshop-footage.example/112/wf112-1080p.mp4", type: "video/mp4", length: 1_048_576_000, title: "1080p", height: 1080, bitrate: 1_100_000 },
    ]);
    // An episode with only its video has no alternates.
    expect(episode(feed, "wf-111").alternateEnclosures).toEqual([]);
  });

  it("an audio enclosure stays the episode; only web addresses are kept among an alternate's sources", () => {
    const item = `<item><guid>1</guid><enclosure url="https://s.example/ep.mp3" type="audio/mpeg" length="43200000"/>
      <podcast:alternateEnclosure type="audio/opus" length="5400000" bitrate="16000" title="Low bandwidth">
        <podcast:source uri="ipfs://someLowBitrateOpusFile"/>
      </podcast:alternateEnclosure>
      <podcast:alternateEnclosure type="video/mp4" length="7924786" height="720" title="Video version">
        <podcast:source uri="ipfs://QmX33FYehk6ckGQ6g1D9D3FqZPix5JpKstKQKbaS8quUFb"/>
        <podcast:source uri="https://s.example/ep-720.mp4"/>
      </podcast:alternateEnclosure></item>`;
    const [parsed] = parseFeed(rss(item)).episodes;
    expect(parsed).toMatchObject({ audioUrl: "https://s.example/ep.mp3", audioType: "audio/mpeg", audioLength: 43_200_000 });
    expect(parsed?.alternateEnclosures).toEqual([{ url: "https://s.example/ep-720.mp4", type: "video/mp4", length: 7_924_786, title: "Video version", height: 720, bitrate: null }]);
  });

  it("an item without a GUID keeps the identity its enclosure gave it before alternates were read", () => {
    const video = '<enclosure url="https://s.example/ep-2160p.mp4" type="video/mp4" length="4000000000"/>';
    const audio = '<podcast:alternateEnclosure type="audio/mp4" length="2500000"><podcast:source uri="https://s.example/ep.m4a"/></podcast:alternateEnclosure>';
    const without = parseFeed(rss(`<item><title>Ep</title>${video}</item>`)).episodes[0];
    const withAlternate = parseFeed(rss(`<item><title>Ep</title>${video}${audio}</item>`)).episodes[0];
    expect(withAlternate?.audioUrl).toBe("https://s.example/ep.m4a");
    expect(withAlternate?.guid).toBe(without?.guid);
  });
});

describe("value-for-value tags", () => {
  it("podcast:funding links are read with their titles; a link that is not a web address is dropped", () => {
    expect(fixture("value-for-value.xml").funding).toEqual([
      { url: "https://boostagramball.example/support", title: "Support the show!" },
      { url: "https://www.patreon.com/boostagramball", title: "Become a member on Patreon" },
      { url: "https://ko-fi.com/boostagramball", title: null },
    ]);
    expect(fixture("malformed-itunes-image.xml").funding).toEqual([]);
  });

  it("the tags Podbrief reads nothing from are listed as skipped, with how often they occur", () => {
    const feed = fixture("value-for-value.xml");
    expect(feed.ignoredTags).toEqual([
      { tag: "podcast:liveItem", count: 1 },
      { tag: "podcast:podroll", count: 1 },
      { tag: "podcast:remoteItem", count: 3 },
      { tag: "podcast:value", count: 2 },
      { tag: "podcast:valueRecipient", count: 4 },
      { tag: "podcast:valueTimeSplit", count: 1 },
    ]);
    // The live stream is not an episode.
    expect(feed.episodes.map((item) => item.guid)).toEqual(["bb-57"]);
    expect(fixture("malformed-itunes-image.xml").ignoredTags).toEqual([]);
  });
});
