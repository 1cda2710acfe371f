import { describe, expect, it } from "vitest";
import { detectFormat, sniffFormat } from "@/lib/ingest/transcript/detect-format";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";

/** The segments as [start, end, speaker, text] rows: easy to read when a test fails. */
function rows(body: string, options?: Parameters<typeof parseTranscript>[1]) {
  return parseTranscript(body, options).segments.map((segment) => [segment.start, segment.end, segment.speaker, segment.text]);
}

describe("timestamps", () => {
  it("reads every way transcripts write a time, to the millisecond", () => {
    expect(parseTimestamp("01:02:03.456")).toBe(3723.456);
    expect(parseTimestamp("00:00:04,799")).toBe(4.799);
    expect(parseTimestamp("1:01.460")).toBe(61.46);
    expect(parseTimestamp("0.860")).toBe(0.86);
    expect(parseTimestamp("27:41")).toBe(1661);
    expect(parseTimestamp("75:30")).toBe(4530);
    expect(parseTimestamp("1:00:01")).toBe(3601);
  });

  it("refuses what is not a time", () => {
    for (const value of ["", "abc", "1:2:3:4", "00:61:00", "12:345", "-1", "1e3"]) expect(parseTimestamp(value)).toBeNull();
  });
});

describe("WebVTT", () => {
  it("reads voice tags in every spelling, cue settings, NOTE and STYLE blocks, and strips inline tags", () => {
    const vtt = [
      "WEBVTT - a title",
      "Kind: captions",
      "",
      "STYLE",
      "::cue { color: yellow }",
      "",
      "NOTE written by hand,",
      "over two lines",
      "",
      "intro",
      "00:00:00.000 --> 00:00:02.500 align:start position:10%",
      "<v Sarah>Welcome to <i>Podcasting</i> Q&amp;A,</v>",
      "",
      "00:00:02.500 --> 00:00:04.000",
      "<v.loud Gillian>Hi <c.yellow>Buzzsprout</c>, <00:00:03.000>Gillian here",
      "",
      "00:00:04.000 --> 00:00:05.000",
      "from breaking through careers.",
    ].join("\n");
    expect(rows(vtt)).toEqual([
      [0, 2.5, "Sarah", "Welcome to Podcasting Q&A,"],
      [2.5, 4, "Gillian", "Hi Buzzsprout, Gillian here"],
      // An untagged cue keeps the voice that spoke last.
      [4, 5, "Gillian", "from breaking through careers."],
    ]);
  });

  it("reads the seconds-only and hour-less times some generators write", () => {
    const vtt = "WEBVTT\n\n0.860 --> 7.380\n<v SPEAKER_1>Podcasting is back.\n\n56.440 --> 1:01.080\n<v SPEAKER_1>What happens next?\n";
    expect(rows(vtt)).toEqual([
      [0.86, 7.38, "SPEAKER_1", "Podcasting is back."],
      [56.44, 61.08, "SPEAKER_1", "What happens next?"],
    ]);
  });

  it("splits a cue in which two voices speak", () => {
    const vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ana>Ready?</v> <v Ben>Ready.</v>\n";
    expect(rows(vtt)).toEqual([
      [1, 3, "Ana", "Ready?"],
      [1, 3, "Ben", "Ready."],
    ]);
  });

  it('starts a new turn at YouTube\'s ">>", named when a name follows it', () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:00.000 --> 00:00:01.000",
      ">> Hello, YouTube.",
      "",
      "",
      "00:00:01.000 --> 00:00:02.000",
      "Hello, Justin.",
      "",
      "",
      "00:00:02.000 --> 00:00:03.000",
      ">>Luis: The power--",
      "",
      "00:00:03.000 --> 00:00:04.000",
      "--takes. >> no arrow here",
      ">> Right.",
    ].join("\n");
    const transcript = parseTranscript(vtt);
    expect(transcript.segments.map((segment) => [segment.start, segment.speaker, segment.text])).toEqual([
      [0, null, "Hello, YouTube."],
      [1, null, "Hello, Justin."],
      [2, "Luis", "The power--"],
      [3, "Luis", "--takes. >> no arrow here"],
      [3, null, "Right."],
    ]);
    // Unnamed turns still read as separate paragraphs.
    expect(transcript.text).toBe("Hello, YouTube. Hello, Justin.\n\nThe power-- --takes. >> no arrow here\n\nRight.");
  });

  it("reads a cue that follows the header without a blank line", () => {
    expect(rows("WEBVTT\n00:00.000 --> 00:01.000\nHi\n")).toEqual([[0, 1, null, "Hi"]]);
  });

  it("reads CRLF files and cues that carry no blank line between them", () => {
    const vtt = "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\nOne\r\n2\r\n00:00:02.000 --> 00:00:03.000\r\nTwo\r\n";
    expect(rows(vtt)).toEqual([
      [1, 2, null, "One"],
      [2, 3, null, "Two"],
    ]);
  });

  it("orders cues by time and keeps the text of a cue that looks like a number", () => {
    const vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n2024.\n\n00:00:01.000 --> 00:00:05.000\nrecorded May 8th,\n";
    expect(rows(vtt)).toEqual([
      [1, 5, null, "recorded May 8th,"],
      [5, 6, null, "2024."],
    ]);
  });
});

describe("SRT", () => {
  it('carries a "Name:" prefix forward until the next one, with comma or dot millis', () => {
    const srt = [
      "1",
      "00:00:00,000 --> 00:00:04,799",
      "Alban: It is so stinking nice to",
      "like, show up and record this",
      "",
      "2",
      "00:00:04.799 --> 00:00:08.250",
      "show. And Travis has already put",
      "",
      "3",
      "00:00:30,480 --> 00:00:32,850",
      "Kevin: You guys remember, like",
      "",
      "4",
      "00:00:32,850 --> 00:00:35,460",
      "Here's the thing: we went all in.",
      "",
      "5",
      "00:00:35,460 --> 00:00:37,000",
      "2024: the year of video.",
      "",
    ].join("\n");
    expect(rows(srt)).toEqual([
      [0, 4.799, "Alban", "It is so stinking nice to like, show up and record this"],
      [4.799, 8.25, "Alban", "show. And Travis has already put"],
      [30.48, 32.85, "Kevin", "You guys remember, like"],
      // Not a name: the words stay, and the speaker stays Kevin.
      [32.85, 35.46, "Kevin", "Here's the thing: we went all in."],
      [35.46, 37, "Kevin", "2024: the year of video."],
    ]);
  });

  it("drops formatting tags and SSA overrides, keeps a cue's words across a stray blank line", () => {
    const srt = "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"#ff0\"><b>Loud</b></font> words\n\nstill the same cue\n\n2\n00:00:02,000 --> 00:00:03,000\nnext\n";
    expect(rows(srt)).toEqual([
      [1, 2, null, "Loud words still the same cue"],
      [2, 3, null, "next"],
    ]);
  });
});

describe("Podcasting 2.0 JSON", () => {
  it("joins word-level segments into phrases at a speaker change, a sentence end or a pause", () => {
    const json = JSON.stringify({
      version: "1.0.0",
      segments: [
        { speaker: "Darth Vader", startTime: 0.5, endTime: 0.75, body: "I" },
        { speaker: "Darth Vader", startTime: 1, endTime: 1.25, body: "am" },
        { speaker: "Darth Vader", startTime: 1.5, endTime: 2.0, body: "your" },
        { speaker: "Darth Vader", startTime: 2.25, endTime: 2.5, body: "father." },
        { speaker: "Darth Vader", startTime: 2.6, endTime: 2.8, body: "Search" },
        { speaker: "Darth Vader", startTime: 2.9, endTime: 3.1, body: "your" },
        { speaker: "Darth Vader", startTime: 3.2, endTime: 3.4, body: "feelings" },
        { speaker: "Darth Vader", startTime: 3.45, endTime: 3.5, body: "," },
        { speaker: "Darth Vader", startTime: 6, endTime: 6.5, body: "Luke" },
        { speaker: "Luke", startTime: 7, endTime: 8, body: "Nooooo" },
      ],
    });
    expect(rows(json)).toEqual([
      [0.5, 2.5, "Darth Vader", "I am your father."],
      [2.6, 3.5, "Darth Vader", "Search your feelings,"],
      [6, 6.5, "Darth Vader", "Luke"],
      [7, 8, "Luke", "Nooooo"],
    ]);
  });

  it("joins the two halves of a caption that share one start and end", () => {
    const json = JSON.stringify({
      version: "1.0.0",
      segments: [
        { speaker: "Alban", startTime: 0.0, endTime: 4.8, body: "It is so stinking nice to" },
        { speaker: "Alban", startTime: 0.0, endTime: 4.8, body: "like, show up and record this" },
        { speaker: "Alban", startTime: 48.27, endTime: 49.62, body: "was because of you." },
        { speaker: "Kevin", startTime: 48.27, endTime: 49.62, body: "That is true." },
      ],
    });
    expect(rows(json)).toEqual([
      [0, 4.8, "Alban", "It is so stinking nice to like, show up and record this"],
      [48.27, 49.62, "Alban", "was because of you."],
      [48.27, 49.62, "Kevin", "That is true."],
    ]);
  });

  it("carries an omitted speaker forward, reads times given as strings, skips broken entries", () => {
    const json = JSON.stringify({
      segments: [
        { speaker: "Ana", startTime: "1.5", endTime: "00:00:03", body: "Hello &amp; welcome" },
        { startTime: 3, endTime: 4, body: "to the show" },
        { startTime: "soon", body: "broken" },
        { speaker: "Ben", startTime: 5, body: "Thanks" },
        { speaker: "Ben", startTime: 9, endTime: 10, body: "Bye now" },
        { speaker: 2, startTime: 10, endTime: 11, body: "Numbered speaker" },
      ],
    });
    expect(rows(json)).toEqual([
      [1.5, 3, "Ana", "Hello & welcome"],
      [3, 4, "Ana", "to the show"],
      // No end time: it ends where the next segment starts.
      [5, 9, "Ben", "Thanks"],
      [9, 10, "Ben", "Bye now"],
      [10, 11, "2", "Numbered speaker"],
    ]);
  });
});

describe("HTML", () => {
  it("reads Podcasting 2.0 HTML after a comment, ending each paragraph where the next starts", () => {
    const html = `
<!-- saved from url=(0054)https://feeds.buzzsprout.com/231452/9092843/transcript -->
<html><head><meta charset="utf-8"></head><body><cite>Alban:</cite>
  <time>0:00</time>
  <p>It&#39;s so stinking nice.</p>
  <cite>Kevin:</cite>
  <time>1:02:03</time>
  <p>Podcasting Q&amp;A.</p>
</body></html>`;
    const transcript = parseTranscript(html);
    expect(transcript.format).toBe("html");
    expect(transcript.timed).toBe(true);
    expect(rows(html)).toEqual([
      [0, 3723, "Alban", "It's so stinking nice."],
      [3723, 3723, "Kevin", "Podcasting Q&A."],
    ]);
  });

  it("reads any other page as untimed paragraphs, without its scripts", () => {
    const html = "<!doctype html><html><head><style>p{}</style><script>var x = '<p>no</p>';</script></head><body><nav>Menu</nav><p>First   paragraph.</p><p>Second &mdash; one.</p></body></html>";
    const transcript = parseTranscript(html);
    expect(transcript).toEqual({
      format: "html",
      timed: false,
      text: "First paragraph.\n\nSecond — one.",
      segments: [
        { start: 0, end: 0, speaker: null, text: "First paragraph." },
        { start: 0, end: 0, speaker: null, text: "Second — one." },
      ],
    });
  });
});

describe("HTML: what a page holds that is not speech (issue 13)", () => {
  it("a script or style inside a Podcasting 2.0 paragraph is not said", () => {
    const html = `<html><head><title>Episode 12 transcript</title><script>alert('htmltx')</script></head><body>
<cite>Host:</cite><time>0:00</time><p><script>alert('htmltx')</script>Welcome back to the show.<style>.x{color:red}</style></p>
<cite>Guest:</cite><time>0:04</time><p>Thanks for having me.<noscript>Turn on JavaScript to use the player.</noscript></p>
</body></html>`;
    expect(rows(html, { contentType: "text/html" })).toEqual([
      [0, 4, "Host", "Welcome back to the show."],
      [4, 4, "Guest", "Thanks for having me."],
    ]);
  });

  it("a page of paragraphs, or of no paragraphs, says neither its scripts nor its title", () => {
    const paragraphs = "<!doctype html><html><head><title>Show notes</title></head><body><p><script>alert('htmltx')</script>First paragraph.</p><p>Second one.</p></body></html>";
    expect(parseTranscript(paragraphs, { url: "https://host.example/t.html" }).text).toBe("First paragraph.\n\nSecond one.");
    const divs = "<html><head><title>Show notes</title><style>div{}</style></head><body><div>First block.</div><script>alert('htmltx')</script><div>Second block.</div></body></html>";
    expect(parseTranscript(divs, { url: "https://host.example/t.html" }).text).toBe("First block.\n\nSecond block.");
  });

  it("a page that opens with a script is still read as HTML when nothing says what it is", () => {
    const html = "<script>alert('htmltx')</script>\n<p>Welcome back to the show.</p>";
    expect(sniffFormat(html)).toBe("html");
    expect(parseTranscript(html).text).toBe("Welcome back to the show.");
    expect(parseTranscript("<style>p{}</style><p>Hello there.</p>", { url: "https://host.example/t" }).text).toBe("Hello there.");
  });
});

describe("WebVTT: malformed voice tags (issue 13)", () => {
  it.each([
    ["a space before the closing bracket", "<v Host >Welcome to the show.</v>"],
    ["an escaped tag", "&lt;v Host &gt;Welcome to the show.&lt;/v&gt;"],
    ["a space after the opening bracket", "< v Host >Welcome to the show."],
    ["a capital V", "<V Host>Welcome to the show."],
  ])("%s names the speaker and leaves no tag in the words", (_case, cue) => {
    const vtt = `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n${cue}\n\n00:00:02.000 --> 00:00:04.000\n<v Guest>Glad to be here.\n`;
    expect(rows(vtt)).toEqual([
      [0, 2, "Host", "Welcome to the show."],
      [2, 4, "Guest", "Glad to be here."],
    ]);
  });

  it("a voice tag left unclosed at the end of its line leaks nothing into the words", () => {
    const vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Host\nWelcome to the show.\n";
    expect(parseTranscript(vtt).text).toBe("Welcome to the show.");
  });

  it("text that only mentions a tag is kept as written", () => {
    const vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nUse &lt;video&gt; and a &lt;v&gt; tag.\n";
    expect(parseTranscript(vtt).text).toBe("Use <video> and a <v> tag.");
  });
});

describe("plain text and Markdown", () => {
  it("reads timestamped lines with and without voice tags, each ending where the next starts", () => {
    const text = "00:00:00 <v Michael Kennedy>You ask an AI a question.\n\n00:00:03 <v Michael Kennedy>Most of the time\n\n00:01:07 <v Sumit Gundawar>Thanks.\n\n00:01:10 And more.\n";
    expect(rows(text)).toEqual([
      [0, 3, "Michael Kennedy", "You ask an AI a question."],
      [3, 67, "Michael Kennedy", "Most of the time"],
      [67, 70, "Sumit Gundawar", "Thanks."],
      [70, 70, "Sumit Gundawar", "And more."],
    ]);
  });

  it("reads diarized ASR lines, [MM:SS] then [HH:MM:SS] after the first hour", () => {
    const text = "[Speaker 1] [59:58] Right?\n[Speaker 2] [01:00:01] Sure.\nand a wrapped line\n[Speaker 1] [01:00:10] Bye.";
    const transcript = parseTranscript(text);
    expect(transcript.segments.map((segment) => [segment.start, segment.end, segment.speaker, segment.text])).toEqual([
      [3598, 3601, "Speaker 1", "Right?"],
      [3601, 3610, "Speaker 2", "Sure. and a wrapped line"],
      [3610, 3610, "Speaker 1", "Bye."],
    ]);
    expect(transcript.text).toBe("Right?\n\nSure. and a wrapped line\n\nBye.");
  });

  it("reads Markdown speaker labels; paragraphs timed only here and there start at the last time given", () => {
    const markdown = [
      "**Daniel Whitenack:** Welcome to *another* episode.",
      "",
      "**Mireille B. Reece, Psy.D:** Thanks. \\[laughs\\]",
      "",
      "\\[06:24\\] A second paragraph, see [the paper](https://example.com/paper).",
      "",
      "**Break**: \\[07:02\\]",
      "",
      "**Daniel Whitenack:** \\[10:02\\] We're back.",
    ].join("\n");
    const transcript = parseTranscript(markdown, { url: "https://example.com/practical-ai-86.md" });
    expect(transcript.timed).toBe(true);
    expect(transcript.segments.map((segment) => [segment.start, segment.end, segment.speaker, segment.text])).toEqual([
      [0, 0, "Daniel Whitenack", "Welcome to *another* episode."],
      [0, 384, "Mireille B. Reece, Psy.D", "Thanks. [laughs]"],
      [384, 602, "Mireille B. Reece, Psy.D", "A second paragraph, see the paper."],
      [602, 602, "Daniel Whitenack", "We're back."],
    ]);
    // A speaker's second paragraph stays a paragraph of its own.
    expect(transcript.text.split("\n\n")).toHaveLength(4);
  });

  it('reads "Name:" above a paragraph or before the words, under YAML front matter', () => {
    const markdown = [
      "---",
      "title: Coordinating Bitcoin Upgrades",
      "speakers:",
      "  - Alejandro De La Torre",
      "date: 2021-05-24",
      "---",
      "podcast: https://stephanlivera.com/episode/277/",
      "",
      "Stephan Livera:",
      "",
      "Alejandro welcome to the show.",
      "",
      "Alejandro De La Torre: Thank you, Stephan.",
      "",
      "Stephan Livera: Let's start. Update: it works.",
    ].join("\n");
    const transcript = parseTranscript(markdown);
    expect(transcript.timed).toBe(false);
    expect(transcript.segments.map((segment) => [segment.speaker, segment.text])).toEqual([
      // A one-off lower-case "podcast:" is not a speaker.
      [null, "podcast: https://stephanlivera.com/episode/277/"],
      ["Stephan Livera", "Alejandro welcome to the show."],
      // Named once, but the front matter lists them.
      ["Alejandro De La Torre", "Thank you, Stephan."],
      ["Stephan Livera", "Let's start. Update: it works."],
    ]);
    expect(transcript.text).not.toContain("title:");
  });

  it("reads bare paragraphs as untimed segments, and does not take prose for timestamps", () => {
    const text = "First paragraph\nwrapped here.\n\n12:30 is when we met, and &amp; stays readable.\n\nLast one.";
    expect(parseTranscript(text)).toEqual({
      format: "text",
      timed: false,
      text: "First paragraph wrapped here.\n\n12:30 is when we met, and & stays readable.\n\nLast one.",
      segments: [
        { start: 0, end: 0, speaker: null, text: "First paragraph wrapped here." },
        { start: 0, end: 0, speaker: null, text: "12:30 is when we met, and & stays readable." },
        { start: 0, end: 0, speaker: null, text: "Last one." },
      ],
    });
  });
});

describe("format detection", () => {
  const vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n";
  const srt = "1\n00:00:00,000 --> 00:00:01,000\nHi\n";

  it("takes the caller's format, then the content type, then the extension, then the content", () => {
    expect(detectFormat(vtt, { format: "text", contentType: "text/vtt" })).toBe("text");
    expect(detectFormat(srt, { contentType: "application/x-subrip; charset=utf-8", url: "https://x.test/a.vtt" })).toBe("srt");
    expect(detectFormat(srt, { contentType: "application/srt" })).toBe("srt");
    expect(detectFormat("{}", { contentType: "application/json" })).toBe("json");
    expect(detectFormat("<p>x</p>", { contentType: "text/html" })).toBe("html");
    expect(detectFormat(srt, { url: "https://x.test/episode.srt?token=1" })).toBe("srt");
    expect(detectFormat("text", { url: "https://x.test/episode.md" })).toBe("text");
  });

  it("lets the content speak when the server says only text/plain", () => {
    expect(detectFormat(vtt, { contentType: "text/plain" })).toBe("vtt");
    expect(detectFormat(srt, { contentType: "text/plain", url: "https://x.test/captions.txt" })).toBe("srt");
    expect(detectFormat("Just words.", { contentType: "text/plain" })).toBe("text");
  });

  it("sniffs each format from its opening", () => {
    expect(sniffFormat(vtt)).toBe("vtt");
    expect(sniffFormat(srt)).toBe("srt");
    expect(sniffFormat('  {"segments": []}')).toBe("json");
    expect(sniffFormat("[]")).toBe("json");
    expect(sniffFormat("[Speaker 1] [00:00] Alright.")).toBe("text");
    expect(sniffFormat("\n<!-- saved -->\n<html></html>")).toBe("html");
    expect(sniffFormat("<cite>Travis:</cite><time>0:00</time><p>Hi</p>")).toBe("html");
    expect(sniffFormat("00:00:00 <v Michael Kennedy>Hi")).toBe("text");
  });

  it("reads a mislabelled caption file as what it is", () => {
    const transcript = parseTranscript(vtt, { contentType: "application/json" });
    expect(transcript.format).toBe("vtt");
    expect(transcript.segments).toEqual([{ start: 0, end: 1, speaker: null, text: "Hi" }]);
  });
});

describe("legacy encodings", () => {
  it("reads a Windows-1252 subtitle file with its curly quotes and dashes intact", () => {
    const srt = Buffer.concat([
      Buffer.from("1\n00:00:01,000 --> 00:00:03,000\nShe said "),
      Buffer.from([0x93]),
      Buffer.from("caf"),
      Buffer.from([0xe9, 0x94, 0x20, 0x96, 0x20]),
      Buffer.from("then left.\n"),
    ]);
    expect(parseTranscript(srt).segments[0]?.text).toBe("She said \u201Ccaf\u00E9\u201D \u2013 then left.");
  });
});
