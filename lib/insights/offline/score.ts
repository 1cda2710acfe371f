/**
 * How much a sentence is worth reading: its substance (numbers, names, causes, comparisons raise it;
 * questions, housekeeping, sponsor reads, orders, anecdote and backchannel lower or rule it out) and
 * its centrality (TF-IDF cosine to the episode's centroid), so a specific sentence on the episode's
 * subject beats a specific aside. Weights were tuned by reading `npm run eval:insights -- --show` on
 * the corpus: judgements, not fitted parameters.
 */
import { captionGarble } from "@/lib/insights/offline/caption-garble";
import { isHousekeeping, sponsorReadSentences } from "@/lib/insights/offline/housekeeping";
import { continuesReportedList } from "@/lib/insights/offline/reported-speech";
import type { Sentence } from "@/lib/insights/offline/sentences";
import { contentTerms, countWords, eachWord, wordsOf } from "@/lib/insights/offline/tokens";
import type { NlpWord } from "@/lib/nlp/english";
import { MAGNITUDE } from "@/lib/nlp/numbers";

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
  /** Opens pointing back at something said before ("They published…", "That's why…"): cannot open a passage. */
  leaning: boolean;
  /** Holds a number or a name a reader can hold on to. */
  specific: boolean;
  /** Carries on a list of what others said ("…they said, oh, X will go away. X will go away because…"): never a headline. */
  reported: boolean;
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

// Specifics wink's entities leave out: "doubled", "half the cost", "tenfold".
const MULTIPLES = /(?:half|double[ds]?|twice|triple[ds]?|tenfold|hundredfold|dozens)/gi;

const CAUSAL = /\b(?:because|which means|that means|this means|therefore|as a result|due to|leads? to|led to|in order to|the reason|results? in|so that|caused?|causes|driven by|thanks to|consequently|otherwise)\b/gi;
const CONTRAST = /\b(?:but|however|although|though|whereas|instead|rather than|unless|despite|even if|on the other hand|yet)\b/gi;
const COMPARATIVE = /\b(?:more|less|fewer|better|worse|faster|slower|cheaper|larger|bigger|smaller|higher|lower|harder|easier|stronger|weaker|most|least|largest|biggest|smallest|best|worst|first|fastest|cheapest|only)\b/gi;
const CLAIM = /\b(?:always|never|every|key|problem|challenge|reason|difference|main|matters?|important|crucial|critical|essential|means|allows?|enables?|requires?|depends?|drives?|prevents?|increases?|decreases?|reduces?|improves?|costs?|risks?|trade-?offs?|advantage|limits?|bottleneck|turns out|in fact|actually found|research|data|evidence|studies|study|found that|shows? that)\b/gi;

// Captions often drop the question mark; an inverted auxiliary still gives the question away.
const QUESTION_OPENER = /^(?:(?:do|does|did|is|are|was|were|can|could|would|should|will|have|has|had|isn't|aren't|don't|doesn't|didn't|wouldn't)\s+(?:you|we|they|it|he|she|there|i|that|this|people|anyone|anybody|your)\b|(?:what's your|what is your|what are your|how do you|what do you|why do you)\b)/i;
const HOST_PROMPT = /\b(?:can you|could you|would you|will you|tell (?:us|me)|talk (?:us )?(?:about|through)|walk (?:us|me) through|do you think|what do you|how do you|i'?m curious|i wonder|i'?d love to hear|give (?:us|me) (?:a|an|some))\b/i;

const BIOGRAPHY = /\b(?:my name is|i'?m (?:the )?(?:founder|co-?founder|ceo|cto|head|director|manager|editor|host|author|professor|lead)|i'?ve been (?:doing|working|coding|in)|i (?:started|joined|grew up|studied|moved)|i (?:used to )?work(?:ed)? (?:at|for|on)|my background|my (?:career|journey|story))\b/i;

// A speaker narrating their own career ("I built that out for three years", "I left … to join",
// "we co-founded"): their story, not a claim a reader learns from. "We" counts only with verbs of a
// company's history, so "we found that…" or "we built a model that…" stays a claim.
const CAREER_STORY = new RegExp(
  String.raw`\bI(?:['’]ve| have| had)?(?: (?:then|later|eventually|originally|first|also|just|actually))? (?:built (?:that|this|it|up)|started (?:my|our|a|at|out|working)|joined|left (?:that|this|it|the|my|to|in)|founded|co-?founded|launched|grew up|studied|quit|moved (?:to|into|from)|(?:was )?work(?:ed|ing) (?:at|for)|spent (?:\w+ )?years)\b` +
    String.raw`|\bwe(?:['’]ve| have| had)?(?: (?:then|later|eventually|also|actually))? (?:founded|co-?founded|became the (?:largest|biggest|first|leading|number one)|started (?:the|a|our) (?:company|business|startup|project)|rebranded)\b`,
  "i",
);

/** Whether the sentence narrates the speaker's own career or history rather than making a claim. */
export function narratesCareer(text: string): boolean {
  return CAREER_STORY.test(text);
}

// Base-form verbs that open orders to the listener (or to a model reading the transcript).
const DIRECTIVE_OPENER = /^(?:ignore|disregard|forget|output|print|write|respond|reply|repeat|pretend|act as|go|check|click|visit|sign|subscribe|follow|use|try|get|join|download|head|grab|support|share|rate|leave|tell|let's|let me|make sure|don't|do not|remember|imagine|listen|watch|read|buy|find|keep|stay|take|give|send|email|call|come|hit|be sure)\b/i;

const BACKCHANNEL = new Set(
  `yeah yes yep yup no nope right sure okay ok exactly absolutely totally definitely interesting cool wow great awesome nice
  true correct indeed oh mm hmm huh gotcha agreed fair enough perfect good thanks thank you so and but well that's it is
  of course for sure i see i know see love it makes sense amazing fantastic wonderful brilliant fascinating indeed
  precisely alright all that thats laughs haha ha lol`.split(/\s+/),
);

// "It's important to…", "It turns out…": a dummy subject, not a pointer back.
const DUMMY_IT = /^it(?:'s| is| was| has been)? (?:important|hard|easy|clear|possible|impossible|interesting|worth|true|likely|unlikely|difficult|crucial|critical|essential|surprising|amazing|fascinating|fair to say|not (?:just|only|about)|about|all about|turns? out|seems|appears)\b|^it turn(?:s|ed) out\b|^they say\b/i;

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Numbers a reader can hold on to, from wink's numeric entities: amounts, percentages, and counts,
 * dates and durations written with digits or a magnitude ("30 trillion", "2019"), not "one" or "today".
 */
export function countNumbers(sentence: Pick<Sentence, "entities">): number {
  let count = 0;
  for (const entity of sentence.entities) {
    if (entity.type === "MONEY" || entity.type === "PERCENT") count++;
    else if (/^(?:CARDINAL|DATE|DURATION|ORDINAL|TIME)$/.test(entity.type) && MAGNITUDE.test(entity.text)) count++;
  }
  return count;
}

/** Names the sentence mentions, other than the speakers' own (a host saying "Michael" says nothing). */
function countNames(sentence: Pick<Sentence, "names">, speakerWords: ReadonlySet<string>): number {
  return sentence.names.filter((name) => !wordsOf(name.toLowerCase()).every((word) => speakerWords.has(word))).length;
}

export function isQuestion(text: string): boolean {
  if (/\?["'”’)\]]*$/.test(text)) return true;
  return QUESTION_OPENER.test(text) && !text.includes(",");
}

export function isTrivial(sentence: Sentence): boolean {
  if (sentence.words < 4) return true;
  // Most sentences show a word that is not backchannel within their first two; no need to list them all.
  for (const word of eachWord(sentence.text.toLowerCase())) if (!BACKCHANNEL.has(word.replace(/’/g, "'"))) return false;
  return true;
}

// A sentence that opens on its verb has left its subject in the sentence before ("Puts all that together").
// wink tags a capitalized first word a proper noun as often as a verb, so the common verbs are named too.
const BARE_VERB_OPENER =
  /^(?:is|are|was|were|has|have|had|does|did|can|could|will|would|should|must|may|might|makes|made|means|needs|takes|took|gets|got|gives|gave|shows|uses|runs|ran|builds|built|becomes|became|goes|went|comes|came|helps|allows|requires|leads|led|drives|costs|grows|grew|creates|changes|works|knows|knew|thinks|thought|says|said|sees|saw|finds|found|keeps|kept|starts|wants|tends|seems|happens|turns|depends|matters|reduces|increases|improves|provides|offers|brings|brought|breaks|broke|fails|solves|beats|lets|puts|sets|wins|won|loses|lost|pays|paid|spends|spent|produces|generates|learns|trains|writes|wrote|reads|sells|sold|buys|bought|moves|looks|feels|felt|believes|sounds|attend|attends)\b/i;

// "As this other fella who wrote another article." is half a sentence: a subordinate clause and no main one.
const SUBORDINATE_ONLY = /^(?:as|although|though|while|whereas|if|when|because|since|unless|whether)\b[^,;:]*$/i;

// Said before a sentence's first real word without adding to it; the sentence is judged from after them.
const LEAD_WORDS = new Set(["so", "well", "yeah", "yes", "okay", "ok", "oh", "um", "uh", "like", "actually", "basically", "anyway", "now", "right", "sure", "look", "see", "and", "but", "or", "plus"]);
const LEAD_PAIRS = new Set(["i mean", "you know", "of course", "in fact", "i think", "i guess", "i believe", "i feel", "i suppose"]);

// Pronouns and determiners that point back at something said before.
const POINTING = new Set(["it", "they", "them", "he", "she", "him", "her", "his", "their", "its", "this", "that", "these", "those", "which", "who", "such", "both", "same", "then", "also", "again", "otherwise", "instead", "that's", "it's", "they're", "he's", "she's"]);
const TIME_AFTER_DETERMINER = /^(?:this|these|that)\s+(?:year|week|month|morning|afternoon|evening|season|decade|century|summer|spring|winter|fall|autumn|past|coming|time of year)\b/i;
const PHRASE_POINTING_BACK = /^(?:the same|one of them|other than that|there's that|as well|so that|because|exactly|absolutely|no|yes)\b/i;

const isSingularNoun = (token: NlpWord | undefined) => token?.pos === "NOUN" && !/s$/i.test(token.text) && token.text.toLowerCase() !== "people";

/** The sentence's tokens after its lead-in ("Yeah, so, I mean, they…" → "they…"). */
function afterLeadIn(tokens: readonly NlpWord[]): number {
  let at = 0;
  while (at < tokens.length) {
    const token = tokens[at]!;
    const lower = token.text.toLowerCase();
    const pair = `${lower} ${tokens[at + 1]?.text.toLowerCase() ?? ""}`;
    if (LEAD_PAIRS.has(pair)) at += 2;
    // "I think that we…": the complementizer, not a pointer; "I think that word is…" points back,
    // though the model tags both "that" alike (a singular noun after it gives the determiner away).
    else if (lower === "that" && token.pos === "SCONJ" && at > 0 && !isSingularNoun(tokens[at + 1])) at++;
    else if (token.pos === "PUNCT" || token.pos === "INTJ" || token.pos === "CCONJ" || LEAD_WORDS.has(lower)) at++;
    else break;
  }
  return at;
}

/**
 * Whether a sentence opens leaning on something said before it: a pointing subject pronoun or
 * determiner ("They published…", "This approach…", "That's why…"), a verb with its subject left in
 * the sentence before, or a subordinate clause alone. A dummy subject ("It turns out…") and a time
 * ("This year…") stand alone.
 */
export function leansBack(sentence: Pick<Sentence, "tokens" | "original" | "charStart">): boolean {
  const at = afterLeadIn(sentence.tokens);
  const first = sentence.tokens[at];
  if (!first) return false;
  const rest = sentence.original.slice(first.start - sentence.charStart);
  const lower = first.text.toLowerCase().replace(/’/g, "'");
  const next = sentence.tokens[at + 1];
  if (DUMMY_IT.test(rest) || TIME_AFTER_DETERMINER.test(rest)) return false;
  if ((first.pos === "PRON" || first.pos === "DET" || first.pos === "ADV" || first.pos === "SCONJ") && POINTING.has(lower)) return true;
  // "All these features", "Both of those": a quantifier before the pointer.
  if (/^(?:all|both|each|most|some|many|none|one) (?:of )?(?:these|those|this|that|them|their)\b/i.test(rest)) return true;
  // "It's", "That's": wink splits the contraction; the pointer is the first part.
  if (POINTING.has(`${lower}${next?.text.toLowerCase().replace(/’/g, "'") ?? ""}`)) return true;
  if (PHRASE_POINTING_BACK.test(rest) || SUBORDINATE_ONLY.test(rest) || BARE_VERB_OPENER.test(rest)) return true;
  // A finite verb first, not a question: its subject was in the sentence before.
  return (first.pos === "VERB" || first.pos === "AUX") && !/\?["'”’)\]]*$/.test(sentence.original) && !/ing$/i.test(first.text);
}

/** "I think", "I guess": framing, not the sentence's own verb. */
const FRAMING_VERBS = new Set(["think", "guess", "mean", "believe", "suppose", "feel", "say", "know"]);

/** Whether the sentence has a finite verb of its own; "I think thinking about the cost" has none. */
export function hasFiniteVerb(tokens: readonly NlpWord[]): boolean {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.pos !== "VERB" && token.pos !== "AUX") continue;
    const previous = tokens[index - 1];
    if (previous && /^(?:I|you)$/.test(previous.text) && FRAMING_VERBS.has(token.text.toLowerCase())) continue;
    if (previous?.text.toLowerCase() === "to") continue;
    if (token.pos === "VERB" && /ing$/i.test(token.text) && previous?.pos !== "AUX") continue;
    return true;
  }
  return false;
}

export function isDirective(text: string): boolean {
  return DIRECTIVE_OPENER.test(text);
}

/**
 * What a sentence holds, before the episode is considered: 0 for nothing, about 1 for a dense claim.
 * `terms`: the sentence's content terms, when the caller has them already.
 */
export function substanceOf(sentence: Sentence, speakerWords: ReadonlySet<string> = new Set(), terms: readonly string[] = contentTerms(sentence.text)): number {
  const { text, words } = sentence;
  if (words === 0) return 0;
  const density = terms.length / words;
  const numbers = countNumbers(sentence) + countMatches(text, MULTIPLES);
  const names = countNames(sentence, speakerWords);
  const causal = countMatches(text, CAUSAL);
  const contrast = countMatches(text, CONTRAST);
  const comparative = countMatches(text, COMPARATIVE);
  const claim = countMatches(text, CLAIM);

  let value = 0.45 * Math.min(density / 0.5, 1);
  value += 0.14 * Math.min(numbers, 2);
  value += 0.08 * Math.min(names, 3);
  value += causal > 0 ? 0.12 + 0.04 * Math.min(causal - 1, 1) : 0;
  value += contrast > 0 ? 0.07 : 0;
  value += comparative > 0 ? 0.07 + 0.03 * Math.min(comparative - 1, 1) : 0;
  value += 0.05 * Math.min(claim, 2);
  // Hedge-heavy talk ("I don't know, I guess, maybe") is someone thinking aloud, not a claim.
  value -= 0.08 * Math.min(countMatches(text, /\b(?:i don't know|i guess|maybe|i'm not sure|whatever|stuff like that|or something)\b/gi), 2);
  return Math.max(0, Math.min(1, value));
}

function termVector(terms: readonly string[], idf: Map<string, number>): TermVector {
  const vector: TermVector = new Map();
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + (idf.get(term) ?? 0));
  // The vector is new and no one else's: scaled where it stands rather than copied, as normalize() would.
  const norm = lengthOf(vector);
  if (norm !== 0) for (const [term, value] of vector) vector.set(term, value / norm);
  return vector;
}

function lengthOf(vector: TermVector): number {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  return Math.sqrt(norm);
}

export function normalize(vector: TermVector): TermVector {
  const norm = lengthOf(vector);
  if (norm === 0) return vector;
  const result: TermVector = new Map();
  for (const [term, value] of vector) result.set(term, value / norm);
  return result;
}

/**
 * The cosine of two TF-IDF term vectors that are already unit length (normalize()): their dot product
 * over the terms they share. Dense embeddings compare with `cosine` in lib/insights/embeddings.ts.
 */
export function termCosine(a: TermVector, b: TermVector): number {
  // Every sentence and every compared window asks: no pair array is built to pick the smaller.
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
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
// A story about the speaker's week is an anecdote, not a claim a reader can use.
const ANECDOTE = /\b(?:the other day|last (?:week|night|weekend|month|summer|winter)|yesterday|this morning|when I was (?:a|in|at|young|little|growing)|one time|I remember (?:when|one|the)|funny story|true story|long story short|my (?:wife|husband|kids?|son|daughter|dad|mom|mother|father|brother|sister|dog|cat))\b/i;
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
  if (ANECDOTE.test(text)) factor *= 0.6;
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

/**
 * How many sentences say each term and how often the episode says it, in one pass with one lookup
 * per word (every word of every sentence is counted), terms in the order the episode first says them.
 */
function countTerms(terms: readonly (readonly string[])[]): Map<string, { sentences: number; said: number; lastSentence: number }> {
  const counts = new Map<string, { sentences: number; said: number; lastSentence: number }>();
  terms.forEach((sentenceTerms, sentence) => {
    for (const term of sentenceTerms) {
      const count = counts.get(term);
      if (!count) counts.set(term, { sentences: 1, said: 1, lastSentence: sentence });
      else {
        count.said++;
        if (count.lastSentence !== sentence) {
          count.sentences++;
          count.lastSentence = sentence;
        }
      }
    }
  });
  return counts;
}

export function scoreSentences(sentences: Sentence[], context: ScoreContext): EpisodeModel {
  // Each sentence's terms are found once: every figure below is counted over them.
  const terms = sentences.map((sentence) => contentTerms(sentence.text));
  const counts = countTerms(terms);
  const total = sentences.length;
  const idf = new Map<string, number>();
  for (const [term, count] of counts) idf.set(term, Math.log((total + 1) / count.sentences));

  const vectors = terms.map((sentenceTerms) => termVector(sentenceTerms, idf));
  // The centroid weighs each term by its idf and the log of how often the episode says it: a show
  // about AI says "AI" constantly, and linear counts would make every sentence with "AI" central.
  const sum: TermVector = new Map();
  for (const [term, count] of counts) {
    // Terms said once are noise in a centroid: they make it about everything a little.
    if (count.sentences < 2) continue;
    sum.set(term, (1 + Math.log(count.said)) * (idf.get(term) ?? 0));
  }
  const peak = [...sum.values()].reduce((a, b) => Math.max(a, b), 0);
  for (const term of contentTerms(context.episodeTitle)) if (sum.has(term)) sum.set(term, sum.get(term)! + peak * 0.25);
  const centroid = normalize(sum);

  const rawCentrality = vectors.map((vector) => termCosine(vector, centroid));
  // Scaled by a high percentile rather than the maximum, so one odd sentence does not flatten the rest.
  const sorted = [...rawCentrality].sort((a, b) => a - b);
  const reference = sorted[Math.floor(sorted.length * 0.98)] ?? 1;

  const lastTime = sentences.reduce((latest, sentence) => Math.max(latest, sentence.endSeconds), 0);
  const sponsorReads = sponsorReadSentences(sentences);
  const hosts = questionAskers(sentences);
  const reported = continuesReportedList(
    sentences.map((sentence) => sentence.tokens),
    (before, after) => sentences[before]!.turn === sentences[after]!.turn,
  );
  // Each speaker's name is split once, not once per sentence they say.
  const speakers = new Set(sentences.map((sentence) => sentence.speaker));
  const speakerWords = new Set([...speakers].flatMap((speaker) => (speaker ? wordsOf(speaker.toLowerCase()) : [])));
  const scores = sentences.map((sentence, index): SentenceScore => {
    const text = sentence.text;
    const question = isQuestion(text);
    const trivial = isTrivial(sentence);
    const offTopic = sponsorReads.has(index) || isHousekeeping(text, context.podcastTitle);
    const directive = isDirective(text);
    const substance = substanceOf(sentence, speakerWords, terms[index]);
    const specific = countNumbers(sentence) > 0 || countNames(sentence, speakerWords) > 0;
    const centrality = reference > 0 ? Math.min(1, rawCentrality[index]! / reference) : 0;

    // A trivial or off-topic sentence scores 0 whatever its style, so its style is not weighed.
    let score = 0;
    if (!trivial && !offTopic) {
      score = 0.6 * substance + 0.4 * centrality;
      if (question) score *= HOST_PROMPT.test(text) ? 0.15 : 0.35;
      else if (HOST_PROMPT.test(text)) score *= 0.6;
      if (directive) score *= 0.25;
      if (BIOGRAPHY.test(text) || CAREER_STORY.test(text)) score *= 0.6;
      score *= readability(sentence);
      score *= generality(text, sentence.words);
      if (!hasFiniteVerb(sentence.tokens)) score *= 0.7;
      // A caption that broke grammar there ("they was", "some the") misheard words: not a passage to lead with.
      if (captionGarble(sentence.tokens)) score *= 0.5;
      // Hosts set up and ask; their statements are mostly framing for the guest's answer.
      if (sentence.speaker !== null && hosts.has(sentence.speaker)) score *= 0.75;
      // Cold opens, sponsor reads and sign-offs cluster at the ends; the body of the talk is in between.
      const time = lastTime > 0 ? sentence.startSeconds / lastTime : index / Math.max(1, total);
      if (time < 0.03 || time > 0.97) score *= 0.7;
    }

    return { substance, centrality, score, question, trivial, offTopic, directive, leaning: leansBack(sentence), specific, reported: reported[index]!, vector: vectors[index]! };
  });

  return { idf, centroid, scores };
}
