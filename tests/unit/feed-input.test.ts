/**
 * What the feed parser does with input that is broken: refused with a message a reader understands when
 * going on would store something wrong, read anyway when the defect is one real feeds have and readers
 * never notice.
 */
import { describe, expect, it } from "vitest";
import { FeedParseError, parseFeed } from "@/lib/ingest/feed/parse-feed";
import { corpusFile } from "../helpers/corpus";
import { cpuMillis } from "../helpers/cpu-time";

/** The error parseFeed throws for this input; fails the test when it throws none or another kind. */
function refusal(body: Buffer | string, options?: Parameters<typeof parseFeed>[1]): FeedParseError {
  try {
    parseFeed(body, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error("the input was accepted");
}

const rss = (items: string, channel = "<title>Show</title>", declarations = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"${declarations}><channel>${channel}${items}</channel></rss>`;

describe("input that is not a feed is refused, in plain words", () => {
  it("an empty body, or one of whitespace", () => {
    for (const body of ["", "  \n\t ", Buffer.alloc(0), "\uFEFF"]) expect(refusal(body).message).toBe("the feed is empty");
  });

  it("an HTML page, and the feed address the page names when it names one", () => {
    const page = `<!DOCTYPE html>\n<html><head><title>My show</title>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
      </head><body><p>Hello<br>world</body></html>`;
    const error = refusal(page, { baseUrl: "https://example.com/show/" });
    expect(error.message).toBe("this address returned an HTML page, not a podcast feed; the page names its feed at https://example.com/feed.xml");
    expect(error.discoveredFeedUrl).toBe("https://example.com/feed.xml");
    expect(refusal("<html><body>Not found</body></html>").message).toBe("this address returned an HTML page, not a podcast feed");
  });

  it("JSON, and a JSON Feed by name", () => {
    expect(refusal('{"error": "not found"}').message).toBe("this address returned JSON data, not a podcast feed");
    expect(refusal('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}').message).toMatch(/^this is a JSON Feed/);
  });

  it("plain text and binary data", () => {
    expect(refusal("Service temporarily unavailable").message).toMatch(/plain text, not a podcast feed/);
    const mp3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb]);
    expect(refusal(mp3).message).toMatch(/binary data/);
  });

  it("an XML document that is not RSS or Atom", () => {
    expect(refusal('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>').message).toBe(
      "this XML document is not a podcast feed: its root element is <svg>, not <rss> or <feed>",
    );
    expect(refusal('<?xml version="1.0"?><opml version="2.0"><body/></opml>').message).toMatch(/OPML list of podcasts/);
  });

  it("a feed with no title and no episodes", () => {
    expect(refusal(rss("", "")).message).toMatch(/no title and no episodes/);
    expect(refusal("<rss version='2.0'/>").message).toMatch(/no title and no episodes/);
  });

  it("a truncated download, naming the line where it stops and the element left open", () => {
    const full = corpusFile("feeds/partytime_dk-podcast.xml").toString("utf8");
    const atLineEnd = full.slice(0, full.indexOf("\n", full.length / 2));
    expect(refusal(atLineEnd).message).toMatch(
      new RegExp(`^the feed is not valid XML at line ${atLineEnd.split("\n").length}: the document ends before <item> \\(opened at line \\d+\\) is closed; it may have been cut short$`),
    );
    const midTag = full.slice(0, full.indexOf("<description", full.length / 2) + 8);
    expect(refusal(midTag).message).toBe(
      `the feed is not valid XML at line ${midTag.split("\n").length}: the document ends inside the tag <descrip>; it may have been cut short`,
    );
  });

  it("a closing tag that matches nothing open, naming its line", () => {
    expect(refusal(rss("<item>\n<title>One</titel>\n</item>")).message).toBe(
      "the feed is not valid XML at line 3: </titel> does not close <title>, opened at line 3",
    );
  });

  it("a '<' in text that starts no tag", () => {
    expect(refusal(rss("<item><title>1 < 2</title></item>")).message).toMatch(/at line 2: a “<” does not start a tag/);
  });

  it("entity declarations (billion laughs), refused before anything is expanded, and quickly", () => {
    const lol = [
      '<?xml version="1.0"?>',
      "<!DOCTYPE rss [",
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
      "]>",
      "<rss><channel><title>&lol9;</title></channel></rss>",
    ].join("\n");
    let message = "";
    expect(cpuMillis(() => (message = refusal(lol).message))).toBeLessThan(100);
    expect(message).toBe("the feed declares its own XML entities, which Podbrief does not expand");
  });

  it("elements nested absurdly deep", () => {
    expect(refusal(rss(`${"<a>".repeat(200)}${"</a>".repeat(200)}`)).message).toMatch(/nested more than 100 deep/);
  });

  it("messages never carry a stack trace or internal detail", () => {
    const inputs = ["", "<html></html>", "{}", rss("<item><title>x</titl></item>"), "<rss><channel><title>x</title>"];
    for (const input of inputs) expect(refusal(input).message).not.toMatch(/\bat .+:\d+:\d+|Error:|undefined|\[object/);
  });
});

describe("defects real feeds have are read anyway", () => {
  it("a BOM and blank lines before the XML declaration", () => {
    expect(parseFeed(`\uFEFF\n\n  ${rss("")}`).title).toBe("Show");
    expect(parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n${rss("")}`)])).title).toBe("Show");
  });

  it("undefined entities stay as written; XML's own and numeric ones are decoded", () => {
    const [episode] = parseFeed(rss("<item><title>A &gtgt; B &amp; C &#8217;s &#x2014; &nbsp;D</title><guid>1</guid></item>")).episodes;
    expect(episode!.title).toBe("A &gtgt; B & C ’s — D");
  });

  it("a bare ampersand in text", () => {
    expect(parseFeed(rss("<item><title>Q&A night</title><guid>1</guid></item>")).episodes[0]!.title).toBe("Q&A night");
  });

  it("trailing junk after the closing </rss>", () => {
    expect(parseFeed(`${rss("<item><title>x</title><guid>1</guid></item>")}\n<!-- cache 3ms -->\n<b>Warning</b>: output started`).episodes).toHaveLength(1);
  });

  it("an item left open is closed where the next item begins", () => {
    const parsed = parseFeed(rss("<item><title>One</title><guid>1</guid><item><title>Two</title><guid>2</guid></item>"));
    expect(parsed.episodes.map((episode) => episode.title)).toEqual(["One", "Two"]);
  });

  it("namespace prefixes that are never declared mean what they conventionally mean", () => {
    const [episode] = parseFeed(
      rss('<item><title>x</title><guid>1</guid><itunes:duration>1:02:03</itunes:duration><podcast:transcript url="https://example.com/t.vtt" type="text/vtt"/></item>'),
    ).episodes;
    expect(episode!.durationSeconds).toBe(3723);
    expect(episode!.transcripts).toEqual([{ url: "https://example.com/t.vtt", type: "text/vtt", language: null, rel: null }]);
  });

  it("any prefix bound to a known namespace URI, including the legacy Podcasting 2.0 one and a wrong-case iTunes one", () => {
    const declarations =
      ' xmlns:it="http://www.itunes.com/DTDs/Podcast-1.0.dtd" xmlns:pi="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"' +
      ' xmlns:p2="https://podcastindex.org/namespace/1.0/"';
    const [episode] = parseFeed(
      rss(
        '<item><title>x</title><guid>1</guid><it:duration>90</it:duration><pi:person role="Guest">Ana</pi:person><p2:chapters url="https://example.com/c.json" type="application/json+chapters"/></item>',
        "<title>Show</title><pi:locked>yes</pi:locked>",
        declarations,
      ),
    ).episodes;
    expect(episode).toMatchObject({ durationSeconds: 90, chaptersUrl: "https://example.com/c.json", chaptersType: "application/json+chapters" });
    expect(episode!.persons).toEqual([{ name: "Ana", role: "guest", group: "cast", href: null, img: null }]);
  });

  it("single-quoted attributes", () => {
    const [episode] = parseFeed(rss("<item><title>x</title><enclosure url='https://example.com/a.mp3' type='audio/mpeg' length='10'/></item>")).episodes;
    expect(episode).toMatchObject({ audioUrl: "https://example.com/a.mp3", audioType: "audio/mpeg", audioLength: 10 });
  });

  it("CDATA and entity-escaped HTML give the same notes", () => {
    const cdata = parseFeed(rss("<item><guid>1</guid><description><![CDATA[<p>Hi <b>there</b></p>]]></description></item>"));
    const escaped = parseFeed(rss("<item><guid>1</guid><description>&lt;p&gt;Hi &lt;b&gt;there&lt;/b&gt;&lt;/p&gt;</description></item>"));
    expect(cdata.episodes[0]!.showNotesHtml).toBe("<p>Hi <b>there</b></p>");
    expect(escaped.episodes[0]!.showNotesHtml).toBe("<p>Hi <b>there</b></p>");
  });

  it("HTML a feed put unescaped in its description", () => {
    const [episode] = parseFeed(rss("<item><guid>1</guid><description><p>One</p><p>Two &amp; <a href='https://x.org'>three</a></p></description></item>")).episodes;
    expect(episode!.showNotesHtml).toBe('<p>One</p><p>Two &amp; <a href="https://x.org" rel="nofollow noopener" target="_blank">three</a></p>');
  });
});

describe("encodings", () => {
  const latin1Feed = (declaration: string) => Buffer.from(`${declaration}<rss><channel><title>Notícias de São Paulo</title></channel><item/></rss>`, "latin1");

  it("reads the encoding the XML declaration names", () => {
    expect(parseFeed(latin1Feed('<?xml version="1.0" encoding="ISO-8859-1"?>')).title).toBe("Notícias de São Paulo");
  });

  it("falls back on the HTTP charset when the document names none", () => {
    expect(parseFeed(latin1Feed('<?xml version="1.0"?>'), { contentType: "application/rss+xml; charset=iso-8859-1" }).title).toBe("Notícias de São Paulo");
  });

  it("reads Windows-1252 bytes in a feed that claims UTF-8, rather than replacement characters", () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>Caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from("Noir")]);
    const feed = Buffer.concat([bytes, Buffer.from([0x94]), Buffer.from("</title></channel></rss>")]);
    expect(parseFeed(feed, { contentType: "text/xml; charset=utf-8" }).title).toBe("Café “Noir”");
  });

  it("reads UTF-16 with a byte-order mark", () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Grüße</title><item><guid>1</guid></item></channel></rss>`;
    expect(parseFeed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])).title).toBe("Grüße");
  });

  it("reads valid UTF-8 as UTF-8 even when the feed declares ISO-8859-1, a common mislabel", () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Notícias — 2024</title><item/></channel></rss>', "utf8");
    expect(parseFeed(bytes, { contentType: "text/xml; charset=iso-8859-1" }).title).toBe("Notícias — 2024");
  });

  it("prefers the document's own declaration to a server's default charset", () => {
    expect(parseFeed(latin1Feed('<?xml version="1.0" encoding="ISO-8859-1"?>'), { contentType: "text/xml; charset=utf-8" }).title).toBe(
      "Notícias de São Paulo",
    );
  });
});

describe("addresses", () => {
  const relativeFeed = (base = "") =>
    `<rss><channel${base}><title>Show</title><link>https://site.example/</link><item><title>x</title>` +
    `<enclosure url="media/ep1.mp3" type="audio/mpeg"/><link>/episodes/1</link><itunes:image href="art.jpg"/></item></channel></rss>`;

  it("resolves relative URLs against the address the feed came from", () => {
    const [episode] = parseFeed(relativeFeed(), { baseUrl: "https://cdn.example/podcast/feed.xml" }).episodes;
    expect(episode).toMatchObject({
      audioUrl: "https://cdn.example/podcast/media/ep1.mp3",
      link: "https://cdn.example/episodes/1",
      imageUrl: "https://cdn.example/podcast/art.jpg",
    });
  });

  it("resolves against xml:base when the feed sets one", () => {
    const [episode] = parseFeed(relativeFeed(' xml:base="https://files.example/show/"'), { baseUrl: "https://cdn.example/feed.xml" }).episodes;
    expect(episode!.audioUrl).toBe("https://files.example/show/media/ep1.mp3");
  });

  it("resolves against the site's link when the feed was read from a file", () => {
    expect(parseFeed(relativeFeed()).episodes[0]!.audioUrl).toBe("https://site.example/media/ep1.mp3");
  });

  it("keeps only web addresses", () => {
    const [episode] = parseFeed(
      rss('<item><title>x</title><guid>1</guid><link>javascript:alert(1)</link><enclosure url="file:///etc/passwd"/><itunes:image href="data:image/png;base64,AAAA"/></item>'),
    ).episodes;
    expect(episode).toMatchObject({ link: null, audioUrl: null, imageUrl: null });
  });
});

describe("GUIDs", () => {
  const item = (inner: string) => rss(`<item>${inner}</item>`);

  it("keeps the feed's GUID, trimmed", () => {
    expect(parseFeed(item("<guid isPermaLink='false'>  abc-1 </guid><title>x</title>")).episodes[0]).toMatchObject({ guid: "abc-1", guidDerived: false });
  });

  it("derives one from the enclosure, else the link, else the title and date, when the GUID is missing or blank", () => {
    const withEnclosure = item('<guid> </guid><title>x</title><link>https://s.example/1</link><enclosure url="https://s.example/1.mp3"/>');
    const withLink = item("<title>x</title><link>https://s.example/1</link>");
    const withTitle = item("<title>Episode 1</title><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>");
    expect(parseFeed(withEnclosure).episodes[0]).toMatchObject({ guid: "https://s.example/1.mp3", guidDerived: true });
    expect(parseFeed(withLink).episodes[0]).toMatchObject({ guid: "https://s.example/1", guidDerived: true });
    const derived = parseFeed(withTitle).episodes[0]!;
    expect(derived.guidDerived).toBe(true);
    expect(derived.guid).toMatch(/^title-date:[0-9a-f]{32}$/);
    expect(parseFeed(withTitle).episodes[0]!.guid).toBe(derived.guid);
    expect(parseFeed(item("<title>Episode 2</title><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>")).episodes[0]!.guid).not.toBe(derived.guid);
  });

  it("skips an item with nothing to know it by", () => {
    expect(parseFeed(rss("<item><itunes:explicit>no</itunes:explicit></item><item><guid>2</guid></item>")).episodes.map((e) => e.guid)).toEqual(["2"]);
  });

  it("names an untitled episode after its audio file", () => {
    expect(parseFeed(item('<enclosure url="https://s.example/audio/Episode%2012.mp3?x=1"/>')).episodes[0]!.title).toBe("Episode 12");
    expect(parseFeed(item("<guid>1</guid>")).episodes[0]!.title).toBe("Untitled episode");
  });
});

describe("show notes are sanitized", () => {
  const notes = (html: string, baseUrl?: string) =>
    parseFeed(rss(`<item><guid>1</guid><description><![CDATA[${html}]]></description></item>`), { baseUrl }).episodes[0]!.showNotesHtml;

  it("removes scripts, styles, iframes, event handlers and javascript: links", () => {
    const html = notes(
      '<p onclick="steal()">Hi <a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt&#58;alert(2)">again</a></p>' +
        "<script>alert(3)</script><style>p{}</style><iframe src='https://evil.example'>frame text</iframe><img src=x onerror=alert(4)>",
    );
    expect(html).toBe("<p>Hi click again</p>");
  });

  it("keeps a reading set of tags; links get rel and target, relative ones resolved", () => {
    const html = notes(
      '<h1>Title</h1><div><p>See <a href="/notes/1" class="x" style="color:red">notes</a> and <a href="mailto:a@b.example">mail</a></p></div>' +
        "<ul><li><strong>one</strong></li><li><em>two</em></li></ul><table><tr><td>cell</td></tr></table>",
      "https://show.example/feed.xml",
    );
    expect(html).toBe(
      '<h2>Title</h2><p>See <a href="https://show.example/notes/1" rel="nofollow noopener" target="_blank">notes</a> and ' +
        '<a href="mailto:a@b.example" rel="nofollow noopener" target="_blank">mail</a></p><ul><li><strong>one</strong></li><li><em>two</em></li></ul>cell',
    );
  });

  it("keeps a link's query intact and its quotes escaped", () => {
    expect(notes(`<p><a href="https://x.example/?a=1&amp;b=2">q</a> <a href='https://x.example/"onmouseover="x'>r</a></p>`)).toBe(
      '<p><a href="https://x.example/?a=1&amp;b=2" rel="nofollow noopener" target="_blank">q</a> ' +
        '<a href="https://x.example/%22onmouseover=%22x" rel="nofollow noopener" target="_blank">r</a></p>',
    );
  });

  it("prefers content:encoded to description", () => {
    const [episode] = parseFeed(
      rss(
        "<item><guid>1</guid><description>short</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded></item>",
        "<title>Show</title>",
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
      ),
    ).episodes;
    expect(episode!.showNotesHtml).toBe("<p>long</p>");
  });

  it("gives plain-text notes paragraphs and line breaks", () => {
    expect(notes("First paragraph,\nsecond line.\n\nSecond paragraph & more > less")).toBe(
      "<p>First paragraph,<br />second line.</p>\n<p>Second paragraph &amp; more &gt; less</p>",
    );
  });

  it("is null when nothing readable is left", () => {
    expect(notes("<script>x()</script>")).toBeNull();
    expect(notes("   ")).toBeNull();
  });
});
