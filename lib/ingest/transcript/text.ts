/**
 * Plain-text and Markdown transcripts, timed or bare paragraphs, in the shapes shows publish them:
 *   00:01:02 <v Name>what they said         timed lines, voice tag optional (Talk Python)
 *   [Speaker 1] [01:02] what they said      diarized ASR, [HH:MM:SS] after the first hour (Oxide)
 *   **Name:** what they said                Markdown; `\[12:34\]` times some paragraphs (Changelog)
 *   Name: what they said, or "Name:" alone above a paragraph, under YAML front matter (Bitcoin Transcripts)
 * Lines without a time or a speaker continue the segment above them, up to a blank line.
 */
import type { ParsedTranscript } from "@/lib/ingest/types";
import { decodeEntities } from "@/lib/ingest/transcript/clean-text";
import { splitFrontMatter } from "@/lib/ingest/transcript/front-matter";
import { type DraftSegment, finishTranscript } from "@/lib/ingest/transcript/segments";
import { splitSpeakerLabel } from "@/lib/ingest/transcript/speaker-label";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";

const TIME = String.raw`\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?`;
const BRACKETED_SPEAKER_AND_TIME = new RegExp(String.raw`^\[([^\][]{1,80})\]\s*\[(${TIME})\]\s*`);
// "[12:34]" and Markdown's escaped "\[12:34\]" are unmistakable; a bare "12:34" only counts in a file
// whose lines mostly start with one, so that prose opening with a clock time keeps it.
const BRACKETED_TIME = new RegExp(String.raw`^\\?\[(${TIME})\\?\]\s*`);
const BARE_TIME = new RegExp(String.raw`^(${TIME})(?:\s+|$)`);
const BOLD_LABEL = /^\*\*([^*]{1,80}?)(?::\*\*|\*\*\s*:)\s*/;
const VOICE = /^<v(?:\.[^\s<>]*)?\s+([^<>]{1,80})>\s*/;
const VOICE_TAGS = /<\/?v(?:[.\s][^<>]*)?>/g;

type ReadLine = { time: number | null; speaker: string | undefined; text: string };
type Context = {
  /** Most lines open with a bare time: "12:34" at a line start is a timestamp, not prose. */
  bareTimes: boolean;
  /** Most lines are timed captions (bare times or diarized lines) rather than paragraphs. */
  captionLines: boolean;
  knownSpeakers: Set<string>;
};
// Lines are collected and joined once: a rope of millions of concatenations costs more than the parse.
type TextDraft = { time: number | null; speaker: string | null; lines: string[]; paragraph: boolean };

export function parseTextTranscript(source: string): ParsedTranscript {
  const { body, speakers } = splitFrontMatter(source);
  const lines = body.split(/\r\n|\r|\n/);
  const context = surveyLines(lines, speakers);
  const markdown = speakers.length > 0 || body.includes("**") || body.includes("\\[");

  const drafts: TextDraft[] = [];
  let current: TextDraft | null = null;
  let speaker: string | null = null;
  let afterBlank = true;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line) {
      afterBlank = true;
      continue;
    }
    const read = readLine(line, context);
    // A label with a time and nothing else ("**Break**: \[07:02\]") marks time; it names no speaker.
    const marker = read.text === "" && read.time !== null;
    if (read.speaker !== undefined && !marker) speaker = read.speaker;
    const opensSegment = read.time !== null || read.speaker !== undefined;
    if (current && !opensSegment && (awaitsWords(current) || !afterBlank)) {
      current.lines.push(read.text);
    } else {
      current = { time: read.time, speaker, lines: [read.text], paragraph: afterBlank || read.speaker !== undefined };
      drafts.push(current);
    }
    afterBlank = false;
  }

  const timed = drafts.some((draft) => draft.time !== null);
  let clock = 0;
  const segments: DraftSegment[] = drafts.map((draft) => {
    // Untimed paragraphs between timed ones start where the last time left off.
    clock = draft.time ?? clock;
    const text = decodeEntities(draft.lines.join("\n").replace(VOICE_TAGS, ""));
    return {
      start: clock,
      end: null,
      speaker: draft.speaker,
      text: markdown ? stripMarkdown(text) : text,
      // In timed-line files a line is a caption, not a paragraph: turns change with the speaker only.
      breakBefore: !context.captionLines && draft.paragraph,
    };
  });
  return finishTranscript("text", segments, timed);
}

/** A "Name:" line on its own: the paragraph below it is what they said. */
function awaitsWords(draft: TextDraft): boolean {
  return draft.lines.length === 1 && draft.lines[0] === "";
}

function surveyLines(lines: string[], frontMatterSpeakers: string[]): Context {
  let nonBlank = 0;
  let bareTimes = 0;
  let diarized = 0;
  const labelCounts = new Map<string, number>();
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line) continue;
    nonBlank++;
    if (BARE_TIME.test(line)) bareTimes++;
    else if (BRACKETED_SPEAKER_AND_TIME.test(line)) diarized++;
    const label = splitSpeakerLabel(line);
    if (label) labelCounts.set(label.speaker, (labelCounts.get(label.speaker) ?? 0) + 1);
  }
  // A "Name:" prefix is a speaker when the front matter names them or it comes back: a one-off
  // "Update: …" or "podcast: https://…" stays text.
  const knownSpeakers = new Set(frontMatterSpeakers);
  for (const [name, count] of labelCounts) if (count >= 2) knownSpeakers.add(name);
  return { bareTimes: bareTimes * 2 >= nonBlank, captionLines: (bareTimes + diarized) * 2 >= nonBlank, knownSpeakers };
}

function readLine(line: string, context: Context): ReadLine {
  const diarized = BRACKETED_SPEAKER_AND_TIME.exec(line);
  const diarizedTime = diarized ? parseTimestamp(diarized[2] ?? "") : null;
  if (diarized && diarizedTime !== null) {
    return { time: diarizedTime, speaker: diarized[1]?.trim(), text: line.slice(diarized[0].length) };
  }

  let rest = line;
  let speaker: string | undefined;
  const bold = BOLD_LABEL.exec(rest);
  const label = bold ? null : splitSpeakerLabel(rest);
  if (bold) {
    speaker = bold[1]?.trim();
    rest = rest.slice(bold[0].length);
  } else if (label && context.knownSpeakers.has(label.speaker)) {
    speaker = label.speaker;
    rest = label.rest;
  }

  let time: number | null = null;
  const timeMatch = BRACKETED_TIME.exec(rest) ?? (context.bareTimes ? BARE_TIME.exec(rest) : null);
  if (timeMatch) {
    time = parseTimestamp(timeMatch[1] ?? "");
    if (time !== null) rest = rest.slice(timeMatch[0].length);
  }

  const voice = VOICE.exec(rest);
  if (voice) {
    speaker = voice[1]?.trim();
    rest = rest.slice(voice[0].length);
  }
  return { time, speaker, text: rest };
}

function stripMarkdown(text: string): string {
  return text
    .replace(/\*\*/g, "")
    .replace(/\[([^\][]*)\]\([^()\s]*\)/g, "$1")
    .replace(/<(https?:\/\/[^<>\s]*)>/g, "$1")
    .replace(/^#{1,6}\s+/, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!<>~|])/g, "$1");
}
