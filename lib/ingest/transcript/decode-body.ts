/**
 * Turns fetched bytes into text. Transcripts come from anywhere: most are UTF-8, some are UTF-16 with a
 * byte-order mark (Windows caption tools), and old subtitle files are often Windows-1252.
 */
import { TranscriptParseError } from "@/lib/ingest/transcript/transcript-parse-error";
import { decodeWindows1252 } from "@/lib/ingest/windows-1252";

export function decodeTranscriptBody(body: Buffer | string): string {
  const text = typeof body === "string" ? body : decodeBytes(body);
  // Checked after decoding, so that UTF-16 (full of NUL bytes) is read rather than refused.
  if (text.includes("\u0000")) throw new TranscriptParseError("the file is binary data, not a transcript");
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!withoutBom.trim()) throw new TranscriptParseError("the transcript is empty");
  return withoutBom;
}

function decodeBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
