/**
 * How one show's take on a story stands to the story's lead take (the cluster's best member, whose
 * headline is its title). Offline, only disagreement is told, and only by its surface: a sentence on
 * the same point (sharing content words with the lead) that negates what the lead affirms, or the
 * other way round, or turns against it with a contrast marker ("but", "however", "overblown"). A plain
 * restatement carries neither and is not flagged. With a language model the check is the model's
 * (stance-model.ts), and the page names which of the two made each flag. Pure, so the rule is tested
 * on its own.
 */
import { contentTerms } from "@/lib/insights/offline/tokens";

/** The model's three answers; offline only "disagrees" is ever told. */
export const STANCES = ["agrees", "adds", "disagrees"] as const;
export type Stance = (typeof STANCES)[number];
export type StanceMethod = "offline" | "model";

/** The words of a take the rule reads: what it claims (headline, body) and the words as said. */
export type TakeText = { headline: string; body: string; quote: string };

export type OfflineDisagreement = {
  /** The take's sentence on the same point that turns against the lead. */
  sentence: string;
  /** What turned it: the negation or contrast word found there. */
  marker: string;
};

/** Content words (stemmed) a sentence must share with the lead's to be on the same point. */
export const SAME_POINT_SHARED_TERMS = 2;

// Negation: the word itself, or a contraction ending in n't ("isn't", "won't", "can’t").
const NEGATION = /\b(?:not|no|never|nobody|nothing|none|neither|nor|cannot|hardly|[a-z]+n['’]t)\b/i;
// Contrast and rebuttal: a take that turns on the point ("but", "however") or calls it wrong.
const CONTRAST =
  /\b(?:but|however|although|though|whereas|instead|contrary|disagree[sd]?|wrong|myth|overblown|overstated|overrated|overhyped|exaggerated|misguided|skeptical|sceptical|doubt(?:ful|s)?)\b/i;

function sentencesOf(take: TakeText): string[] {
  return [take.headline, take.body, take.quote]
    .flatMap((text) => text.split(/(?<=[.!?])\s+(?=["“‘'(]?[A-Z0-9])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

const termsOf = (text: string) => new Set(contentTerms(text));

function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared;
}

const markerIn = (pattern: RegExp, sentence: string) => sentence.match(pattern)?.[0] ?? null;

/**
 * Whether `take` disagrees with `lead` by the offline rule, with the sentence and word that say so; null
 * when it restates, adds to, or is not on the same point as any sentence of the lead. Each of the take's
 * sentences is held against the lead's sentence it shares the most content words with: the take
 * disagrees when that pair shares at least SAME_POINT_SHARED_TERMS words and one of the two is negated
 * and the other not, or the take's has a contrast marker the lead's lacks.
 */
export function offlineDisagreement(lead: TakeText, take: TakeText): OfflineDisagreement | null {
  const leadSentences = sentencesOf(lead).map((sentence) => ({ sentence, terms: termsOf(sentence) }));
  for (const sentence of sentencesOf(take)) {
    const terms = termsOf(sentence);
    let best: { sentence: string; shared: number } | null = null;
    for (const candidate of leadSentences) {
      const shared = sharedCount(terms, candidate.terms);
      if (!best || shared > best.shared) best = { sentence: candidate.sentence, shared };
    }
    if (!best || best.shared < SAME_POINT_SHARED_TERMS) continue;
    const negation = markerIn(NEGATION, sentence);
    const leadNegation = markerIn(NEGATION, best.sentence);
    if (negation && !leadNegation) return { sentence, marker: negation };
    // The lead denies what the take affirms: the take's own words hold no marker, so name the lead's.
    if (!negation && leadNegation) return { sentence, marker: `no "${leadNegation}"` };
    const contrast = markerIn(CONTRAST, sentence);
    if (contrast && !markerIn(CONTRAST, best.sentence)) return { sentence, marker: contrast };
  }
  return null;
}
