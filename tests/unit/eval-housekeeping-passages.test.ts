/**
 * The housekeeping set (tests/fixtures/housekeeping-passages.json) is real corpus text: every
 * passage's segments are the transcript's own, at their own times, and every kind the eval names is
 * either there or said to be missing. Whether the extractor leaves them alone is the eval's figure
 * (npm run eval:insights), not a test, while the extractor is being rebuilt.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/ingest/transcript/parse-transcript";
import { HOUSEKEEPING_KINDS, loadHousekeepingPassages } from "@/lib/insights/eval/housekeeping-set";
import { corpusDir, corpusFile } from "@/tests/helpers/corpus";

const fixture = loadHousekeepingPassages(path.join(corpusDir, "../fixtures/housekeeping-passages.json"));

describe("the housekeeping set", () => {
  it("has at least 20 passages, each kind present or said to be missing", () => {
    expect(fixture.passages.length).toBeGreaterThanOrEqual(20);
    const present = new Set(fixture.passages.map((passage) => passage.kind));
    const missing = new Set(fixture.missing.map((gap) => gap.kind));
    for (const kind of ["sponsor-read", "promo-code", "greeting", "intro", "outro", "subscribe-plug", "app-plug", "small-talk", "weather", "listener-mail"] as const) {
      expect(present.has(kind) || missing.has(kind), kind).toBe(true);
    }
    expect(new Set(fixture.passages.map((passage) => passage.id)).size).toBe(fixture.passages.length);
    expect(HOUSEKEEPING_KINDS).toContain("weather");
  });

  it.each(fixture.passages.map((passage) => [passage.id, passage] as const))("%s is cut verbatim from its transcript", (_id, passage) => {
    const name = passage.source.file.replace(/^transcripts\//, "");
    const transcript = parseTranscript(corpusFile(passage.source.file), { url: `https://example.com/${name}` });
    for (const segment of passage.segments) {
      const original = transcript.segments.find((candidate) => candidate.start === segment.start && candidate.end === segment.end && candidate.text.includes(segment.text));
      expect(original, `${passage.id}: "${segment.text.slice(0, 60)}"`).toBeDefined();
      expect(original!.speaker).toBe(segment.speaker);
    }
  });
});
