/**
 * The sentence around a mention. Transcript segments are cues (a few seconds of speech), which cut
 * sentences anywhere, so the sentence is looked for in the segment with its neighbours on either side,
 * and cut to a readable length around the mention when the speaker never paused for a full stop.
 */

const SNIPPET_MAX = 280;

/** Where the phrase's first word starts in `text` (stemmed search matches "controls" for "control"), or -1. */
export function mentionOffset(text: string, phrase: string): number {
  const words = phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const lower = text.toLowerCase();
  for (const word of words) {
    // A word's first letters, as full-text search's stemming keeps them ("exports" → "export").
    const stem = word.length > 5 ? word.slice(0, Math.max(4, word.length - 3)) : word;
    const found = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(stem)}`, "u").exec(lower);
    if (found) return found.index;
  }
  return -1;
}

/** The sentence (or sentences, across a cue's edge) that holds the mention, at most SNIPPET_MAX characters. */
export function sentenceAround({ before, text, after }: { before: string | null; text: string; after: string | null }, phrase: string): string {
  const parts = [before ?? "", text, after ?? ""].map((part) => part.replace(/\s+/g, " ").trim());
  const context = parts.filter(Boolean).join(" ");
  const own = parts[0] ? parts[0].length + 1 : 0;
  const inSegment = mentionOffset(parts[1]!, phrase);
  const at = own + Math.max(0, inSegment);
  // A sentence ends at . ! or ? followed by a space; the mention's sentence runs between two such ends.
  let start = 0;
  for (const end of context.matchAll(/[.!?]["”’)]?\s+/g)) {
    const next = end.index + end[0].length;
    if (next <= at) start = next;
    else break;
  }
  const stop = /[.!?]["”’)]?(\s|$)/g;
  stop.lastIndex = Math.max(at, start);
  const found = stop.exec(context);
  const finish = found ? found.index + found[0].trimEnd().length : context.length;
  let sentence = context.slice(start, finish).trim();
  if (sentence.length <= SNIPPET_MAX) return sentence;
  // A run-on: the words around the mention, cut at word edges.
  const mention = at - start;
  const from = Math.max(0, mention - SNIPPET_MAX / 2);
  const cutStart = from === 0 ? 0 : sentence.indexOf(" ", from) + 1;
  const cutEnd = sentence.lastIndexOf(" ", cutStart + SNIPPET_MAX);
  sentence = sentence.slice(cutStart, cutEnd > cutStart ? cutEnd : cutStart + SNIPPET_MAX).trim();
  return `${cutStart > 0 ? "…" : ""}${sentence}…`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
