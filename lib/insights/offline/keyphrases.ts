/**
 * Topic labels for a passage: its weightiest noun phrases and names. wink-nlp tags each word; a
 * candidate is a run of adjectives, nouns and names ending in a noun ("semiconductor export
 * controls", "mixture of experts", "Bitcoin Core"), or any shorter run ending at the same noun
 * ("export controls"). A candidate is worth the episode weight of its words, so "mining pool" from
 * a Bitcoin episode beats a word said once in passing, and it is kept only if it names a subject
 * (isGoodLabel): no "bunch", "tend", "six" or "oftentimes", whatever their weight.
 */
import { isStopword, stem } from "@/lib/insights/offline/tokens";
import { GENERIC_ADJECTIVES, isGoodLabel, looksLikeName } from "@/lib/insights/topics/label-quality";
import { analyzeEnglish, type NlpToken } from "@/lib/nlp/english";

/** A single word must be one the episode keeps returning to, or it is a detail, not a topic. */
const SINGLE_WORD_MIN_WEIGHT = 0.3;
/** Longest label, in words ("semiconductor export controls", "mixture of experts"). */
const MAX_WORDS = 3;

export type PhraseWeight = (stemmedTerm: string) => number;

function isName(token: NlpToken): boolean {
  return (token.pos === "PROPN" && /^\p{Lu}/u.test(token.text)) || looksLikeName(token.text);
}

function isHead(token: NlpToken): boolean {
  return token.pos === "NOUN" || isName(token);
}

/** Words that may stand before the head of a noun phrase. */
function isModifier(token: NlpToken): boolean {
  return token.pos === "ADJ" || isHead(token) || (token.pos === "NUM" && /\d/.test(token.text) && token.kind !== "number");
}

/** As a label shows it: names keep their capitals, other words are lower-cased. */
function labelText(words: NlpToken[]): string {
  return words.map((token) => (isName(token) ? token.text : token.text.toLowerCase())).join(" ").replace(/ - /g, "-");
}

/** Noun-phrase runs of a sentence: modifiers up to a head noun, "of" between two nouns, hyphenated compounds kept whole. */
function nounPhrases(tokens: NlpToken[]): NlpToken[][] {
  const phrases: NlpToken[][] = [];
  let run: NlpToken[] = [];
  const flush = () => {
    // A run ends at its last head noun; whatever follows it ("market is", "cost high") is no part of it.
    while (run.length > 0 && !isHead(run.at(-1)!)) run.pop();
    // Opening words of talk ("great question", "whole thing") are no part of the subject.
    while (run.length > 1 && !isName(run[0]!) && (isStopword(run[0]!.text) || GENERIC_ADJECTIVES.has(run[0]!.text.toLowerCase()))) run.shift();
    if (run.length > 0) phrases.push(run);
    run = [];
  };
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    // "AI-generated", "open-weight": a hyphen ties two words into one modifier.
    const hyphenated = token.text === "-" && previous !== undefined && next !== undefined && previous.end === token.start && token.end === next.start;
    const inCompound = previous?.text === "-" && previous.end === token.start && run.length > 0;
    // "mixture of experts", "economies of scale": common nouns only; "Python of Django" is two names.
    const joinsNouns = token.lemma === "of" && run.length > 0 && run.at(-1)!.pos === "NOUN" && next?.pos === "NOUN";
    if (isModifier(token) || hyphenated || inCompound || joinsNouns) run.push(token);
    else flush();
  });
  flush();
  return phrases;
}

/**
 * @param excluded lower-cased words never to use (the speakers' names: a guest is not a topic).
 * @returns up to `limit` labels, best first, each a noun phrase or a name that passes isGoodLabel;
 *   fewer (none at all) when the passage names no subject.
 */
export function topKeyphrases(text: string, weight: PhraseWeight, excluded: ReadonlySet<string>, limit = 4): string[] {
  const candidates = new Map<string, { label: string; value: number; stems: string[] }>();
  for (const sentence of analyzeEnglish(text).sentences) {
    for (const phrase of nounPhrases(sentence.tokens)) {
      // Every shorter phrase ending at the head: "semiconductor export controls", "export controls", "controls".
      for (let start = 0; start < phrase.length; start++) {
        const words = phrase.slice(start);
        if (words[0]!.text === "-" || words[0]!.lemma === "of") continue;
        const content = words.filter((token) => /[\p{L}\p{N}]/u.test(token.text) && token.lemma !== "of");
        if (content.length === 0 || content.length > MAX_WORDS) continue;
        if (content.some((token) => excluded.has(token.text.toLowerCase()))) continue;
        const stems = content.map((token) => stem(token.text));
        const value = stems.reduce((sum, term) => sum + weight(term), 0) * (content.length === 1 ? 1 : 0.9);
        if (content.length === 1 && value < SINGLE_WORD_MIN_WEIGHT) continue;
        const label = labelText(words);
        const key = label.toLowerCase();
        if (value > (candidates.get(key)?.value ?? 0)) candidates.set(key, { label, value, stems });
      }
    }
  }

  const ranked = [...candidates.values()].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const chosen: { label: string; stems: string[] }[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= limit) break;
    // "mining pool" and "pool" are one topic; keep whichever ranked higher.
    if (chosen.some((other) => other.stems.some((term) => candidate.stems.includes(term)))) continue;
    if (candidate.value > 0 && isGoodLabel(candidate.label)) chosen.push(candidate);
  }
  return chosen.map((entry) => entry.label);
}
