/**
 * Topic labels for a passage: its weightiest noun phrases and names (a run of adjectives, nouns and
 * names ending in a noun, or a shorter run ending at the same noun). A candidate is worth its words'
 * episode weight, so "mining pool" in a Bitcoin episode beats a word said once, and is kept only if it
 * names a subject (isGoodLabel): no "bunch" or "oftentimes", whatever their weight.
 */
import { stem } from "@/lib/insights/offline/tokens";
import { isGoodLabel } from "@/lib/insights/topics/label-quality";
import { labelText, nounPhrases } from "@/lib/insights/topics/noun-phrases";
import { analyzeEnglish } from "@/lib/nlp/english";

/** A single word must be one the episode keeps returning to, or it is a detail, not a topic. */
const SINGLE_WORD_MIN_WEIGHT = 0.3;
/** Longest label, in words ("semiconductor export controls", "mixture of experts"). */
const MAX_WORDS = 3;

export type PhraseWeight = (stemmedTerm: string) => number;

/**
 * @param excluded lower-cased words never to use (the speakers' names: a guest is not a topic).
 * @returns up to `limit` labels, best first, each a noun phrase or a name that passes isGoodLabel;
 *   fewer (none at all) when the passage names no subject.
 */
export function topKeyphrases(text: string, weight: PhraseWeight, excluded: ReadonlySet<string>, limit = 4): string[] {
  const candidates = new Map<string, { label: string; value: number; stems: string[] }>();
  for (const sentence of analyzeEnglish(text, { entities: false }).sentences) {
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
