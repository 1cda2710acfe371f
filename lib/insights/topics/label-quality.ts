/**
 * Whether a topic label names a subject: a noun phrase ("export controls") or a name ("Bitcoin Core",
 * "CVE-2018-17144"), never a word of talk ("bunch", "oftentimes"). Part of speech comes from wink-nlp;
 * one word alone must be a name, an acronym or a noun rare in speech (outside SUBTLEX-US's 5,000 most
 * frequent words). The offline extractor keeps only labels that pass, and `npm run eval:insights`
 * counts those of both paths that do not.
 */
import { analyzeEnglish, type NlpToken } from "@/lib/nlp/english";
import { spokenRank } from "@/lib/nlp/spoken-frequency";

/** Rank at or past which a word is rare enough in speech to stand alone as a label. */
export const RARE_WORD_RANK = 5_000;

const MAX_LABEL_WORDS = 6;

// Nouns of talk, not of subjects: "a bunch of things", "that kind of stuff", "the first time".
const VAGUE_NOUNS = new Set(
  `bit bits bunch couple deal kind kinds lot lots sort sorts stuff thing things way ways type types piece pieces part parts
  end side sense fact point points idea ideas question questions example examples case cases matter reason reasons
  aspect aspects area areas level levels number numbers amount amounts one ones time times day days week weeks month
  months year years minute minutes hour hours moment moments today tomorrow yesterday people person guy guys folks
  everybody everyone somebody someone anybody anyone everything something anything nothing stuff gonna yeah okay
  place places situation situations story stories job`.split(/\s+/),
);

// Nouns too general to name a subject alone ("output", "solution"); fine as the head of a phrase ("code quality").
const GENERIC_NOUNS = new Set(
  `approach aspect assets benefit change changes concept content context data effect element equivalent error errors
  estimate estimates factor feature features focus form frame goal goals impact information input issue issues method
  model models option options output outputs problem problems process result results review role scale solution
  solutions step steps system systems term terms tool tools topic value values version versions word words world
  app apps work life lives future past present challenge challenges opportunity opportunities degree desire desires
  ambition ambitions effort efforts fraction activity activities scenario combination background organization
  organizations function execution mix outline advantage disadvantage reputation commitment humanity practicality
  annoyance layout layouts label labels parallel parallels initiative initiatives fundamentals whatnot gotcha keyword
  keywords medium episode episodes perspective expectation expectations experience experiences difference differences
  purpose practice practices structure structures resource resources requirement requirements`.split(/\s+/),
);

// Opening adjectives that judge or count rather than name: "huge problem", "current tools", "main factor".
export const GENERIC_ADJECTIVES = new Set(
  `good better best bad worse worst big bigger biggest huge massive small smaller little large larger great greater
  high higher low lower main major minor certain particular specific current various different same other whole real
  actual last next first final new newer old older easy easier hard harder simple important interesting positive
  negative ambitious opinionated right wrong true false full entire basic general common typical similar several few
  many much more most less least own possible available potential significant key huge tiny nice cool fine clear
  obvious perfect quick slow fast strong weak long short early late recent previous initial favorite valuable useful
  overall unique concise overnight double single total`.split(/\s+/),
);

// Measures of amount: "thousands of lines", "billions of dollars", "collection of papers".
const QUANTITY_NOUNS = new Set(
  `thousands millions billions trillions hundreds dozens tons loads plenty majority minority collection variety range
  series group handful percent percentage portion share`.split(/\s+/),
);

// Dates are when, not what: "January", "Monday", "5th".
const CALENDAR_WORDS = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
  thursday friday saturday sunday`.split(/\s+/),
);

const NUMBER_WORDS = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion
  first second third fourth fifth sixth seventh eighth ninth tenth half dozen`.split(/\s+/),
);

// Parts of speech that never belong in a label: pronouns, articles, auxiliaries, adverbs, interjections.
const NEVER = new Set(["PRON", "DET", "AUX", "ADV", "INTJ", "SCONJ", "PART", "SYM"]);
// May join two nouns inside a label ("mixture of experts", "AI and jobs"), never start or end one.
const JOINERS = new Set(["ADP", "CCONJ", "PUNCT"]);

/** Written as a name: an acronym ("PHI", "LLMs"), capitals inside ("OpenAI"), or letters with digits ("CVE-2018", "GPT-4"). */
export function looksLikeName(word: string): boolean {
  return /^\p{Lu}{2,}s?$/u.test(word) || /\p{Ll}\p{Lu}/u.test(word) || (/\p{L}/u.test(word) && /\d/.test(word));
}

function isNameToken(token: NlpToken): boolean {
  return (token.pos === "PROPN" && /^\p{Lu}/u.test(token.text)) || looksLikeName(token.text);
}

/** A gerund used as a noun: "machine learning", "model debugging", "unit testing". */
function isGerund(token: NlpToken): boolean {
  return token.pos === "VERB" && /\p{L}{3,}ing$/u.test(token.text);
}

function isNounLike(token: NlpToken): boolean {
  return token.pos === "NOUN" || token.pos === "PROPN" || isNameToken(token);
}

function isNumberWord(token: NlpToken): boolean {
  return NUMBER_WORDS.has(token.text.toLowerCase()) || (token.pos === "NUM" && !/\d/.test(token.text));
}

function isRare(token: NlpToken): boolean {
  return Math.min(spokenRank(token.text), spokenRank(token.lemma)) >= RARE_WORD_RANK;
}

/**
 * Whether `label` names a subject a reader could follow.
 * - One word: a name or acronym ("Bitcoin", "PHI", "CVE-2018-17144"), or a noun rare in speech ("burnout", "assumeutxo").
 * - Several: a noun phrase ending in a noun, a name or a gerund ("export controls", "unit testing"), with
 *   adjectives, nouns and names before it and "of"/"and" between nouns; no pronoun, article, auxiliary or
 *   adverb, no number word, and no noun of talk ("bunch", "thing", "time").
 */
export function isGoodLabel(label: string): boolean {
  const text = label.replace(/\s+/g, " ").trim();
  if (text.length < 2 || text.length > 60) return false;
  const tokens = analyzeEnglish(text, { entities: false }).tokens;
  const words = tokens.filter((token) => token.pos !== "PUNCT");
  if (words.length === 0 || words.length > MAX_LABEL_WORDS) return false;
  if (tokens.some((token) => token.pos === "PUNCT" && !/^[-–&/.+']$/.test(token.text))) return false;

  if (words.some((token) => isNumberWord(token) || CALENDAR_WORDS.has(token.text.toLowerCase()) || /^\d+(?:st|nd|rd|th)$/i.test(token.text))) return false;
  // A lone letter is a fragment of something ("k papers"), not a word of the subject.
  if (words.some((token) => /^\p{Ll}$/u.test(token.text))) return false;
  const lower = (token: NlpToken) => token.text.toLowerCase();
  if (words.some((token) => !isNameToken(token) && (VAGUE_NOUNS.has(lower(token)) || QUANTITY_NOUNS.has(lower(token))))) return false;

  if (words.length === 1) {
    const [word] = words as [NlpToken];
    if (isNameToken(word)) return !/^I$/.test(word.text);
    return (word.pos === "NOUN" || isGerund(word)) && isRare(word) && !GENERIC_NOUNS.has(lower(word)) && !GENERIC_NOUNS.has(word.lemma);
  }
  if (GENERIC_ADJECTIVES.has(lower(words[0]!))) return false;

  // Names run together ("Stephan Livera", "SB 1047", "Claude Code") are an entity whatever the tagger says.
  if (words.every((token) => isNameToken(token) || (token.pos === "NUM" && /\d/.test(token.text)))) return true;

  const first = tokens[0]!;
  const last = tokens.at(-1)!;
  if (JOINERS.has(first.pos) || JOINERS.has(last.pos)) return false;
  // Out of a sentence the tagger reads some plural nouns as verbs ("data breaches"): after a noun they are nouns.
  const pluralAfterNoun = last.pos === "VERB" && /s$/.test(last.text) && tokens.length > 1 && isNounLike(tokens.at(-2)!);
  if (!(isNounLike(last) || isGerund(last) || pluralAfterNoun || (last.pos === "NUM" && /\d/.test(last.text)))) return false;
  return tokens.every((token, index) => {
    if (NEVER.has(token.pos) && !isNameToken(token)) return false;
    if (token.pos === "VERB") {
      // Verbs only as parts of a compound: "AI-generated", "pull requests", "machine learning".
      const next = tokens[index + 1];
      return isGerund(token) || token.text.endsWith("ed") || (index === tokens.length - 1 && pluralAfterNoun) || (next !== undefined && isNounLike(next)) || tokens[index - 1]?.text === "-";
    }
    if (token.pos === "ADP") return ["of", "for", "in", "as", "on", "to", "vs"].includes(token.lemma);
    return true;
  });
}
