/**
 * Negations and hedges a reader no longer sees: a headline that drops the "I don't think" of its
 * source, or a body that turns "it will probably…" into a flat fact. The headline is compared with the
 * clause of the transcript sentence it came from (transcript-window.ts), each body sentence with its
 * quote's clause; markers are those of lib/nlp/meaning-markers.ts, which cleaning and headlines keep.
 */
import { findSourceClause, sentencesOf } from "@/lib/insights/eval/transcript-window";
import { analyzeEnglish } from "@/lib/nlp/english";
import { lostMarkers } from "@/lib/nlp/meaning-markers";

export type LostMarkers = { negations: string[]; hedges: string[]; from: string | null };

const NONE: LostMarkers = { negations: [], hedges: [], from: null };

// "kind of"/"sort of" hedge only before a describing word ("kind of expensive"); before a noun or as a
// pause they are filler that a clean body rightly drops.
const FILLER_HEDGES = new Set(["kind of", "sort of"]);

/** How often each filler-like hedge ("kind of") is used as a hedge (before an adjective, verb or adverb) in a text. */
function hedgeUses(text: string): Map<string, number> {
  const tokens = analyzeEnglish(text).tokens;
  const uses = new Map<string, number>();
  tokens.forEach((token, index) => {
    const phrase = `${token.text.toLowerCase()} ${tokens[index + 1]?.text.toLowerCase() ?? ""}`;
    const next = tokens[index + 2];
    if (FILLER_HEDGES.has(phrase) && next && ["ADJ", "VERB", "ADV"].includes(next.pos)) uses.set(phrase, (uses.get(phrase) ?? 0) + 1);
  });
  return uses;
}

function compare(text: string, source: string): LostMarkers {
  const found = findSourceClause(text, source);
  if (!found) return NONE;
  // "not only … but also" adds; it negates nothing a headline could drop.
  const lost = lostMarkers(found.clause.replace(/\bnot only\b/gi, "only"), text.replace(/\bnot only\b/gi, "only"));
  const hedges = lost.hedges.filter((hedge) => !FILLER_HEDGES.has(hedge));
  // "kind of" is lost as a hedge only when fewer of its hedge uses remain than the source had: a
  // filler "kind of" removed beside a hedging one that stays is no loss.
  if (lost.hedges.some((hedge) => FILLER_HEDGES.has(hedge))) {
    const before = hedgeUses(found.clause);
    const after = hedgeUses(text);
    for (const [phrase, count] of before) for (let index = after.get(phrase) ?? 0; index < count; index++) hedges.push(phrase);
  }
  return { negations: lost.negations, hedges, from: found.clause };
}

/** What the headline lost of the transcript clause it came from (the window: transcript-window.ts). */
export function headlineMarkersLost(headline: string, window: string): LostMarkers {
  return compare(headline, window);
}

/** What the body lost, sentence by sentence, of the quote it was written from. */
export function bodyMarkersLost(body: string, quote: string): LostMarkers {
  const all: LostMarkers = { negations: [], hedges: [], from: null };
  for (const sentence of sentencesOf(body)) {
    const lost = compare(sentence, quote);
    all.negations.push(...lost.negations);
    all.hedges.push(...lost.hedges);
    if (lost.negations.length + lost.hedges.length > 0 && all.from === null) all.from = lost.from;
  }
  return all;
}

export function countLost(lost: LostMarkers): number {
  return lost.negations.length + lost.hedges.length;
}
