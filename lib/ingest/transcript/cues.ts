/**
 * Timed cues, the structure WebVTT and SRT share: an optional identifier, a `start --> end` line, then
 * text lines, blocks separated by blank lines. One reader serves both formats, so that a headerless
 * WebVTT file served as SRT (or the reverse) reads the same.
 */
import { decodeEntities, stripTags } from "@/lib/ingest/transcript/clean-text";
import type { DraftSegment } from "@/lib/ingest/transcript/segments";
import { splitSpeakerLabel } from "@/lib/ingest/transcript/speaker-label";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";

type Cue = { start: number; end: number; lines: string[] };

// Blocks WebVTT allows that are not cues: the header (with its metadata lines), comments, styles, regions.
const NON_CUE_BLOCK = /^(?:WEBVTT|NOTE|STYLE|REGION)(?:[\s\u00a0]|$)/;
// `<v Speaker>` or `<v.loud Speaker>`; the closing `</v>` is optional and removed with the other tags.
// Generators also write them malformed, and each such tag was once left in the words: escaped
// (`&lt;v Host&gt;`, which decoding turns into visible text), `< v Host>`, `<V Host>`. Names are bounded,
// so a stray bracket costs one short scan.
const VOICE_TAG = /(?:<\s*|&lt;)[vV](?:\.[^\s<>&]*)?[ \t]+((?:[^<>\n&]|&(?!gt;)){0,100}?)\s*(?:>|&gt;)/g;
const ESCAPED_VOICE_END = /&lt;\/\s*[vV]\s*&gt;/g;
// A voice tag alone on its line without its ">" names whoever speaks the lines below it.
const UNCLOSED_VOICE_LINE = /^(?:<\s*|&lt;)[vV](?:\.[^\s<>&]*)?[ \t]+([^<>\n&]{1,100})$/gm;
// YouTube captions mark a change of speaker with ">>" at the start of a line, sometimes followed by a name.
const SPEAKER_CHANGE = /^>>(?!>)\s*/;

export function readCues(source: string): Cue[] {
  const cues: Cue[] = [];
  let cue: Cue | null = null;
  let inBlock = false;
  let skippingBlock = false;
  let lastLineWasPayload = false;

  for (const rawLine of source.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (!line) {
      inBlock = false;
      skippingBlock = false;
      lastLineWasPayload = false;
      continue;
    }
    const firstInBlock = !inBlock;
    inBlock = true;
    const timing = line.includes("-->") ? parseTimingLine(line) : null;
    // No comment or header may contain "-->", so a timing line ends one that lacks its blank line.
    if (skippingBlock && !timing) continue;
    skippingBlock = false;
    if (firstInBlock && NON_CUE_BLOCK.test(line)) {
      skippingBlock = true;
      continue;
    }
    if (timing) {
      // The line just before a timing line is the next cue's identifier, not the last cue's text; this
      // only matters when a file leaves out the blank line between cues.
      if (lastLineWasPayload) cue?.lines.pop();
      cue = { ...timing, lines: [] };
      cues.push(cue);
      lastLineWasPayload = false;
      continue;
    }
    if (!cue) continue; // an identifier, or header text, before the first cue
    cue.lines.push(line);
    lastLineWasPayload = true;
  }
  return cues;
}

function parseTimingLine(line: string): { start: number; end: number } | null {
  const arrow = line.indexOf("-->");
  const start = parseTimestamp(line.slice(0, arrow));
  // Cue settings ("align:start position:10%") follow the end time after whitespace.
  const [endToken = ""] = line.slice(arrow + 3).trim().split(/\s/, 1);
  const end = parseTimestamp(endToken);
  return start === null || end === null ? null : { start, end };
}

/**
 * Segments from cues: voice tags and "Name:" prefixes set the speaker, who stays the speaker until the
 * next one is named (the transcriptator oracle does the same); ">>" starts a turn by someone unnamed.
 */
export function segmentsFromCues(cues: Cue[]): DraftSegment[] {
  const segments: DraftSegment[] = [];
  let speaker: string | null = null;

  for (const cue of cues) {
    const payload = cue.lines.join("\n");
    for (const part of splitVoices(payload)) {
      let named = false;
      if (part.voice !== null) {
        speaker = part.voice;
        named = true;
      }
      const lines = decodeEntities(stripTags(part.text)).split("\n");
      let text = "";
      let breakBefore = false;
      const flush = () => {
        segments.push({ start: cue.start, end: cue.end, speaker, text, breakBefore });
        text = "";
        breakBefore = false;
      };
      lines.forEach((rawLine, index) => {
        let line = rawLine.trim();
        const change = SPEAKER_CHANGE.exec(line);
        if (change) {
          if (text) flush();
          line = line.slice(change[0].length);
          const label = splitSpeakerLabel(line);
          speaker = label ? label.speaker : null;
          line = label ? label.rest : line;
          breakBefore = true;
          named = true;
        } else if (index === 0 && !named) {
          const label = splitSpeakerLabel(line);
          if (label) {
            speaker = label.speaker;
            line = label.rest;
          }
        }
        text = text ? `${text}\n${line}` : line;
      });
      flush();
    }
  }
  return segments;
}

type VoicePart = { voice: string | null; text: string };

/** Splits a cue at its voice tags; text before the first tag keeps the speaker already in effect (null voice). */
function splitVoices(cuePayload: string): VoicePart[] {
  const parts: VoicePart[] = [];
  let voice: string | null = null;
  let from = 0;
  const payload = cuePayload.replace(UNCLOSED_VOICE_LINE, "<v $1>").replace(ESCAPED_VOICE_END, "");
  for (const match of payload.matchAll(VOICE_TAG)) {
    parts.push({ voice, text: payload.slice(from, match.index) });
    voice = decodeEntities((match[1] ?? "").trim()) || null;
    from = match.index + match[0].length;
  }
  parts.push({ voice, text: payload.slice(from) });
  return parts.filter((part) => part.voice !== null || part.text.trim());
}
