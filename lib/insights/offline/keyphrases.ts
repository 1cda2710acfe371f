/**
 * Topic labels for a passage: its weightiest noun-like phrases, RAKE-style. Phrases are the runs
 * of words between stopwords, verbs and punctuation; a phrase is worth the episode weight of its
 * words, so "mining pool" from a Bitcoin episode beats a word said once in passing.
 */
import { isStopword, stem, wordsOf } from "@/lib/insights/offline/tokens";

// Verbs and adverbs that would glue a "phrase" across a clause ("pools signal taproot").
const BREAK_WORDS = new Set(
  `am is are was were be been being has have had do does did can could will would shall should may might must
  build builds built create creates created run runs ran start starts started find finds found keep keeps kept show shows
  shown help helps helped call calls become becomes became seem seems seemed happen happens happened change changes changed
  allow allows allowed require requires required include includes included bring brings brought turn turns turned
  move moves moved ask asks asked pay pays paid spend spends spent grow grows grew train trains trained learn learns
  learned believe believes believed understand understands understood remember mention mentioned agree agreed decide
  decided provide provides provided consider considered continue continued happen happening led lead leads write
  writes wrote written read reads hear heard told tells set sets add adds added hope hoped wish love loved hate like
  likes liked guess happy sad true false whole kinds lots yes no okay oh hey anyway suppose including taking dealing paying
  passing going coming saying getting doing trying
  days weeks months top level levels terms still forward backward back last next upcoming ago never ever close away
  side plus least less better best worse worst end break instead amount number numbers answer answers shift play
  first second third main certain particular various entire real actual specific general simple hard easy large small
  huge high low long short early late fine free full half`.split(/\s+/),
);

/** A single word must be one the episode keeps returning to, or it is a detail, not a topic. */
const SINGLE_WORD_MIN_WEIGHT = 0.3;

export type PhraseWeight = (stemmedTerm: string) => number;

function isBreak(word: string, excluded: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase().replace(/’/g, "'");
  return (
    isStopword(lower) ||
    BREAK_WORDS.has(lower) ||
    excluded.has(lower) ||
    /^\d/.test(lower) ||
    lower.length < 2 ||
    (lower.endsWith("ly") && lower.length > 4) ||
    // Past forms ("reallocated", "described") join clauses, not noun phrases; "need" and "speed" are not past forms.
    (/[^e]ed$/.test(lower) && lower.length > 4) ||
    lower.includes("'")
  );
}

/**
 * @param excluded lower-cased words never to use (the speakers' names: a guest is not a topic).
 * @returns 2-4 lower-case phrases of one to three words, best first; fewer only when the text has fewer.
 */
export function topKeyphrases(text: string, weight: PhraseWeight, excluded: ReadonlySet<string>, limit = 4): string[] {
  const chosen = choose(rankPhrases(text, weight, excluded, SINGLE_WORD_MIN_WEIGHT), limit);
  // A passage about details only still gets two labels: its weightiest single words.
  return chosen.length >= 2 ? chosen : choose(rankPhrases(text, weight, excluded, 0), limit);
}

function rankPhrases(text: string, weight: PhraseWeight, excluded: ReadonlySet<string>, singleWordMinimum: number): [string, number][] {
  const candidates = new Map<string, number>();
  // Punctuation ends a phrase, so runs are collected clause by clause.
  for (const clause of text.split(/[.,;:!?()"“”—–]+/)) {
    let run: string[] = [];
    const flush = () => {
      for (let size = Math.min(3, run.length); size >= 1; size--) {
        for (let start = 0; start + size <= run.length; start++) {
          const words = run.slice(start, start + size);
          const phrase = words.join(" ").toLowerCase();
          const value = words.reduce((sum, word) => sum + weight(stem(word)), 0) * (size === 1 ? 1 : 0.9);
          if (size === 1 && value < singleWordMinimum) continue;
          candidates.set(phrase, Math.max(candidates.get(phrase) ?? 0, value));
        }
      }
      run = [];
    };
    for (const word of wordsOf(clause)) {
      if (isBreak(word, excluded)) flush();
      else run.push(word);
    }
    flush();
  }
  return [...candidates.entries()].filter(([, value]) => value > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function choose(ranked: [string, number][], limit: number): string[] {
  const chosen: string[] = [];
  for (const [phrase] of ranked) {
    if (chosen.length >= limit) break;
    const stems = phrase.split(" ").map(stem);
    // "mining pool" and "pool" are one topic; keep whichever ranked higher.
    const overlaps = chosen.some((other) => other.split(" ").map(stem).some((term) => stems.includes(term)));
    if (!overlaps) chosen.push(phrase);
  }
  return chosen;
}
