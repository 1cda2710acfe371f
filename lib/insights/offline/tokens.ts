/**
 * Words as the offline extractor counts and compares them. Stopwords include the words people say
 * in every conversation ("think", "stuff", "gonna"), not only the function words of written English:
 * in a transcript those carry no topic, and left in they make every sentence look central.
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[.,]\d+)*%?/gu;

/** The words of a text as written (case and apostrophes kept), numbers like "3.5" and "40%" whole. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The same words one at a time, for callers that can stop early. */
export function* eachWord(text: string): Generator<string> {
  for (const match of text.matchAll(WORD)) yield match[0];
}

// Past ASCII (bar ’) a character may be a letter or number of another script: WORD counts those texts.
const BEYOND_ASCII = /[^\x00-\x7F’]/;
const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * How many words `wordsOf` finds, without building them: every sentence is counted, most of them
 * ASCII, for which WORD's parts are scanned in its order (letters or digits, 's parts, decimals, %).
 */
export function countWords(text: string): number {
  if (BEYOND_ASCII.test(text)) return wordsOf(text).length;
  const length = text.length;
  let count = 0;
  let at = 0;
  while (at < length) {
    let code = text.charCodeAt(at);
    if (!isLetter(code) && !isDigit(code)) {
      at++;
      continue;
    }
    count++;
    do code = text.charCodeAt(++at);
    while (isLetter(code) || isDigit(code));
    while ((code === 39 || code === 0x2019) && isLetter(text.charCodeAt(at + 1))) {
      at += 2;
      while (isLetter(text.charCodeAt(at))) at++;
      code = text.charCodeAt(at);
    }
    while ((code === 46 || code === 44) && isDigit(text.charCodeAt(at + 1))) {
      at += 2;
      while (isDigit(text.charCodeAt(at))) at++;
      code = text.charCodeAt(at);
    }
    if (code === 37) at++;
  }
  return count;
}

const FUNCTION_WORDS = `a about above after again against all almost along already also although always am among an and
  another any anybody anyone anything anyway are aren't around as at be became because become been before being below
  between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during each
  either else enough etc even ever every everybody everyone everything for from further had hadn't has hasn't have
  haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've
  if in into is isn't it it'd it'll it's its itself just let let's may maybe me might mine more most much must my
  myself neither no nor not now of off often on once one ones only onto or other others otherwise ought our ours
  ourselves out over own per perhaps quite rather same shall she she'd she'll she's should shouldn't since so some
  somebody someone something somewhat such than that that's the their theirs them themselves then there there's
  these they they'd they'll they're they've this those though through thus till to too toward towards under until
  up upon us very via was wasn't we we'd we'll we're we've were weren't what what's whatever when whenever where
  where's whereas wherever whether which while who who's whoever whole whom whose why why's will with within without
  won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves`;

// Conversation glue: frequent in every episode, about nothing in particular.
const SPOKEN_WORDS = `actually ah alright anyways awesome basically bit cool couple definitely exactly gonna got gotta
  great guess guys hey hmm huh kind kinda know lot lots like literally mean mhm mm oh okay ok pretty probably really
  right sort sorta stuff sure thing things think thought totally uh um wanna well yeah yep yes yup wow hi hello thanks
  thank welcome absolutely certainly obviously honestly anyway whatever maybe super tell talk talked talking say
  saying said says go goes going gone went get gets getting make makes making made see seeing seen look looking looks
  want wants wanted way ways good nice come comes coming came put take takes took give gives gave let's try trying
  tried feel feels felt today day time times year years people person someone folks everybody something anything
  everything question questions point points part sense fact idea example called call lot yeah right new old big
  little different able sometimes kind much many need needs needed use used using work works working worked
  interesting fascinating amazing incredible crazy wild neat fun exciting excited true correct agree love loved
  cool nice awesome fantastic wonderful brilliant`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${FUNCTION_WORDS} ${SPOKEN_WORDS}`.split(/\s+/).filter(Boolean));

/**
 * A light suffix stripper: enough that "model", "models" and "modeling" meet, without a real
 * stemmer's surprises on names and jargon. It only has to be consistent with itself.
 */
export function stem(word: string): string {
  return stemLowerCased(word.toLowerCase());
}

/** `stem` of a word already lower-cased. Suffixes are compared as strings: every word of every sentence is stemmed. */
function stemLowerCased(lower: string): string {
  let w = lower.endsWith("s") ? lower.replace(/['’]s$/, "") : lower;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) return w;
  else if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s")) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  return w;
}

export function isStopword(word: string): boolean {
  return isLowerCasedStopword(word.toLowerCase());
}

function isLowerCasedStopword(lower: string): boolean {
  return STOPWORDS.has(lower.includes("’") ? lower.replace(/’/g, "'") : lower);
}

/** Stemmed content words: what TF-IDF, similarity and keyphrases are computed over. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    // Lowered once for both the stopword test and the stem.
    const lower = word.toLowerCase();
    if (isLowerCasedStopword(lower)) continue;
    // Bare numbers count as substance elsewhere; as terms they would make "2019" and "2020" unrelated.
    if (/^\d+$/.test(word)) continue;
    if (word.length < 2) continue;
    terms.push(stemLowerCased(lower));
  }
  return terms;
}

// Enough finite verbs to tell a claim from a fragment ("Generative AI, non-generative AI systems.").
export const VERB =
  /\b(?:is|are|was|were|be|been|being|am|has|have|had|can|could|will|would|should|must|may|might|does|do|did|\w+n't|\w+'(?:s|re|ve|ll|d|m)|\w{3,}ed|makes?|made|means?|meant|needs?|takes?|took|gets?|got|gives?|gave|shows?|uses?|runs?|ran|builds?|built|becomes?|became|goes|went|comes?|came|helps?|allows?|requires?|leads?|led|drives?|costs?|grows?|grew|creates?|changes?|works?|knows?|knew|thinks?|thought|says?|said|sees?|saw|finds?|found|keeps?|kept|starts?|wants?|tends?|seems?|happens?|turns?|depends?|matters?|reduces?|increases?|improves?|provides?|offers?|brings?|brought|breaks?|broke|fails?|solves?|beats?|lets?|puts?|sets?|wins?|won|loses?|lost|pays?|paid|spends?|spent|signals?|produces?|generates?|learns?|trains?|writes?|wrote|reads?|sells?|sold|buys?|bought|moves?|looks?|feels?|felt|believes?|ask|asks|try|tries|call|calls|live|lives|exist|exists|happen|work|need|want|know|think|say|see|get|make|take|give|use|go|come|help|build|run|keep|start|tend|seem|become|mean|cost|grow|create|change|find|feel|believe|remember|understand|understands|understood)\b/i;

/** Whether a sentence has a verb of its own; "I think thinking about the cost" has none. */
export function hasVerb(text: string): boolean {
  return VERB.test(text.replace(/\bI (?:think|guess|mean|believe|suppose|feel like|would say|'d say)\b/gi, ""));
}
