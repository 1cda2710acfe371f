/**
 * A headline of at most twelve words cut from the passage itself. Every stretch of four to twelve
 * words of the key sentences that starts where a clause or phrase can start and ends where one can
 * end is a candidate; the one carrying most of the episode's weighty terms wins, with preferences
 * for a full clause (it has a verb), for standing alone (no "it"/"they" to resolve) and for not
 * being about "I" and "you". Hedges ("kind of", "really", "I think") are dropped first. Drawn, not
 * written, so it can say nothing the speaker did not.
 */
import { isStopword, stem, VERB } from "@/lib/insights/offline/tokens";

export const MAX_HEADLINE_WORDS = 12;
const MIN_HEADLINE_WORDS = 4;

const HEDGES =
  /(?<=\b(?:is|was|are|were|it's|that's|there's)\s)like\s|\b(?:kind of|sort of|pretty much|I think that|I think|I guess|I mean|I believe|I suppose|I feel like|you know|of course|basically|literally|actually|really|just|very|pretty|definitely|certainly|obviously|probably|essentially|somewhat|a little bit|a bit|super)\b,?\s*/gi;
// Framing that leads up to a claim without being part of it.
const LEAD_IN =
  /\b(?:one of the (?:things|reasons) (?:that )?(?:\w+ )?(?:is|was) (?:that )?|the (?:first|second|third|other|big|main|key|interesting) (?:thing|point|one) (?:is|was) (?:that )?|a (?:second|third|final|big) (?:thing|point) is (?:that )?|the (?:thing|point|idea) is (?:that )?|what (?:I|we) (?:found|saw|learned|noticed) (?:is|was) (?:that )?|the fact that |if you look at |when you look at |it turns out (?:that )?)/gi;

// A candidate may start after these (the clause they open) but not on them.
const OPENS_CLAUSE = new Set(["that", "because", "but", "and", "so", "which", "when", "if", "where", "while", "whereas", "although", "though", "since", "then", "or", "as"]);
// A candidate ends at a pause, at the end, or where a clause or a prepositional phrase begins, so
// that it never stops mid-phrase ("will leave China | in the next year", not "…in the next").
const PREPOSITIONS = new Set(
  "of to in on at for with from by into about over under through across between during without within toward towards until after before like around against among per via beyond".split(" "),
);
// Ending before "of" or "to" would strand a phrase ("the number | of bills", "going | to").
const ENDS_BEFORE = new Set([...PREPOSITIONS].filter((word) => word !== "of" && word !== "to"));
// Words that promise more than the headline then gives ("due", "compared", "in order").
const BAD_LAST_WORDS = new Set(
  `due able going trying order based compared similar related according thanks prior next last same other whole own certain
  particular various several each every part kind sort type lot number amount bunch couple terms instead rather
  depends depend relies rely consists refers belongs focuses results leads comes goes looks`.split(/\s+/),
);
// After "and", "but" or "so", a new clause starts with its subject; anything else continues a list.
const SUBJECT_START = /^(?:\p{Lu}|\d|(?:the|a|an|this|that|these|those|we|they|i|you|he|she|it|there|people|most|many|some|every|each|no|our|their|my|your|its|his|her)$)/u;

// Words a headline cannot open on: it would lack its subject ("Is a great institute", "Created by").
const NOT_AN_OPENING = new Set(
  `is are was were be been being am has have had do does did can could will would should may might must shall
  isn't aren't wasn't weren't hasn't haven't don't doesn't didn't can't couldn't won't wouldn't shouldn't
  neither nor also even still only not just too then yet plus whereas now here well maybe perhaps`.split(/\s+/),
);
const POINTING_OPENER = /^(?:it|this|that|these|those|they|them|he|she|which|who|here|what|such|both|one)\b/i;
const CONDITIONAL_OPENER = /^(?:when|if|as|while|whether|once|unless)\b/i;
const PERSONAL = /\b(?:I|I'm|I've|I'd|I'll|me|my|you|your|you're|you've)\b/;

type Token = { word: string; text: string; pauseAfter: boolean };

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const piece of sentence.split(/\s+/).filter(Boolean)) {
    const word = piece.replace(/^[^\p{L}\p{N}$£€%]+|[^\p{L}\p{N}%]+$/gu, "");
    if (!word) {
      // A lone dash between words is a pause.
      if (tokens.length) tokens.at(-1)!.pauseAfter = true;
      continue;
    }
    // "U.S." and "e.g." end in a full stop without ending anything.
    const abbreviation = /^(?:\p{L}{1,2}\.)+$/u.test(piece);
    tokens.push({ word, text: piece, pauseAfter: !abbreviation && /[,;:.!?…—–)"”]$/.test(piece) });
  }
  return tokens;
}

function spanValue(words: Token[], weight: (term: string) => number, afterCondition: boolean): number {
  let value = 0;
  for (const token of words) {
    if (/\d/.test(token.word)) value += 0.35;
    else if (!isStopword(token.word)) value += weight(stem(token.word)) + (/^\p{Lu}/u.test(token.word) ? 0.1 : 0);
  }
  value /= words.length ** 0.35;
  const text = words.map((token) => token.word).join(" ");
  if (!VERB.test(text)) value *= words.length >= 5 ? 0.65 : 0.3;
  if (POINTING_OPENER.test(text)) value *= 0.45;
  // "if you had a technical fault…" is a condition, not the claim that follows it.
  if (CONDITIONAL_OPENER.test(text) || afterCondition) value *= 0.6;
  if (PERSONAL.test(text)) value *= 0.75;
  // Ending on a verb usually leaves its object behind ("The EU AI Act has classified").
  if (VERB.test(words.at(-1)!.word) && !/ing$/.test(words.at(-1)!.word)) value *= 0.5;
  return value;
}

type Candidate = { words: Token[]; afterCondition: boolean };

function candidates(sentence: string): Candidate[] {
  const prepared = sentence.replace(HEDGES, "").replace(LEAD_IN, "").replace(/\s+/g, " ").trim();
  const tokens = tokenize(prepared);
  const result: Candidate[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const previous = tokens[start - 1];
    const token = tokens[start]!;
    const first = token.word.toLowerCase().replace(/’/g, "'");
    const afterConjunction = previous !== undefined && !previous.pauseAfter && OPENS_CLAUSE.has(previous.word.toLowerCase());
    const canStart = !previous || previous.pauseAfter || (afterConjunction && SUBJECT_START.test(token.word));
    if (!canStart || OPENS_CLAUSE.has(first) || PREPOSITIONS.has(first) || NOT_AN_OPENING.has(first) || /ly$/.test(first)) continue;
    // A finite verb first ("wrote a post", "Puts all that together") has lost its subject; "Examining…" has not.
    // Mid-sentence, a capital marks a name ("Sets"), not a verb.
    if (!/ing$|['’]/.test(first) && (start === 0 || /^\p{Ll}/u.test(token.word)) && VERB.test(first)) continue;
    for (let end = start + MIN_HEADLINE_WORDS; end <= Math.min(tokens.length, start + MAX_HEADLINE_WORDS); end++) {
      const next = tokens[end];
      const lastWord = tokens[end - 1]!;
      // Stop at a pause: a headline does not run across a comma into the next clause.
      if (tokens.slice(start, end - 1).some((entry) => entry.pauseAfter)) break;
      const following = next?.word.toLowerCase() ?? "";
      const endsNaturally = !next || lastWord.pauseAfter || OPENS_CLAUSE.has(following) || ENDS_BEFORE.has(following);
      if (!endsNaturally) continue;
      const last = lastWord.word.toLowerCase();
      if ((isStopword(last) && !/\d/.test(last)) || BAD_LAST_WORDS.has(last) || /ly$/.test(last)) continue;
      const words = tokens.slice(start, end);
      if (!balanced(words.map((entry) => entry.text).join(" "))) continue;
      result.push({ words, afterCondition: afterConjunction && CONDITIONAL_OPENER.test(previous!.word) });
    }
  }
  return result;
}

function balanced(text: string): boolean {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return count(/"/g) % 2 === 0 && count(/“/g) === count(/”/g) && count(/\(/g) === count(/\)/g);
}

function finish(words: Token[]): string {
  const text = words
    .map((token) => token.text)
    .join(" ")
    .replace(/^[^\p{L}\p{N}$£€]+/u, "")
    .replace(/[\s,;:.!?…—–-]+$/u, "");
  return text.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

/**
 * @param keySentences the passage's cleaned sentences, most important first.
 * @param weight how much a stemmed term matters in this episode (0..1).
 */
export function draftHeadline(keySentences: string[], weight: (term: string) => number): string {
  let best: Token[] | null = null;
  let bestValue = -Infinity;
  keySentences.slice(0, 3).forEach((sentence, rank) => {
    for (const candidate of candidates(sentence)) {
      // Later sentences are a fallback, not a rival: the key sentence is what the passage is about.
      const value = spanValue(candidate.words, weight, candidate.afterCondition) * (rank === 0 ? 1 : 0.8);
      if (value > bestValue) {
        best = candidate.words;
        bestValue = value;
      }
    }
  });
  if (best) return finish(best);
  // No clause fits between pauses (unpunctuated captions): the key sentence's opening words, without
  // a leading conjunction or a trailing function word.
  const words = tokenize(keySentences[0] ?? "");
  while (words.length > MIN_HEADLINE_WORDS && OPENS_CLAUSE.has(words[0]!.word.toLowerCase())) words.shift();
  const kept = words.slice(0, MAX_HEADLINE_WORDS);
  while (kept.length > MIN_HEADLINE_WORDS && (isStopword(kept.at(-1)!.word) || BAD_LAST_WORDS.has(kept.at(-1)!.word.toLowerCase()))) kept.pop();
  return finish(kept);
}
