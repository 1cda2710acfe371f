/** How the feed parser reads single fields: dates, durations, polling hints, Atom text, Podcasting 2.0 tags. */
import { describe, expect, it } from "vitest";
import { parseFeedDate } from "@/lib/ingest/feed/dates";
import { parseDuration } from "@/lib/ingest/feed/durations";
import { parseFeed } from "@/lib/ingest/feed/parse-feed";

const rss = (channel: string, declarations = "") => `<rss version="2.0"${declarations}><channel><title>Show</title>${channel}</channel></rss>`;

describe("dates", () => {
  it.each([
    ["Mon, 20 Nov 2023 10:00:00 GMT", "2023-11-20T10:00:00.000Z"],
    ["Mon, 20 Nov 2023 10:00:00 +0100", "2023-11-20T09:00:00.000Z"],
    ["Tue, 25 Jun 2019 17:00:00 PST", "2019-06-26T01:00:00.000Z"],
    ["Wed, 1 Jun 2005 19:00:00 EDT", "2005-06-01T23:00:00.000Z"],
    ["Fri 05 Mar 2021 09:00:00 GMT", "2021-03-05T09:00:00.000Z"],
    ["05 Mar 2021 09:00:00 EST", "2021-03-05T14:00:00.000Z"],
    ["Thu, 21 November 2019 04:00:00 EST", "2019-11-21T09:00:00.000Z"],
    ["Sun, 8 Sept 2024 12:30 +02:00", "2024-09-08T10:30:00.000Z"],
    ["Mon, 20 Nov 23 10:00:00 GMT", "2023-11-20T10:00:00.000Z"],
    ["Mon, 20 Nov 2023", "2023-11-20T00:00:00.000Z"],
    ["Mo, 18 Okt 2021 06:00:00 +0200", "2021-10-18T04:00:00.000Z"],
    ["2023-09-22T16:30:15Z", "2023-09-22T16:30:15.000Z"],
    ["2023-09-22T16:30:15.25+02:00", "2023-09-22T14:30:15.250Z"],
    ["2023-09-22 16:30:15", "2023-09-22T16:30:15.000Z"],
    ["2023-09-22", "2023-09-22T00:00:00.000Z"],
  ])("%s", (text, iso) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "31 Feb 2023 10:00:00 GMT", "Mon, 20 Foo 2023 10:00:00 GMT", "2023-13-01", "x".repeat(1000)])("%j is no date", (text) => {
    expect(parseFeedDate(text)).toBeNull();
  });
});

describe("durations", () => {
  it.each([
    ["3600", 3600],
    ["3600.5", 3600.5],
    ["61:30", 3690],
    ["1:02:03", 3723],
    ["00:20:00", 1200],
    ["00:60:05", 3605],
    [" 45:00 ", 2700],
  ])("%j is %d seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "0", "00:00:00", "junk", "1:2:3:4", "45 min", "-5", "PT1H"])("%j is unknown", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("polling hints", () => {
  it("ttl in minutes", () => {
    expect(parseFeed(rss("<ttl>60</ttl><item><guid>1</guid></item>")).ttlMinutes).toBe(60);
    expect(parseFeed(rss("<ttl>soon</ttl><item><guid>1</guid></item>")).ttlMinutes).toBeNull();
  });

  it("sy:updatePeriod divided by sy:updateFrequency, which counts updates per period", () => {
    const sy = ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"';
    expect(parseFeed(rss("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency><item><guid>1</guid></item>", sy)).ttlMinutes).toBe(30);
    expect(parseFeed(rss("<sy:updatePeriod>daily</sy:updatePeriod><item><guid>1</guid></item>", sy)).ttlMinutes).toBe(1440);
    expect(parseFeed(rss("<sy:updatePeriod>constructor</sy:updatePeriod><item><guid>1</guid></item>", sy)).ttlMinutes).toBeNull();
  });
});

describe("the feed's own address", () => {
  const itunes = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom"';

  it("itunes:new-feed-url announces a move", () => {
    const parsed = parseFeed(rss("<itunes:new-feed-url>https://new.example/feed.xml</itunes:new-feed-url><item><guid>1</guid></item>", itunes), {
      baseUrl: "https://old.example/feed.xml",
    });
    expect(parsed.newFeedUrl).toBe("https://new.example/feed.xml");
  });

  it("an Atom self link counts only when it is neither where the feed came from nor the site's page", () => {
    const feed = (self: string) => rss(`<link>https://site.example/</link><atom:link rel="self" href="${self}"/><item><guid>1</guid></item>`, itunes);
    expect(parseFeed(feed("https://feeds.example/show.xml"), { baseUrl: "https://old.example/rss" }).newFeedUrl).toBe("https://feeds.example/show.xml");
    expect(parseFeed(feed("https://feeds.example/show.xml"), { baseUrl: "https://feeds.example/show.xml" }).newFeedUrl).toBeNull();
    // Giant Bomb's self link is its home page.
    expect(parseFeed(feed("https://site.example"), { baseUrl: "https://old.example/rss" }).newFeedUrl).toBeNull();
  });
});

describe("show fields", () => {
  it("author from itunes:author, else the name in managingEditor", () => {
    expect(parseFeed(rss("<managingEditor>jane@example.com (Jane Doe)</managingEditor><item><guid>1</guid></item>")).author).toBe("Jane Doe");
  });

  it("categories from nested itunes:category and RSS category, once each", () => {
    const parsed = parseFeed(
      rss('<itunes:category text="News"><itunes:category text="Politics"/></itunes:category><itunes:category text="News"/><category>Daily</category><item><guid>1</guid></item>'),
    );
    expect(parsed.categories).toEqual(["News", "Politics", "Daily"]);
  });

  it("description as plain text, for a show page that prints it as text", () => {
    expect(parseFeed(rss("<description><![CDATA[<p>Weekly <b>news</b>.</p><p>Since 2020.</p>]]></description><item><guid>1</guid></item>")).description).toBe(
      "Weekly news.\n\nSince 2020.",
    );
  });
});

describe("Atom", () => {
  const atom = (entry: string) =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="html">Tom &amp;amp; Jerry</title><link href="https://site.example/"/>` +
    `<author><name>Jane</name></author><entry><id>tag:x,2024:1</id><title>One</title><updated>2024-01-02T03:04:05Z</updated>${entry}</entry></feed>`;

  it("reads feed fields and falls back to updated for the date", () => {
    const parsed = parseFeed(atom(""));
    expect(parsed).toMatchObject({ format: "atom", title: "Tom & Jerry", author: "Jane", language: "en", siteUrl: "https://site.example/" });
    expect(parsed.episodes[0]).toMatchObject({ guid: "tag:x,2024:1", publishedAt: new Date("2024-01-02T03:04:05Z") });
  });

  it("content as text, as escaped HTML and as inline XHTML", () => {
    const notes = (content: string) => parseFeed(atom(content)).episodes[0]!.showNotesHtml;
    expect(notes("<content>1 &lt; 2 &amp; &lt;b&gt;x&lt;/b&gt; is text</content>")).toBe("<p>1 &lt; 2 &amp; &lt;b&gt;x&lt;/b&gt; is text</p>");
    expect(notes('<content type="html">&lt;p&gt;Hi &lt;em&gt;there&lt;/em&gt;&lt;/p&gt;</content>')).toBe("<p>Hi <em>there</em></p>");
    expect(notes('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <a href="/x">there</a></p></div></content>')).toBe(
      '<p>Hi <a href="https://site.example/x" rel="nofollow noopener" target="_blank">there</a></p>',
    );
    expect(notes('<summary>Short</summary><content type="html">&lt;p&gt;Long&lt;/p&gt;</content>')).toBe("<p>Long</p>");
  });

  it("the show's description from itunes:summary when there is no subtitle", () => {
    const parsed = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><title>S</title>' +
        "<itunes:summary><![CDATA[<p>About <b>us</b></p>]]></itunes:summary></feed>",
    );
    expect(parsed.description).toBe("About us");
  });

  it("an Atom feed under a prefix", () => {
    const parsed = parseFeed('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:entry><a:id>1</a:id><a:title>E</a:title></a:entry></a:feed>');
    expect(parsed).toMatchObject({ format: "atom", title: "Prefixed" });
    expect(parsed.episodes[0]).toMatchObject({ guid: "1", title: "E" });
  });
});

describe("RSS 1.0", () => {
  it("reads items beside the channel", () => {
    const parsed = parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<channel rdf:about="x"><title>Old show</title><link>https://old.example/</link></channel>' +
        '<item rdf:about="https://old.example/1"><title>First</title><link>https://old.example/1</link><dc:date>2004-05-06T07:08:09Z</dc:date></item></rdf:RDF>',
    );
    expect(parsed).toMatchObject({ format: "rss", title: "Old show" });
    expect(parsed.episodes[0]).toMatchObject({ title: "First", guid: "https://old.example/1", publishedAt: new Date("2004-05-06T07:08:09Z") });
  });
});

describe("Podcasting 2.0 and Podlove tags", () => {
  const ns = ' xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters"';

  it("persons named on the show take part in episodes that name none, by the namespace's rule", () => {
    const parsed = parseFeed(
      rss('<podcast:person href="https://a.example">Ann</podcast:person><item><guid>1</guid></item><item><guid>2</guid><podcast:person role="Guest" group="Cast">Bo</podcast:person></item>', ns),
    );
    expect(parsed.episodes[0]!.persons).toEqual([{ name: "Ann", role: "host", group: "cast", href: "https://a.example/", img: null }]);
    expect(parsed.episodes[1]!.persons).toEqual([{ name: "Bo", role: "guest", group: "cast", href: null, img: null }]);
  });

  it("soundbites with their times and title; broken ones are skipped", () => {
    const [episode] = parseFeed(
      rss('<item><guid>1</guid><podcast:soundbite startTime="73.0" duration="60.5">Best bit</podcast:soundbite><podcast:soundbite startTime="x" duration="5"/></item>', ns),
    ).episodes;
    expect(episode!.soundbites).toEqual([{ startSeconds: 73, durationSeconds: 60.5, title: "Best bit" }]);
  });

  it("the podcast GUID and podcast:locked", () => {
    const parsed = parseFeed(rss('<podcast:guid>abc</podcast:guid><podcast:locked owner="a@b.example">YES</podcast:locked><item><guid>1</guid></item>', ns));
    expect(parsed).toMatchObject({ podcastGuid: "abc", locked: true });
  });

  it("Podlove chapters in time order, each ending where the next begins; unreadable ones skipped", () => {
    const [episode] = parseFeed(
      rss(
        '<item><guid>1</guid><psc:chapters version="1.2"><psc:chapter start="1:23" title="Second"/><psc:chapter start="00:00:00.500" title="First" href="/c1"/>' +
          '<psc:chapter start="soon" title="Broken"/><psc:chapter start="50:00" title="  Last  "/></psc:chapters></item>',
        ns,
      ),
      { baseUrl: "https://show.example/feed" },
    ).episodes;
    expect(episode!.chapters).toEqual([
      { startSeconds: 0.5, endSeconds: 83, title: "First", url: "https://show.example/c1", imageUrl: null },
      { startSeconds: 83, endSeconds: 3000, title: "Second", url: null, imageUrl: null },
      { startSeconds: 3000, endSeconds: null, title: "Last", url: null, imageUrl: null },
    ]);
  });

  it("the first audio enclosure is the episode, even after an image", () => {
    const [episode] = parseFeed(
      rss('<item><guid>1</guid><enclosure url="https://s.example/cover.jpg" type="image/jpeg"/><enclosure url="https://s.example/ep.mp3" type="Audio/MPEG" length="0"/></item>'),
    ).episodes;
    expect(episode).toMatchObject({ audioUrl: "https://s.example/ep.mp3", audioType: "audio/mpeg", audioLength: null });
  });
});
