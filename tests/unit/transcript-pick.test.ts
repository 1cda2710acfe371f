import { describe, expect, it } from "vitest";
import type { TranscriptLink } from "@/lib/ingest/types";
import { pickBestTranscript, rankTranscriptLinks, transcriptFormatOf } from "@/lib/ingest/transcript/pick-transcript";

const link = (url: string, type: string | null, rel: string | null = null): TranscriptLink => ({ url, type, language: null, rel });

describe("choosing which transcript to read", () => {
  it("picks the JSON transcript over the SRT one, as AntennaPod does (feed-rss-testPodcastIndexTranscript.xml)", () => {
    const links = [
      link("https://podnews.net/audio/podnews231011.mp3.json", "application/json"),
      link("https://podnews.net/audio/podnews231011.mp3.srt", "application/srt"),
    ];
    expect(pickBestTranscript(links)).toEqual(links[0]);
    expect(pickBestTranscript([...links].reverse())).toEqual(links[0]);
  });

  it("prefers JSON, then WebVTT, SRT, HTML, plain text, and unknown types last", () => {
    const links = [
      link("https://x.test/t.bin", "application/octet-stream"),
      link("https://x.test/t.txt", "text/plain"),
      link("https://x.test/t.html", "text/html"),
      link("https://x.test/t.srt", "application/x-subrip"),
      link("https://x.test/t.vtt", "text/vtt", "captions"),
      link("https://x.test/t.json", "application/json"),
    ];
    expect(rankTranscriptLinks(links).map((ranked) => ranked.url)).toEqual([
      "https://x.test/t.json",
      "https://x.test/t.vtt",
      "https://x.test/t.srt",
      "https://x.test/t.html",
      "https://x.test/t.txt",
      "https://x.test/t.bin",
    ]);
  });

  it("keeps the feed's order between links of one format, and has nothing to pick from none", () => {
    const first = link("https://x.test/en.vtt", "text/vtt");
    const second = link("https://x.test/de.vtt", "text/vtt");
    expect(pickBestTranscript([first, second])).toBe(first);
    expect(pickBestTranscript([])).toBeNull();
  });

  it("reads the format from the type, else from the address", () => {
    expect(transcriptFormatOf(link("https://x.test/a", "application/srt"))).toBe("srt");
    expect(transcriptFormatOf(link("https://x.test/a", "TEXT/VTT; charset=utf-8"))).toBe("vtt");
    expect(transcriptFormatOf(link("https://x.test/a.vtt", null))).toBe("vtt");
    expect(transcriptFormatOf(link("https://x.test/a.vtt?sig=1", "text/plain"))).toBe("vtt");
    expect(transcriptFormatOf(link("https://x.test/a", "text/plain"))).toBe("text");
    expect(transcriptFormatOf(link("https://x.test/a", null))).toBeNull();
    expect(transcriptFormatOf(link("not a url at all", "video/mp4"))).toBeNull();
  });
});
