import { describe, expect, it } from "vitest";
import { SafeError } from "@/lib/errors";
import { ChaptersParseError, parseChaptersJson } from "@/lib/ingest/chapters";
import { corpusFile } from "@/tests/helpers/corpus";

describe("Podcasting 2.0 chapters", () => {
  it("reads the namespace's simple example", () => {
    const chapters = parseChaptersJson(corpusFile("chapters/podcastns_chapters_example.json"));
    expect(chapters).toHaveLength(9);
    expect(chapters[0]).toEqual({ startSeconds: 0, endSeconds: null, title: "Intro", url: null, imageUrl: null });
    expect(chapters[3]).toEqual({
      startSeconds: 410,
      endSeconds: null,
      title: "Namespace",
      url: "https://github.com/Podcastindex-org/podcast-namespace",
      imageUrl: "https://example.com/images/namepsace_example.jpg",
    });
    expect(chapters.at(-1)?.title).toBe("Outro");
  });

  it("reads the complex example, leaving out the untitled toc:false entry", () => {
    const chapters = parseChaptersJson(corpusFile("chapters/podcastns_chapters_exampleComplex.json"));
    expect(chapters.map((chapter) => [chapter.startSeconds, chapter.title])).toEqual([
      [0, "Intro"],
      [168, "Hearing Aids"],
      [260, "Progress Report"],
      [410, "Namespace"],
      [3990, "Just Break Up"],
      [4200, "Played song by artist"],
      [4600, "Donations"],
      // 4826: { toc: false, img, location } — an artwork change inside "Donations", not a chapter.
      [5510, "The Big Players"],
      [5854, "Spread the Word"],
      [6089, "Outro"],
    ]);
    expect(chapters[5]?.url).toBe("https://www.discogs.com/master/96559-Rick-Astley-Never-Gonna-Give-You-Up");
  });

  it("skips broken entries, keeps end times that make sense, refuses unsafe links, orders by start", () => {
    const chapters = parseChaptersJson(
      JSON.stringify({
        version: "1.2.0",
        chapters: [
          { startTime: 60, endTime: 120, title: "  Second\n chapter ", url: "javascript:alert(1)", img: "data:image/png;base64,AAAA" },
          { startTime: "0", endTime: 0, title: "First", toc: true, url: "http://example.com/a" },
          { startTime: 90, title: "" },
          { startTime: -5, title: "Before the start" },
          { title: "No time" },
          "not an object",
        ],
      }),
    );
    expect(chapters).toEqual([
      { startSeconds: 0, endSeconds: null, title: "First", url: "http://example.com/a", imageUrl: null },
      { startSeconds: 60, endSeconds: 120, title: "Second chapter", url: null, imageUrl: null },
    ]);
  });

  it("reads a file with no chapters as none", () => {
    expect(parseChaptersJson('{"version":"1.2.0","chapters":[]}')).toEqual([]);
  });

  it.each([
    ["an empty file", "", "the chapters file is empty"],
    ["broken JSON", "{not json", "the chapters file is not valid JSON"],
    ["JSON without chapters", '{"version":"1.2.0"}', 'the chapters file has no "chapters" list'],
    ["a bare list", '[{"startTime":0,"title":"Intro"}]', 'the chapters file has no "chapters" list'],
    ["an image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), "the chapters file is binary data, not JSON"],
  ] as const)("refuses %s with a message a reader understands", (_name, body, message) => {
    let thrown: unknown;
    try {
      parseChaptersJson(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChaptersParseError);
    expect(thrown).toBeInstanceOf(SafeError);
    expect((thrown as Error).message).toBe(message);
  });
});
