/**
 * Reads a transcript file in any format a podcast feed offers (WebVTT, SRT, Podcasting 2.0 JSON and HTML,
 * plain text and Markdown) into timed, attributed segments. Bodies are untrusted: every failure is a
 * TranscriptParseError whose message can be shown to the reader, and the work is linear in the body size.
 */
import type { ParsedTranscript, TranscriptFormat } from "@/lib/ingest/types";
import { decodeTranscriptBody } from "@/lib/ingest/transcript/decode-body";
import { detectFormat, type FormatHints, sniffFormat } from "@/lib/ingest/transcript/detect-format";
import { parseHtmlTranscript } from "@/lib/ingest/transcript/html";
import { parseJsonTranscript } from "@/lib/ingest/transcript/json";
import { parseSrt } from "@/lib/ingest/transcript/srt";
import { parseTextTranscript } from "@/lib/ingest/transcript/text";
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";
import { parseVtt } from "@/lib/ingest/transcript/vtt";

const PARSERS: Record<TranscriptFormat, (source: string) => ParsedTranscript> = {
  vtt: parseVtt,
  srt: parseSrt,
  json: parseJsonTranscript,
  html: parseHtmlTranscript,
  text: parseTextTranscript,
};

// Formats whose content proves itself; a mislabelled file is retried as one of these, never as loose
// text or HTML, which would turn an error page into a "transcript".
const SELF_EVIDENT: ReadonlySet<TranscriptFormat> = new Set(["vtt", "srt", "json"]);

export function parseTranscript(body: Buffer | string, options: FormatHints = {}): ParsedTranscript {
  const source = decodeTranscriptBody(body);
  const format = detectFormat(source, options);
  try {
    return PARSERS[format](source);
  } catch (error) {
    if (!(error instanceof TranscriptParseError) || options.format) throw error;
    const sniffed = sniffFormat(source);
    if (sniffed === format || !SELF_EVIDENT.has(sniffed)) throw error;
    try {
      return PARSERS[sniffed](source);
    } catch {
      throw error;
    }
  }
}
