/**
 * Which transcript format a body is in: the caller's word, else the content type, else the file
 * extension, else the content itself. `text/plain` and unknown types decide nothing on their own —
 * servers send them for every kind of text file, including .vtt and .srt.
 */
import type { TranscriptFormat } from "@/lib/ingest/types";
import { parseTimestamp } from "@/lib/ingest/transcript/timestamp";

const FORMAT_BY_CONTENT_TYPE: Record<string, TranscriptFormat> = {
  "text/vtt": "vtt",
  "application/x-subrip": "srt",
  "application/srt": "srt",
  "application/x-srt": "srt",
  "text/srt": "srt",
  "text/x-srt": "srt",
  "application/json": "json",
  "text/json": "json",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "text/markdown": "text",
  "text/x-markdown": "text",
};

const FORMAT_BY_EXTENSION: Record<string, TranscriptFormat> = {
  vtt: "vtt",
  webvtt: "vtt",
  srt: "srt",
  json: "json",
  html: "html",
  htm: "html",
  txt: "text",
  md: "text",
  markdown: "text",
};

export type FormatHints = { contentType?: string | null; url?: string | null; format?: TranscriptFormat };

export function formatFromContentType(contentType: string | null | undefined): TranscriptFormat | null {
  const type = contentType?.split(";", 1)[0]?.trim().toLowerCase();
  if (!type) return null;
  return FORMAT_BY_CONTENT_TYPE[type] ?? (type.endsWith("+json") ? "json" : null);
}

export function formatFromUrl(url: string | null | undefined): TranscriptFormat | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url, "http://relative.invalid").pathname;
  } catch {
    return null;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension ? (FORMAT_BY_EXTENSION[extension] ?? null) : null;
}

export function detectFormat(source: string, hints: FormatHints = {}): TranscriptFormat {
  if (hints.format) return hints.format;
  const byType = formatFromContentType(hints.contentType);
  if (byType && byType !== "text") return byType;
  const byUrl = formatFromUrl(hints.url);
  if (byUrl && byUrl !== "text") return byUrl;
  return sniffFormat(source);
}

// A page may open with what belongs in its head (a script, a style) before any text.
const HTML_START = /^<(?:!--|(?:!doctype|html|head|body|cite|time|p|div|section|article|main|span|h[1-6]|script|style|meta|link|title)\b)/i;
const SNIFF_LINES = 12;
// "[Speaker 1] [00:00]" and "[00:00]" open with a bracket too; a JSON list opens with an object, a list,
// a string, a number followed by "," or "]", or closes at once.
const JSON_LIST_START = /^\[\s*(?:[{["\]]|-?\d+(?:\.\d+)?\s*[,\]]|$)/;

/** The format the content itself shows; "text" when it shows none. */
export function sniffFormat(source: string): TranscriptFormat {
  const head = source.slice(0, 4096).trimStart();
  if (/^WEBVTT(?:\s|$)/.test(head)) return "vtt";
  if (head.startsWith("{") || JSON_LIST_START.test(head)) return "json";
  if (HTML_START.test(head)) return "html";

  const lines = head.split(/\r\n|\r|\n/, SNIFF_LINES).map((line) => line.trim());
  const timing = lines.find((line) => isTimingLine(line));
  if (timing === undefined) return "text";
  // SRT writes a comma before the milliseconds and numbers its cues; WebVTT without its header is rare.
  return timing.includes(",") || /^\d+$/.test(lines.find(Boolean) ?? "") ? "srt" : "vtt";
}

function isTimingLine(line: string): boolean {
  const arrow = line.indexOf("-->");
  if (arrow < 0) return false;
  const [end = ""] = line.slice(arrow + 3).trim().split(/\s/, 1);
  return parseTimestamp(line.slice(0, arrow)) !== null && parseTimestamp(end) !== null;
}
