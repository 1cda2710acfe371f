/**
 * How much a sentence is worth reading, from two kinds of evidence:
 *
 * - substance: what the sentence itself holds. Numbers, names, causes and contrasts, comparisons
 *   and general claims push it up; questions, greetings, sponsor reads, show housekeeping, orders
 *   to the listener, biography and backchannel push it down or rule it out.
 * - centrality: TF-IDF cosine between the sentence and the episode as a whole (its centroid), so
 *   that a specific sentence about what the episode is about beats a specific aside.
 *
 * Weights were tuned by reading the output of `npm run eval:insights -- --show` on the corpus;
 * they are judgements, not fitted parameters.
 */
import { isHousekeeping, sponsorReadSentences } from "@/lib/insights/offline/housekeeping";
import type { Sentence } from "@/lib/insights/offline/sentences";
import { contentTerms, countWords, hasVerb, wordsOf } from "@/lib/insights/offline/tokens";

export type TermVector = Map<string, number>;

export type SentenceScore = {
  /** 0..1: specific claims, numbers, causes. */
  substance: number;
  /** 0..1: similarity to the episode centroid, scaled so the most central sentence is 1. */
  centrality: number;
  /** 0..1 with every penalty applied; 0 for sentences no insight may contain. */
  score: number;
  question: boolean;
  /** Nothing to read: backchannel ("Yeah. Right."), filler only, or a handful of words. */
  trivial: boolean;
  /** Not about the subject: greetings, thanks, sponsor reads, show housekeeping. */
  offTopic: boolean;
  /** An order to the listener ("Sign up at…", "Ignore previous instructions…"), not a claim. */
  directive: boolean;
  vector: TermVector;
};

export type EpisodeModel = {
  idf: Map<string, number>;
  /** The episode as one term vector (idf times log frequency), L2-normalized. */
  centroid: TermVector;
  scores: SentenceScore[];
};

export type ScoreContext = {
  /** Titles name the subject (a boost to central terms) and the show (its name marks housekeeping). */
  episodeTitle: string;
  podcastTitle: string;
};

const NUMBER_WORDS = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|percent|half|double|twice|triple|tenfold|dozens?)\b/gi;

const CAUSAL = /\b(?:because|which means|that means|this means|therefore|as a result|due to|leads? to|led to|in order to|the reason|results? in|so that|caused?|causes|driven by|thanks to|consequently|otherwise)\b/gi;
const CONTRAST = /\b(?:but|however|although|though|whereas|instead|rather than|unless|despite|even if|on the other hand|yet)\b/gi;
const COMPARATIVE = /\b(?:more|less|fewer|better|worse|faster|slower|cheaper|larger|bigger|smaller|higher|lower|harder|easier|stronger|weaker|most|least|largest|biggest|smallest|best|worst|first|fastest|cheapest|only)\b/gi;
const CLAIM = /\b(?:always|never|every|key|problem|challenge|reason|difference|main|matters?|important|crucial|critical|essential|means|allows?|enables?|requires?|depends?|drives?|prevents?|increases?|decreases?|reduces?|improves?|costs?|risks?|trade-?offs?|advantage|limits?|bottleneck|turns out|in fact|actually found|research|data|evidence|studies|study|found that|shows? that)\b/gi;

// Captions often drop the question mark; an inverted auxiliary still gives the question away.
const QUESTION_OPENER = /^(?:(?:do|does|did|is|are|was|were|can|could|would|should|will|have|has|had|isn't|aren't|don't|doesn't|didn't|wouldn't)\s+(?:you|we|they|it|he|she|there|i|that|this|people|anyone|anybody|your)\b|(?:what's your|what is your|what are your|how do you|what do you|why do you)\b)/i;
const HOST_PROMPT = /\b(?:can you|could you|would you|will you|tell (?:us|me)|talk (?:us )?(?:about|through)|walk (?:us|me) through|do you think|what do you|how do you|i'?m curious|i wonder|i'?d love to hear|give (?:us|me) (?:a|an|some))\b/i;

const BIOGRAPHY = /\b(?:my name is|i'?m (?:the )?(?:founder|co-?founder|ceo|cto|head|director|manager|editor|host|author|professor|lead)|i'?ve been (?:doing|working|coding|in)|i (?:started|joined|grew up|studied|moved)|i (?:used to )?work(?:ed)? (?:at|for|on)|my background|my (?:career|journey|story))\b/i;

// Base-form verbs that open orders to the listener (or to a model reading the transcript).
const DIRECTIVE_OPENER = /^(?:ignore|disregard|forget|output|print|write|respond|reply|repeat|pretend|act as|go|check|click|visit|sign|subscribe|follow|use|try|get|join|download|head|grab|support|share|rate|leave|tell|let's|let me|make sure|don't|do not|remember|imagine|listen|watch|read|buy|find|keep|stay|take|give|send|email|call|come|hit|be sure)\b/i;

const BACKCHANNEL = new Set(
  `yeah yes yep yup no nope right sure okay ok exactly absolutely totally definitely interesting cool wow great awesome nice
  true correct indeed oh mm hmm huh gotcha agreed fair enough perfect good thanks thank you so and but well that's it is
  of course for sure i see i know see love it makes sense amazing fantastic wonderful brilliant fascinating indeed
  precisely alright all that thats laughs haha ha lol`.split(/\s+/),
);

const DANGLING_OPENER =
  /^(?:that|this|these|those)(?!\s+(?:year|week|month|morning|season|decade|century|summer|spring|winter|fall|autumn|past|coming)\b)\b|^(?:it|they|them|he|she|him|her|his|their|which|who|whom|such|both|also|again|yes|no|exactly|absolutely|because|then|otherwise|instead|plus|as well|same|so that|that's|there's that|the same|one of them|other than that|and that|but that|anyway)\b/i;
// "It's important to…", "It turns out…": a dummy subject, not a pointer back.
const DUMMY_IT = /^it(?:'s| is| was| has been)? (?:important|hard|easy|clear|possible|impossible|interesting|worth|true|likely|unlikely|difficult|crucial|critical|essential|surprising|amazing|fascinating|fair to say|not (?:just|only|about)|about|all about|turns? out|seems|appears)\b|^it turn(?:s|ed) out\b|^they say\b/i;

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Capitalized words after the first, and acronyms: names, products, places, organisations. */
function countNames(text: string): number {
  const words = wordsOf(text).slice(1);
  let names = 0;
  for (const word of words) {
    if (word === "I" || /^I['’]/.test(word)) continue;
    if (/^\p{Lu}/u.test(word)) names++;
  }
  return names;
}

export function isQuestion(text: string): boolean {
  if (/\?["'”’)\]]*$/.test(text)) return true;
  return QUESTION_OPENER.test(text) && !text.includes(",");
}

export function isTrivial(sentence: Sentence): boolean {
  if (sentence.words === 0) return true;
  const words = wordsOf(sentence.text.toLowerCase());
  if (words.every((word) => BACKCHANNEL.has(word.replace(/’/g, "'")))) return true;
  return sentence.words < 4;
}

// A sentence that opens on its verb has left its subject in the sentence before ("Puts all that together").
const BARE_VERB_OPENER =
  /^(?:is|are|was|were|has|have|had|does|did|can|could|will|would|should|must|may|might|makes|made|means|needs|takes|took|gets|got|gives|gave|shows|uses|runs|ran|builds|built|becomes|became|goes|went|comes|came|helps|allows|requires|leads|led|drives|costs|grows|grew|creates|changes|works|knows|knew|thinks|thought|says|said|sees|saw|finds|found|keeps|kept|starts|wants|tends|seems|happens|turns|depends|matters|reduces|increases|improves|provides|offers|brings|brought|breaks|broke|fails|solves|beats|lets|puts|sets|wins|won|loses|lost|pays|paid|spends|spent|produces|generates|learns|trains|writes|wrote|reads|sells|sold|buys|bought|moves|looks|feels|felt|believes|sounds|attend|attends)\b/i;

// "As this other fella who wrote another article." is half a sentence: a subordinate clause and no main one.
const SUBORDINATE_ONLY = /^(?:as|although|though|while|whereas|if|when|because|since|unless|whether)\b[^,;:]*$/i;

export function isDangling(text: string): boolean {
  return (DANGLING_OPENER.test(text) && !DUMMY_IT.test(text)) || BARE_VERB_OPENER.test(text) || SUBORDINATE_ONLY.test(text);
}

export function isDirective(text: string): boolean {
  return DIRECTIVE_OPENER.test(text);
}

/** What a sentence holds, before the episode is considered: 0 for nothing, about 1 for a dense claim. */
export function substanceOf(text: string, words: number): number {
  if (words === 0) return 0;
  const terms = contentTerms(text);
  const density = terms.length / words;
  const numbers = countMatches(text, NUMBER_WORDS) + wordsOf(text).filter((word) => /\d/.test(word)).length;
  const names = countNames(text);
  const causal = countMatches(text, CAUSAL);
  const contrast = countMatches(text, CONTRAST);
  const comparative = countMatches(text, COMPARATIVE);
  const claim = countMatches(text, CLAIM);

  let value = 0.45 * Math.min(density / 0.5, 1);
  value += 0.12 * Math.min(numbers, 2);
  value += 0.06 * Math.min(names, 3);
  value += causal > 0 ? 0.12 + 0.04 * Math.min(causal - 1, 1) : 0;
  value += contrast > 0 ? 0.07 : 0;
  value += comparative > 0 ? 0.07 + 0.03 * Math.min(comparative - 1, 1) : 0;
  value += 0.05 * Math.min(claim, 2);
  // Hedge-heavy talk ("I don't know, I guess, maybe") is someone thinking aloud, not a claim.
  value -= 0.08 * Math.min(countMatches(text, /\b(?:i don't know|i guess|maybe|i'm not sure|whatever|stuff like that|or something)\b/gi), 2);
  return Math.max(0, Math.min(1, value));
}

function termVector(text: string, idf: Map<string, number>): TermVector {
  const vector: TermVector = new Map();
  for (const term of contentTerms(text)) vector.set(term, (vector.get(term) ?? 0) + (idf.get(term) ?? 0));
  return normalize(vector);
}

export function normalize(vector: TermVector): TermVector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const result: TermVector = new Map();
  for (const [term, value] of vector) result.set(term, value / norm);
  return result;
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
  return dot;
}

export function addVectors(vectors: TermVector[]): TermVector {
  const sum: TermVector = new Map();
  for (const vector of vectors) for (const [term, value] of vector) sum.set(term, (sum.get(term) ?? 0) + value);
  return normalize(sum);
}


/**
 * How well a sentence reads once cleaned: run-ons, much removed filler, lists of comma-spliced
 * restarts and leftover dashes mark someone thinking aloud, which a reader has to untangle.
 */
function readability(sentence: Sentence): number {
  let factor = 1;
  if (sentence.words > 50) factor *= 0.6;
  else if (sentence.words > 38) factor *= 0.85;
  else if (sentence.words < 7) factor *= 0.6;
  const originalWords = countWords(sentence.original);
  if (originalWords > 0) {
    const kept = sentence.words / originalWords;
    if (kept < 0.8) factor *= 0.7;
    else if (kept < 0.9) factor *= 0.85;
  }
  const commas = (sentence.text.match(/,/g) ?? []).length;
  if (sentence.words > 0 && commas / sentence.words > 0.12) factor *= 0.85;
  const dashes = (sentence.text.match(/\s(?:—|–|--|-)\s/g) ?? []).length;
  factor *= 0.85 ** Math.min(dashes, 2);
  const likes = (sentence.text.match(/\blike\b/gi) ?? []).length;
  if (likes >= 2) factor *= 0.85;
  return factor;
}

// Narrating a screen or a demo ("so this is the box here") only makes sense to someone watching it.
const DEMONSTRATION = /\b(?:over here|right here|this one here|as you can see|(?:for|in) this demo|i have (?:it|this|that|them) here|here we (?:have|see)|you can see (?:here|that)|on (?:the|my) screen|let me (?:show|share|pull up|click)|i'?ll (?:show|click|share)|if i click|i'?m (?:clicking|scrolling|sharing)|this (?:button|box|screen|page|tab|window) (?:here)?)\b/i;
const FIRST_PERSON_SINGULAR = /\b(?:I|me|my|mine|I'm|I've|I'd|I'll|I’m|I’ve|I’d|I’ll)\b/g;

/**
 * Claims about the world travel; a speaker's diary of what they did last week, or a walk through
 * what is on their screen, does not.
 */
function generality(text: string, words: number): number {
  let factor = 1;
  const firstPerson = (text.match(FIRST_PERSON_SINGULAR) ?? []).length;
  if (firstPerson >= 2 && firstPerson / Math.max(words, 1) > 0.07) factor *= 0.8;
  if (DEMONSTRATION.test(text)) factor *= 0.6;
  return factor;
}

/**
 * Speakers who ask much more than the others: hosts. Only meaningful with two or more named
 * speakers; a share of questions twice the least inquisitive speaker's, and at least one in ten.
 */
function questionAskers(sentences: Sentence[]): Set<string> {
  const counts = new Map<string, { questions: number; total: number }>();
  for (const sentence of sentences) {
    if (sentence.speaker === null || sentence.words === 0) continue;
    const entry = counts.get(sentence.speaker) ?? { questions: 0, total: 0 };
    entry.total++;
    if (isQuestion(sentence.text)) entry.questions++;
    counts.set(sentence.speaker, entry);
  }
  const rates = [...counts.entries()].filter(([, entry]) => entry.total >= 10).map(([speaker, entry]) => ({ speaker, rate: entry.questions / entry.total }));
  if (rates.length < 2) return new Set();
  const lowest = Math.min(...rates.map((entry) => entry.rate));
  return new Set(rates.filter((entry) => entry.rate >= 0.1 && entry.rate >= 2 * lowest + 0.02).map((entry) => entry.speaker));
}

export function scoreSentences(sentences: Sentence[], context: ScoreContext): EpisodeModel {
  const documentFrequency = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of new Set(contentTerms(sentence.text))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = sentences.length;
  const idf = new Map<string, number>();
  for (const [term, df] of documentFrequency) idf.set(term, Math.log((total + 1) / df));

  const vectors = sentences.map((sentence) => termVector(sentence.text, idf));
  // The centroid weighs each term by its idf and the log of how often the episode says it: a show
  // about AI says "AI" constantly, and linear counts would make every sentence with "AI" central.
  const frequency = new Map<string, number>();
  for (const sentence of sentences) for (const term of contentTerms(sentence.text)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const sum: TermVector = new Map();
  for (const [term, count] of frequency) {
    // Terms said once are noise in a centroid: they make it about everything a little.
    if ((documentFrequency.get(term) ?? 0) < 2) continue;
    sum.set(term, (1 + Math.log(count)) * (idf.get(term) ?? 0));
  }
  const peak = [...sum.values()].reduce((a, b) => Math.max(a, b), 0);
  for (const term of contentTerms(context.episodeTitle)) if (sum.has(term)) sum.set(term, sum.get(term)! + peak * 0.25);
  const centroid = normalize(sum);

  const rawCentrality = vectors.map((vector) => cosine(vector, centroid));
  // Scaled by a high percentile rather than the maximum, so one odd sentence does not flatten the rest.
  const sorted = [...rawCentrality].sort((a, b) => a - b);
  const reference = sorted[Math.floor(sorted.length * 0.98)] ?? 1;

  const lastTime = sentences.reduce((latest, sentence) => Math.max(latest, sentence.endSeconds), 0);
  const sponsorReads = sponsorReadSentences(sentences);
  const hosts = questionAskers(sentences);
  const scores = sentences.map((sentence, index): SentenceScore => {
    const text = sentence.text;
    const question = isQuestion(text);
    const trivial = isTrivial(sentence);
    const offTopic = sponsorReads.has(index) || isHousekeeping(text, context.podcastTitle);
    const directive = isDirective(text);
    const substance = substanceOf(text, sentence.words);
    const centrality = reference > 0 ? Math.min(1, rawCentrality[index]! / reference) : 0;

    let score = 0.6 * substance + 0.4 * centrality;
    if (question) score *= HOST_PROMPT.test(text) ? 0.15 : 0.35;
    else if (HOST_PROMPT.test(text)) score *= 0.6;
    if (directive) score *= 0.25;
    if (BIOGRAPHY.test(text)) score *= 0.6;
    score *= readability(sentence);
    score *= generality(text, sentence.words);
    if (!hasVerb(text)) score *= 0.7;
    // Hosts set up and ask; their statements are mostly framing for the guest's answer.
    if (sentence.speaker !== null && hosts.has(sentence.speaker)) score *= 0.75;
    // Cold opens, sponsor reads and sign-offs cluster at the ends; the body of the talk is in between.
    const time = lastTime > 0 ? sentence.startSeconds / lastTime : index / Math.max(1, total);
    if (time < 0.03 || time > 0.97) score *= 0.7;
    if (trivial || offTopic) score = 0;

    return { substance, centrality, score, question, trivial, offTopic, directive, vector: vectors[index]! };
  });

  return { idf, centroid, scores };
}
