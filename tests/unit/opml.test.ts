import { describe, expect, it } from "vitest";
import { buildOpml, parseOpml } from "@/lib/podcasts/opml";

describe("OPML", () => {
  it("reads nested outlines and the attribute spellings real apps write", () => {
    const feeds = parseOpml(`\uFEFF<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Podcasts</title></head><body>
  <outline text="feeds">
    <outline type="rss" text="Tech &amp; Society" xmlUrl="https://example.com/a.xml" />
    <outline type="rss" title="Only a title" XMLURL="https://example.com/b.xml" />
    <outline text="Folder without feed"><outline text="Deep" xmlurl="https://example.com/c.xml"/></outline>
  </outline>
  <outline text="Untitled" xmlUrl="  https://example.com/d.xml  "/>
</body></opml>`);
    expect(feeds).toEqual([
      { title: "Tech & Society", xmlUrl: "https://example.com/a.xml" },
      { title: "Only a title", xmlUrl: "https://example.com/b.xml" },
      { title: "Deep", xmlUrl: "https://example.com/c.xml" },
      { title: "Untitled", xmlUrl: "https://example.com/d.xml" },
    ]);
  });

  it("refuses what is not OPML, or could hurt, with a clear message", () => {
    expect(() => parseOpml("")).toThrow("That file is empty.");
    expect(() => parseOpml("<rss><channel/></rss>")).toThrow(/not OPML/);
    expect(() => parseOpml('<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')).toThrow(/entities/);
    expect(() => parseOpml(Buffer.alloc(3 * 1024 * 1024, 0x20))).toThrow(/larger than 2 MB/);
  });

  it("writes OPML that reads back the same, with names and addresses escaped", () => {
    const podcasts = [
      { title: 'Q&A <live> "show"', feedUrl: "https://example.com/feed?a=1&b=2", siteUrl: "https://example.com" },
      { title: "Plain", feedUrl: "https://example.org/rss", siteUrl: null },
    ];
    const written = buildOpml("My podcasts", podcasts, new Date("2026-11-29T00:00:00Z"));
    expect(written).toContain("<dateCreated>Sun, 29 Nov 2026 00:00:00 GMT</dateCreated>");
    expect(parseOpml(written)).toEqual(podcasts.map((podcast) => ({ title: podcast.title, xmlUrl: podcast.feedUrl })));
  });
});
