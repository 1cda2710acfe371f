/**
 * A transcript as the compact text a model reads, in parts of one call each. Cost is the constraint:
 * the model should read every word about once. A line is a speaker turn ("[mm:ss] Speaker: words"),
 * not a caption cue, so short cues do not each repeat a time and a name; parts are balanced and overlap
 * by about 5%, enough that a point made across a boundary is seen whole once.
 */
import { formatTimestamp } from "@/lib/format";
import type { TranscriptSegment } from "@/lib/ingest/types";

export const DEFAULT_CHUNK_TOKENS = 12_000;
export const CHUNK_OVERLAP = 0.05;

// English averages about four characters a token; close enough to size parts, never to bill.
const CHARS_PER_TOKEN = 4;
// A turn longer than this is broken into several lines, each with its own timestamp.
const MAX_LINE_CHARS = 1_500;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export type TranscriptChunk = {
  /** 0-based position among the parts. */
  index: number;
  count: number;
  /** Segments this part covers, inclusive; the first may be covered only from a piece of it on. */
  fromSegment: number;
  toSegment: number;
  /** The rendered lines, "[mm:ss] Speaker: text", without any delimiters. */
  text: string;
};

/** Part of a segment: a segment too long to sit within one part is cut at sentence ends. */
type Piece = { segment: number; text: string };

export function chunkTranscript(
  segments: TranscriptSegment[],
  { maxTokens = DEFAULT_CHUNK_TOKENS, overlap = CHUNK_OVERLAP }: { maxTokens?: number; overlap?: number } = {},
): TranscriptChunk[] {
  const budget = maxTokens * CHARS_PER_TOKEN;
  const pieces = toPieces(segments, Math.max(200, Math.floor(budget / 8)));
  if (pieces.length === 0) return [];

  const costs = pieces.map((piece) => piece.text.length + 1);
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const count = Math.max(1, Math.ceil((total * (1 + overlap)) / budget));
  const share = total / count;
  const overlapChars = share * overlap;

  // Boundaries where the running total crosses each share: parts come out even, no tiny last part.
  const starts = [0];
  let running = 0;
  for (let index = 0; index < pieces.length && starts.length < count; index++) {
    running += costs[index]!;
    if (running >= share * starts.length && index + 1 < pieces.length) starts.push(index + 1);
  }

  const timed = segments.some((segment) => segment.start > 0 || segment.end > 0);
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? pieces.length;
    let from = start;
    let back = 0;
    while (index > 0 && from > starts[index - 1]! + 1 && back + costs[from - 1]! <= overlapChars) {
      from--;
      back += costs[from]!;
    }
    const part = pieces.slice(from, end);
    return {
      index,
      count: starts.length,
      fromSegment: part[0]!.segment,
      toSegment: part[part.length - 1]!.segment,
      text: renderLines(part, segments, timed),
    };
  });
}

function toPieces(segments: TranscriptSegment[], maxPieceChars: number): Piece[] {
  const pieces: Piece[] = [];
  segments.forEach((segment, index) => {
    const text = segment.text.replace(/\s+/g, " ").trim();
    if (!text) return;
    for (const part of splitText(text, maxPieceChars)) pieces.push({ segment: index, text: part });
  });
  return pieces;
}

function splitText(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const parts: string[] = [];
  let current = "";
  for (const sentence of text.split(/(?<=[.!?…])\s+/)) {
    const words = sentence.length > maxChars ? sentence.split(" ") : [sentence];
    for (const word of words) {
      if (current && current.length + 1 + word.length > maxChars) {
        parts.push(current);
        current = "";
      }
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) parts.push(current);
  return parts;
}

function renderLines(pieces: Piece[], segments: TranscriptSegment[], timed: boolean): string {
  const lines: string[] = [];
  let line = "";
  let lineSpeaker: string | null | undefined;
  for (const piece of pieces) {
    const segment = segments[piece.segment]!;
    if (line && segment.speaker === lineSpeaker && line.length + 1 + piece.text.length <= MAX_LINE_CHARS) {
      line += ` ${piece.text}`;
      continue;
    }
    if (line) lines.push(line);
    const stamp = timed ? `[${formatTimestamp(segment.start, { padMinutes: true })}] ` : "";
    const label = segment.speaker ? `${segment.speaker}: ` : "";
    line = `${stamp}${label}${piece.text}`;
    lineSpeaker = segment.speaker;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

