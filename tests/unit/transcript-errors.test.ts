import { describe, expect, it } from "vitest";
import { SafeError } from "@/lib/errors";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";
import { cpuMillis } from "@/tests/helpers/cpu-time";

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the parse to fail");
}

describe("transcripts that cannot be read", () => {
  it.each([
    ["an empty body", "", {}, "the transcript is empty"],
    ["an empty buffer", Buffer.alloc(0), {}, "the transcript is empty"],
    ["only whitespace and a byte-order mark", "\uFEFF  \n\r\n\t", {}, "the transcript is empty"],
    ["an audio file", Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x21, 0x76]), {}, "the file is binary data, not a transcript"],
    ["JSON that is not a transcript", '{"error": "not found"}', { contentType: "application/json" }, 'the JSON file is not a transcript: it has no "segments" list'],
    ["a JSON list", "[1, 2, 3]", {}, 'the JSON file is not a transcript: it has no "segments" list'],
    ["JSON with no segments", '{"version": "1.0.0", "segments": []}', {}, "the JSON transcript has no segments"],
    ["JSON whose segments have no times", '{"segments": [{"body": "hi"}, {"startTime": "soon", "body": "x"}]}', {}, "the JSON transcript has no segments with a time and text"],
    ["broken JSON", '{"segments": [', { url: "https://x.test/t.json" }, "the transcript is not valid JSON"],
    ["WebVTT without any cue", "WEBVTT\n\nNOTE nothing was said\n", {}, "the transcript is not valid WebVTT: no cue has a time"],
    ["WebVTT whose cues have no readable time", "WEBVTT\n\nsoon --> later\nHello\n", {}, "the transcript is not valid WebVTT: no cue has a time"],
    ["SRT without any cue", "1\nHello there\n", { contentType: "application/x-subrip" }, "the transcript is not valid SRT: no cue has a time"],
    ["cues without words", "WEBVTT\n\n00:00.000 --> 00:01.000\n<i></i>\n", {}, "the transcript has no words in it"],
  ] as const)("refuses %s with a message a reader understands", (_name, body, options, message) => {
    const error = errorOf(() => parseTranscript(body, options));
    expect(error).toBeInstanceOf(TranscriptParseError);
    expect(error).toBeInstanceOf(SafeError);
    expect(error.message).toBe(message);
  });

  it("does not retry an error page as a transcript when the type promised captions", () => {
    const page = "<!doctype html><html><body><p>Page not found</p></body></html>";
    expect(() => parseTranscript(page, { contentType: "text/vtt" })).toThrow("the transcript is not valid WebVTT: no cue has a time");
  });
});

describe("text encodings", () => {
  it("reads UTF-16 with a byte-order mark instead of calling it binary", () => {
    const vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Zoë>Grüß Gott\n";
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vtt, "utf16le")]);
    const bigEndian = Buffer.from(littleEndian);
    bigEndian.swap16();
    for (const body of [littleEndian, bigEndian]) {
      expect(parseTranscript(body).segments).toEqual([{ start: 0, end: 1, speaker: "Zoë", text: "Grüß Gott" }]);
    }
  });

  it("reads an old Latin-1 subtitle file rather than failing on its bytes", () => {
    const srt = Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 cr\xe8me\n", "latin1");
    expect(parseTranscript(srt).segments[0]?.text).toBe("Café crème");
  });

  it("drops a UTF-8 byte-order mark", () => {
    expect(parseTranscript("\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nHi\n").format).toBe("vtt");
  });
});

describe("size and abuse", () => {
  const MB = 1024 * 1024;
  // Generous: linear parsing takes a few seconds of CPU at most; a catastrophic pattern would take minutes.
  const BUDGET_MS = 20_000;

  function timed(run: () => unknown): number {
    return cpuMillis(() => {
      try {
        run();
      } catch (error) {
        if (!(error instanceof TranscriptParseError)) throw error;
      }
    });
  }

  it("parses a 20 MB WebVTT transcript in linear time", { timeout: 60_000 }, () => {
    const cues: string[] = ["WEBVTT", ""];
    let size = 0;
    for (let index = 0; size < 20 * MB; index++) {
      const cue = `${index}\n${stamp(index)} --> ${stamp(index + 1)}\n<v Speaker ${index % 3}>Words &amp; more words in cue ${index}, <i>said</i> slowly.\n`;
      cues.push(cue);
      size += cue.length + 1;
    }
    const body = cues.join("\n");
    let segments = 0;
    expect(timed(() => (segments = parseTranscript(body).segments.length))).toBeLessThan(BUDGET_MS);
    expect(segments).toBe(cues.length - 2);
  });

  it.each([
    ["unclosed tags", "<", "vtt"],
    ["tag-like runs", "<v a", "vtt"],
    ["arrows without times", "-->", "srt"],
    ["label-like colons", "Aaaa Bbbb:", "text"],
    ["label-like lines", "Aaaa:\n", "text"],
    ["open brackets", "[a] [1", "text"],
    ["Markdown stars", "**a", "text"],
    ["escaped brackets", "\\[", "text"],
    ["ampersands", "&a", "text"],
    ["an unclosed front matter", "\n---", "text"],
    ["unclosed HTML tags", "<p", "html"],
    ["deep JSON", "[", "json"],
  ] as const)("survives 5 MB of %s without a slow pattern", { timeout: 60_000 }, (_name, unit, format) => {
    // 5 MB is plenty: a pattern that backtracks would take hours on it, a linear one takes a second.
    const body = (format === "text" ? "---\n" : "") + unit.repeat(Math.ceil((5 * MB) / unit.length));
    expect(timed(() => parseTranscript(body, { format }))).toBeLessThan(BUDGET_MS);
  });
});

function stamp(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}.000`;
}
