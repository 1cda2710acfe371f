/**
 * The words that change what a sentence claims, which no cleaning or cutting may lose: negations
 * ("don't", "never", "no one") and meaningful hedges ("probably", "I'm guessing"). Cleaning, headlines
 * and the insight eval all read them here, so they agree on what a "lost negation" is. "I think" and
 * "I feel like" are framing, not hedges: speech puts them before many claims, and a headline may start
 * after them. "I don't think" is a negation.
 */

// "n't" is how the tokenizer splits "don't"; "cannot" stays whole.
const NEGATION_WORDS = new Set(["not", "n't", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "cannot", "without", "hardly", "barely"]);

const HEDGE_PHRASES = [
  "probably", "maybe", "perhaps", "possibly", "likely", "unlikely", "presumably", "arguably", "apparently", "supposedly",
  "might", "may", "could", "i guess", "i'm guessing", "i am guessing", "i suspect", "i doubt", "i'm not sure", "i am not sure",
  "not sure", "i assume", "i imagine", "i would guess", "i'd guess", "seems", "seem", "seemed", "appears to", "sort of", "kind of",
  "my guess", "my bet", "my hunch", "in theory", "potentially", "roughly", "approximately", "almost", "nearly",
];

// Built once: cleaning asks about every sentence of every episode.
const HEDGE_PATTERNS = HEDGE_PHRASES.map((phrase) => ({ phrase, pattern: new RegExp(`(?:^| )${phrase}(?= |$)`, "g") }));

// The longest word of each hedge phrase, the last of equals ("i would guess" → "guess"): a text without one holds no hedge.
const HEDGE_KEY_WORDS = new Set(HEDGE_PHRASES.map((phrase) => phrase.split(" ").reduce((longest, word) => (word.length >= longest.length ? word : longest))));

/**
 * A cheap test for whether a text may hold a hedge, for callers to try before hedgesIn, which is
 * costly on every span: a hedge phrase's key word at the start of a word as wordsOf splits them
 * ("couldn't" starts with "could"). Built from HEDGE_PHRASES so the two cannot drift.
 */
export const MAY_HEDGE = new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${[...HEDGE_KEY_WORDS].join("|")})`, "iu");

/** Lower-cased words of a text, with "n't" split off as the tokenizer splits it ("don't" → "do", "n't"). */
function wordsOf(text: string): string[] {
  return wordsOfLowerCased(text.toLowerCase());
}

function wordsOfLowerCased(lower: string): string[] {
  let text = lower.includes("’") ? lower.replace(/’/g, "'") : lower;
  // Every contraction split below ends in "n't"; most texts hold none, and each pass costs a scan.
  if (text.includes("n't")) {
    text = text
      .replace(/\b(ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might)n't\b/g, "$1 n't")
      .replace(/\bcan't\b/g, "ca n't")
      .replace(/\bwon't\b/g, "wo n't");
  }
  return text.split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);
}

// A negation is a whole word (as wordsOfLowerCased splits them) or a contraction's "n't": a text
// without one has none. "know", "now" and "another" are none, and cleaning asks about every filler it takes.
const MAY_NEGATE = /n['’]t|(?<![\p{L}\p{N}'’])(?:no|not|nobody|nothing|none|nor|nowhere|never|neither|cannot|without|hardly|barely)(?![\p{L}\p{N}'’])/u;

/** Each negation in the text, in order ("not", "n't", "never", …). */
export function negationsIn(text: string): string[] {
  const lower = text.toLowerCase();
  if (!MAY_NEGATE.test(lower)) return [];
  return wordsOfLowerCased(lower).filter((word) => NEGATION_WORDS.has(word));
}

/**
 * Each hedge in the text, in order. "kind of"/"sort of" count only as hedges before an adjective
 * or verb; as fillers they are removed by cleaning, so callers compare like with like by running
 * this on cleaned text on both sides.
 */
export function hedgesIn(text: string): string[] {
  const words = wordsOf(text).join(" ");
  const found: string[] = [];
  for (const { phrase, pattern } of HEDGE_PATTERNS) {
    // A phrase the words do not hold as a substring cannot match: most sentences hold few.
    if (!words.includes(phrase)) continue;
    const count = words.match(pattern)?.length ?? 0;
    for (let index = 0; index < count; index++) found.push(phrase);
  }
  return found;
}

/** The markers of `source` that `result` no longer has: what a cut or a clean-up lost. */
export function lostMarkers(source: string, result: string): { negations: string[]; hedges: string[] } {
  const missing = (before: string[], after: string[]) => {
    const left = [...after];
    const lost: string[] = [];
    for (const marker of before) {
      const at = left.indexOf(marker);
      if (at === -1) lost.push(marker);
      else left.splice(at, 1);
    }
    return lost;
  };
  return { negations: missing(negationsIn(source), negationsIn(result)), hedges: missing(hedgesIn(source), hedgesIn(result)) };
}
