/**
 * The headline of an offline insight: one declarative sentence of the passage, cut only at clause
 * boundaries (wink-nlp's tags stand in for a parser), drawn so it says nothing the speaker did not. A
 * condition ("if", "unless") is never cut, nor a negation or hedge (meaning-markers.ts). Questions,
 * orders and unresolvable pronoun subjects are passed over unless nothing else qualifies; none: null.
 */
import { captionGarble } from "@/lib/insights/offline/caption-garble";
import { isStopword, stem } from "@/lib/insights/offline/tokens";
import { readEnglish, type LemmaWord } from "@/lib/nlp/english";
import { hedgesIn, lostMarkers, MAY_HEDGE, negationsIn } from "@/lib/nlp/meaning-markers";
import { MAGNITUDE } from "@/lib/nlp/numbers";
import { continuesReportedList, reportedSpeechStart } from "@/lib/insights/offline/reported-speech";

export const MAX_HEADLINE_WORDS = 14;
export const MIN_HEADLINE_WORDS = 6;

// Said to hold the floor or tie to what came before; a headline starts after them.
const DISCOURSE_MARKERS = phraseBook([
  "and", "so", "but", "yeah", "yes", "well", "okay", "ok", "oh", "now", "also", "plus", "then", "or", "right",
  "you know", "i mean", "anyway", "actually", "basically", "honestly", "look", "see", "um", "uh", "and so", "and then",
  "so yeah", "and yeah", "but yeah", "alright", "all right", "sure", "absolutely", "exactly", "totally", "no",
]);

// Framing before a claim, not part of it ("I think Nvidia will lose its lead" claims the lead is lost).
// "I don't think" never matches: the negation comes between "I" and "think".
const FRAMING = phraseBook([
  "i think", "i think that", "i believe", "i believe that", "i feel like", "i would say", "i 'd say", "i would argue",
  "i would argue that", "i really think", "i really believe", "i do think", "i truly believe", "i definitely think",
  "the thing is", "the thing is that", "the point is", "the point is that", "the fact is", "the fact is that",
  "the reality is", "the reality is that", "the truth is", "the truth is that", "it turns out", "it turns out that",
  "what i found is that", "what we found is that", "what we found was that", "what i 've found is that",
  "what we 've seen is that", "we found that", "we 've found that", "i 've found that", "we 're seeing that",
  "we learned that", "we 've learned that", "it 's clear that", "the idea is that", "my sense is that",
]);

// Leading subordinate clauses that can go without changing the claim after them. A condition
// ("if", "unless", "when", "once", "until") limits the claim, so it stays.
const DROPPABLE_LEAD = new Set(["because", "since", "although", "though", "while", "whereas", "as", "after", "before", "whether", "given", "despite", "even though", "with"]);
// Trailing clauses likewise: a cause, a contrast or an aside may go, a condition may not.
const CONDITIONS = new Set(["if", "unless", "when", "whenever", "once", "until", "provided", "assuming", "suppose"]);
const DROPPABLE_TRAIL = new Set(["because", "although", "though", "while", "whereas", "which", "who", "and", "but", "so", "yet", "whereby"]);

const FINITE_AUX = new Set(
  `is are was were am 's 're 'm 've 'd 'll has have had do does did will would can could should may might must shall ca wo cannot ought isn't aren't wasn't weren't`.split(" "),
);
const CONTRACTED_SUBJECT = /^(i|you|we|they|he|she|it|that|there|what|who)['’](m|re|s|ve|d|ll)$/i;
const POINTING = new Set(["it", "this", "that", "these", "those", "they", "them", "he", "she", "him", "her", "one", "which", "who", "what", "here", "others"]);
const PERSONAL = new Set(["i", "me", "you", "ya"]);
const TIME_WORDS = new Set(["year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "today", "yesterday", "recently", "lately", "currently", "tomorrow"]);
const OBJECT_PRONOUNS = new Set(["them", "him", "me", "us", "it", "you", "myself", "yourself", "themselves", "itself"]);
const SUBJECT_PRONOUNS = new Set(["i", "we", "they", "he", "she", "you"]);
const IMPERATIVES = new Set(
  "check go visit head click subscribe download sign try join find follow leave rate review share use get grab make take let remember imagine look see listen tell send email give call read watch start stop keep put pick".split(" "),
);
// Base-form verbs that open orders ("At the start, place trust into…"); the lite model tags them,
// capitalized or after an introduction, as nouns or names, so "Place trust" would pass for a subject.
const BASE_FORM_VERBS = new Set("place put take make use give keep let try think look get go".split(" "));
// Verbs that bring a quotation after a comma ("It says, get the top five"), by lemma.
const SAYING_VERBS = new Set(["say", "ask", "tell", "write", "go"]);
const OBJECT_OPENERS = new Set(["DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM"]);
const STRANDING_ADVERBS = new Set(["never", "not", "n't", "always", "ever", "just", "also", "still", "really"]);
const PLURAL_NOUNS = new Set(["people", "children", "men", "women", "data", "media", "police", "folks", "staff", "team", "everyone"]);
const IRREGULAR_PAST = new Set(
  "put cut set let hit hurt cost quit spread shut bet read split made got had did said went came took gave found told thought knew saw became began ran built sold bought brought held kept left lost meant paid sent spent stood won wrote grew drew threw led fell felt".split(" "),
);
const WH_WORDS = new Set(["what", "why", "how", "where", "who", "which", "when", "whom", "whose", "whether", "if"]);
// Adverbs that can open a subject ("About 30% of users", "Only Nvidia").
const SUBJECT_ADVERBS = new Set(["about", "almost", "nearly", "roughly", "approximately", "only", "even", "over", "around", "more", "most", "less", "fewer", "just", "not"]);
// Never the first word of a headline, whatever the cutting did.
const FORBIDDEN_OPENERS = /^(?:and|so|but|yeah|well|because|which|or|like|okay|oh|um|uh|i think|you know|i mean)\b/i;
// Words that state a comparison or a cause: what makes a claim worth a headline.
const COMPARISON_OR_CAUSE = new Set(["than", "more", "less", "fewer", "most", "least", "because", "cause", "causes", "caused", "lead", "leads", "led", "means", "due", "therefore", "faster", "cheaper", "slower", "better", "worse", "bigger", "smaller"]);

const word = (token: LemmaWord) => {
  const lower = token.text.toLowerCase();
  return lower.includes("’") ? lower.replace(/’/g, "'") : lower;
};
// "one" is more often a pronoun or an article than a count ("one specific thing").
// "Covid-19", "GPT-4": a name with a number in it is a name, not an amount.
const NAME_WITH_NUMBER = /^\p{L}[\p{L}.]*-\d+$/u;
const isNumber = (token: LemmaWord) => (/\d/.test(token.text) && !NAME_WITH_NUMBER.test(token.text)) || (token.pos === "NUM" && word(token) !== "one");

// A hyphen inside a word ("fine-tuning", which the tokenizer splits) is not a pause.
function isPause(tokens: LemmaWord[], index: number): boolean {
  const token = tokens[index]!;
  if (token.pos !== "PUNCT" && !/^[,;:—–-]+$/.test(token.text)) return false;
  if (/^['’"“”]$/.test(token.text)) return false;
  if (token.text === "-") {
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (before && after && before.end === token.start && after.start === token.end) return false;
  }
  return true;
}

/** Phrases, as words, by their first word: a start is compared only with the phrases its word can begin. */
type PhraseBook = ReadonlyMap<string, string[][]>;

function phraseBook(phrases: string[]): PhraseBook {
  const book = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const words = phrase.split(" ");
    book.set(words[0]!, [...(book.get(words[0]!) ?? []), words]);
  }
  return book;
}

function matchesAt(tokens: LemmaWord[], at: number, phrase: string[]): boolean {
  return phrase.every((part, offset) => tokens[at + offset] !== undefined && word(tokens[at + offset]!) === part);
}

/** The index after any phrase of `phrases` at `at` (and a comma after it), or -1. Longest match wins. */
function skipPhrase(tokens: LemmaWord[], at: number, phrases: PhraseBook): number {
  const first = tokens[at];
  if (!first) return -1;
  let best = -1;
  for (const phrase of phrases.get(word(first)) ?? []) if (phrase.length > best && matchesAt(tokens, at, phrase)) best = phrase.length;
  if (best === -1) return -1;
  let next = at + best;
  // "so consistent", "well known", "right now": a modifier, not a marker, unless a comma sets it off.
  const following = tokens[next];
  if (best === 1 && following && !isPause(tokens, next) && ["ADJ", "ADV"].includes(following.pos) && !["and", "but", "or", "yeah", "yes", "okay", "ok", "oh", "um", "uh"].includes(word(tokens[at]!))) return -1;
  while (tokens[next] && /^[,.!…]$/.test(tokens[next]!.text)) next++;
  return next;
}

type Subject = "noun" | "demonstrative" | "there" | "dummy" | "we" | "personal" | "pointing" | "hedged";

// "My guess is X": a hedge that frames the claim and, being a hedge, may not be cut from it.
const HEDGING_FRAME = new Set(["guess", "bet", "sense", "hunch"]);
// Words that can come before an opening preposition ("Much like…"); the tagger reads "much" as an adjective.
const INTENSIFIERS = new Set(["much", "just", "very", "even", "right", "pretty", "well"]);
// The words of a noun phrase after a preposition: "like [other open source communities]".
const PHRASE_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"]);

/**
 * "Much like other communities is predicated on…": the only noun before the verb sits in an opening
 * prepositional phrase, so the clause has no subject (a cut left it behind). "In 2023 the company
 * raised…" has one after the phrase. The eval (lib/insights/eval/sentence-headline.ts) reads it alike.
 */
function subjectOnlyInOpeningPhrase(region: LemmaWord[]): boolean {
  const preposition = region.findIndex((token, index) => index < 2 && token.pos === "ADP" && (index === 0 || INTENSIFIERS.has(word(region[0]!))));
  if (preposition === -1 || ["to", "of"].includes(word(region[preposition]!)) || SUBJECT_ADVERBS.has(word(region[preposition]!))) return false;
  let after = preposition + 1;
  while (after < region.length && PHRASE_POS.has(region[after]!.pos) && !(region[after]!.pos === "DET" && after > preposition + 1 && region[after - 1]!.pos !== "ADP")) after++;
  return !region.slice(after).some((token) => ["NOUN", "PROPN", "PRON", "NUM"].includes(token.pos));
}

function subjectKind(region: LemmaWord[], verb: LemmaWord | undefined, after: LemmaWord[]): Subject {
  const words = region.filter((token) => token.pos !== "ADV" && token.pos !== "PART").map(word);
  const head = words[0] ?? "";
  if (head === "my" && words.length === 2 && HEDGING_FRAME.has(words[1]!) && verb && BE_FORMS.has(word(verb))) {
    // The claim is the clause after "My guess is (that)": it stands alone when its own subject does.
    let from = 0;
    while (after[from] && (word(after[from]!) === "that" || word(after[from]!) === "like" || after[from]!.pos === "PUNCT")) from++;
    const claim = clauseSubject(after.slice(from));
    return claim === "noun" || claim === "there" || claim === "dummy" ? "hedged" : "personal";
  }
  if (PERSONAL.has(head) || head === "my" || head === "your") return "personal";
  // "The keyword here": "here" points at what was just said, as "this" does.
  if (region.some((token) => word(token) === "here")) return "demonstrative";
  if (head === "we" || head === "our") return "we";
  if (words.length === 1) {
    const only = head;
    if (only === "there") return "there";
    if (only === "it" && verb && /^(?:is|was|'s|will|would)$/.test(word(verb))) {
      // "It's cheaper to fine-tune …": "it" stands for what follows, not for something earlier.
      const adjective = after.slice(0, 4).findIndex((token) => token.pos === "ADJ");
      if (adjective !== -1 && after[adjective + 1] && /^(?:to|that)$/.test(word(after[adjective + 1]!))) return "dummy";
    }
    if (POINTING.has(only)) return "pointing";
  }
  // "One of the reasons is that…": the reasons for something said before ("one of the biggest reasons" says which).
  if (words.length === 4 && ["one", "some", "many", "most", "none", "all"].includes(head) && words[1] === "of" && words[2] === "the" && /s$/.test(words[3]!)) return "demonstrative";
  // "The Python one", "the first ones": "one" stands for a noun said before, as a pronoun does ("no one" is no one).
  if (words.length >= 2 && ["one", "ones"].includes(words.at(-1)!) && !["no", "any", "every", "each"].includes(words.at(-2)!)) return "pointing";
  // "Most of them", "all of these", "his career": still points back.
  if (words.length <= 4 && words.includes("of") && POINTING.has(words.at(-1)!)) return "pointing";
  if (["his", "her", "their", "its"].includes(words[0] ?? "")) return "pointing";
  // "All those things", "Both these models": a quantifier before the pointer.
  if (["this", "that", "these", "those"].includes(words[1] ?? "") && ["all", "both", "each", "some", "many", "most"].includes(words[0] ?? "")) return "demonstrative";
  if (["this", "that", "these", "those"].includes(words[0] ?? "")) return "demonstrative";
  return "noun";
}

/** A verbless phrase of place or time before a clause's subject: "In 2023,", "Last year,". */
function isIntroduction(tokens: LemmaWord[]): boolean {
  if (!tokens.every((token) => ["ADP", "DET", "NUM", "NOUN", "PROPN", "ADJ", "ADV", "SYM"].includes(token.pos))) return false;
  return tokens[0]!.pos === "ADP" || tokens.some((token) => isNumber(token) || TIME_WORDS.has(word(token)));
}

/**
 * The clause's subject, when the tokens open with a subject and a finite verb: an optional verbless
 * introduction ending in a comma ("In 2023,"), a noun phrase, pronoun or gerund, then a verb that
 * carries tense. Null for fragments, imperatives, questions and bare participle or infinitive phrases.
 */
function clauseSubject(tokens: LemmaWord[], coordinatedSubject = true): Subject | null {
  if (tokens.length === 0) return null;
  let from = 0;
  const comma = tokens.findIndex((token, index) => isPause(tokens, index));
  if (comma > 0 && isIntroduction(tokens.slice(0, comma))) from = comma + 1;
  const first = tokens[from];
  if (!first) return null;
  const contracted = CONTRACTED_SUBJECT.exec(first.text);
  if (contracted) {
    const pronoun = contracted[1]!.toLowerCase();
    if (pronoun === "what" || pronoun === "who") return null;
    return subjectKind([{ ...first, text: pronoun }], { ...first, text: `'${contracted[2]}` }, tokens.slice(from + 1));
  }
  const opener = word(first);
  // "Check out Sentry's tracing": the tagger reads many imperatives as nouns.
  if (IMPERATIVES.has(opener) && !["AUX", "VERB"].includes(tokens[from + 1]?.pos ?? "")) return null;
  // The word is its own lemma (not "places", "took") and an object follows: an imperative, no subject.
  if (BASE_FORM_VERBS.has(opener) && first.lemma?.toLowerCase() === opener && OBJECT_OPENERS.has(tokens[from + 1]?.pos ?? "")) return null;
  if (WH_WORDS.has(opener) && opener !== "what") return null;
  if (opener === "what") {
    // "What matters is X": a free relative subject, only when a verb follows it before "is"/"was".
    return null;
  }
  const gerund = first.pos === "VERB" && /ing$/.test(opener);
  // "…, saying there's not much AI slop": a participle taking a clause ("there", "they" are never its
  // object) hangs on the clause before; the verb that follows is the inner clause's, not a subject's.
  if (gerund && ["there", "i", "we", "they", "he", "she"].includes(word(tokens[from + 1] ?? first))) return null;
  // "Downloads for the quarter are down": a plural noun the tagger took for a verb; an imperative has no "-s".
  const pluralNoun = first.pos === "VERB" && /[^s]s$/.test(opener);
  const canOpen = ["DET", "PRON", "NOUN", "PROPN", "NUM", "ADJ", "SYM", "X"].includes(first.pos) || gerund || pluralNoun || (first.pos === "ADV" && SUBJECT_ADVERBS.has(opener));
  if (!canOpen) return null;
  // "That like 5.5 ChatGPTG just missed": "that" before neither a verb nor its noun is a relative
  // clause the caption split from its noun ("mistakes that … missed"), not a subject.
  const second = tokens[from + 1];
  if (opener === "that" && second && (word(second) === "like" || !["AUX", "VERB", "NOUN", "ADJ", "ADV"].includes(second.pos))) return null;

  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (isPause(tokens, index)) return null;
    const lower = word(token);
    if (token.pos === "SCONJ" || (index > from && ["who", "which", "that", "what", "where", "how", "why", "when"].includes(lower))) return null;
    const contractedHere = CONTRACTED_SUBJECT.test(token.text);
    if (contractedHere) return null;
    // An object pronoun or a conjunction before any verb: a verb phrase or a list, not a subject ("ship them into").
    if (index > from && token.pos === "PRON" && OBJECT_PRONOUNS.has(lower) && word(tokens[index - 1]!) !== "of") return null;
    // "Every time I met", "the model I built": a clause inside the subject, not the subject.
    if (index > from && SUBJECT_PRONOUNS.has(lower) && !["and", "or"].includes(word(tokens[index - 1]!))) return null;
    // "Python and Rust are": a second noun phrase follows the conjunction ("A three sentence and just keep walking" has none).
    if (token.pos === "CCONJ" && (!coordinatedSubject || !["DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"].includes(tokens[index + 1]?.pos ?? ""))) return null;
    if (token.pos === "AUX") {
      if (index === from || !FINITE_AUX.has(lower) || !hasNominal(tokens.slice(from, index))) return null;
      if (subjectOnlyInOpeningPhrase(tokens.slice(from, index)) || disagrees(tokens.slice(from, index), token)) return null;
      return subjectKind(tokens.slice(from, index), token, tokens.slice(index + 1));
    }
    // Mid-sentence a capital marks a name ("Google Play"), and nothing after "the" or "at" is a verb.
    // "vibe-coded": the verb is the whole compound, so the subject ends before its first part.
    if (token.pos === "VERB" && tokens[index - 1]?.text === "-" && tokens[index - 1]!.end === token.start) {
      const region = tokens.slice(from, Math.max(from, index - 2));
      return hasNominal(region) ? subjectKind(region, token, tokens.slice(index + 1)) : null;
    }
    if (token.pos === "VERB" && (index === from || (/^\p{Ll}/u.test(token.text) && !["DET", "ADP", "SYM"].includes(tokens[index - 1]!.pos)))) {
      if (index === from) {
        if (gerund || pluralNoun) continue;
        return null;
      }
      const previous = word(tokens[index - 1]!);
      // "using Copilot", "to win": not the clause's verb; keep looking for one.
      // After another verb ("get notified", "using chat") it is part of that verb's phrase.
      if (/ing$/.test(lower) || previous === "to" || tokens[index - 1]!.pos === "VERB") continue;
      // "on the back end": after an article and an adjective the word is a noun.
      if (tokens[index - 1]!.pos === "ADJ" && tokens[index - 2]?.pos === "DET") continue;
      // "Other initiatives very connected with Python": after a degree word a participle is an adjective.
      if (DEGREE_WORDS.has(previous) || previous === "so" || previous === "too") return null;
      // "a 7 billion parameter model": after a singular noun a verb would need its "-s"; this is a noun.
      const before = tokens[index - 1]!;
      if (before.pos === "NOUN" && !/s$/.test(word(before)) && !PLURAL_NOUNS.has(word(before)) && !/(?:s|ed)$/.test(lower) && !IRREGULAR_PAST.has(lower)) continue;
      // After a gerund subject the verb agrees in the singular: "Fine-tuning small models costs less", not "Helping NASA explore".
      if (gerund && !/[^s]s$/.test(lower)) return null;
      if (!hasNominal(tokens.slice(from, index)) || subjectOnlyInOpeningPhrase(tokens.slice(from, index))) return null;
      return subjectKind(tokens.slice(from, index), token, tokens.slice(index + 1));
    }
  }
  return null;
}

/** "Django are the specific implementations": one singular name with a plural verb is a phrase cut in the middle. */
function disagrees(region: LemmaWord[], verb: LemmaWord): boolean {
  return region.length === 1 && region[0]!.pos === "PROPN" && !/s$/i.test(region[0]!.text) && ["are", "were"].includes(word(verb));
}

function hasNominal(region: LemmaWord[]): boolean {
  // "30 or changed": a subject does not end on a conjunction, preposition or article.
  const last = region.at(-1);
  if (last && ["CCONJ", "ADP", "DET", "SCONJ"].includes(last.pos)) return false;
  return region.some((token, index) => ["NOUN", "PROPN", "PRON", "NUM", "SYM", "X"].includes(token.pos) || (index === 0 && token.pos === "VERB") || CONTRACTED_SUBJECT.test(token.text));
}

/** A question, with or without its question mark (captions drop them): "do you think", "why is it". */
function isQuestion(tokens: LemmaWord[], from: number): boolean {
  if (tokens.some((token) => token.text === "?")) return true;
  const first = tokens[from];
  const second = tokens[from + 1];
  if (!first || !second) return false;
  if (first.pos === "AUX" && FINITE_AUX.has(word(first)) && ["PRON", "DET", "PROPN", "NOUN"].includes(second.pos)) return true;
  return ["what", "why", "how", "where", "who", "which"].includes(word(first)) && second.pos === "AUX";
}

type Start = { at: number; cut: boolean; afterConjunction: boolean };

/** Whether `at` opens "but also …" (or its "also"): the second member of "not only … but also …". */
function secondOfPair(tokens: LemmaWord[], at: number): boolean {
  const here = word(tokens[at]!);
  if (here === "but") return word(tokens[at + 1] ?? tokens[at]!) === "also";
  return here === "also" && at > 0 && word(tokens[at - 1]!) === "but";
}

/** Where a headline may start: after markers and framing, after a droppable lead clause, after a clause boundary. */
function startsOf(tokens: LemmaWord[]): Start[] {
  const starts = new Map<number, Start>();
  let conditional = false;
  const visit = (at: number, cut: boolean, afterConjunction: boolean) => {
    if (at >= tokens.length || starts.has(at)) return;
    // "not only A, but also B": what follows "but also" is the second half of a pair, framed by the first.
    if (secondOfPair(tokens, at)) return;
    const marker = skipPhrase(tokens, at, DISCOURSE_MARKERS);
    if (marker !== -1) return visit(marker, cut, afterConjunction);
    // "Ultimately, AI is software": a sentence adverb frames the claim. A hedge ("probably") is one of
    // the markers no cut may lose, so skipping it only yields candidates that fail that check.
    const adverb = tokens[at]!;
    if (adverb.pos === "ADV" && /ly$/.test(word(adverb)) && word(adverb) !== "only" && tokens[at + 1]?.pos !== "ADJ") {
      return visit(at + 1 + (tokens[at + 1]?.text === "," ? 1 : 0), cut, afterConjunction);
    }
    const framing = skipPhrase(tokens, at, FRAMING);
    if (framing !== -1) visit(framing, cut, afterConjunction);
    starts.set(at, { at, cut, afterConjunction });
    const lead = word(tokens[at]!);
    if (at === 0 || !cut) conditional ||= CONDITIONS.has(lead);
    const participle = tokens[at]!.pos === "VERB" && /ing$/.test(lead);
    if (DROPPABLE_LEAD.has(lead) || participle || tokens[at]!.pos === "ADP") {
      const comma = tokens.findIndex((token, index) => index > at && isPause(tokens, index));
      if (comma !== -1) visit(comma + 1, true, false);
    }
  };
  visit(0, false, false);
  // Everything after an opening condition ("If X, Y") holds only under it: no cut may start there.
  if (conditional) return [...starts.values()].filter((start) => !start.cut);
  tokens.forEach((token, index) => {
    if (index === 0) return;
    const pause = isPause(tokens, index - 1) && token.text !== "-";
    const conjunction = token.pos !== "PUNCT" && ["and", "but", "so", "yet"].includes(word(tokens[index - 1]!));
    // "if something goes wrong, a patient cannot claim …": the clause after a condition holds only under it.
    if (pause && opensWithCondition(tokens, index - 1)) return;
    const bare = conjunction && !(index > 1 && isPause(tokens, index - 2));
    // "positive and negative things", "Python and Rust": words of one kind joined are a phrase, not two clauses.
    if (bare && (tokens[index - 2]?.pos === token.pos || !leftIsClause(tokens, index - 1))) return;
    if ((pause || conjunction) && insideSubordinate(tokens, index)) return;
    if (pause || conjunction) visit(index, true, bare);
  });
  return [...starts.values()];
}

// Words the tagger reads as opening a clause that as often head a phrase of time ("since the dot-com days").
const TIME_PREPOSITIONS = new Set(["since", "before", "after", "until"]);

/** "since the dot-com days": a time word with no finite verb before the next pause heads a phrase, not a clause. */
function actsAsPreposition(tokens: LemmaWord[], at: number): boolean {
  if (!tokens[at] || !TIME_PREPOSITIONS.has(word(tokens[at]!))) return false;
  for (let index = at + 1; index < tokens.length && !isPause(tokens, index); index++) {
    const token = tokens[index]!;
    if (token.pos === "AUX" || (token.pos === "VERB" && !/ing$/.test(word(token)) && word(tokens[index - 1]!) !== "to")) return false;
  }
  return true;
}

// Words that open a relative or subordinate clause; what follows them inside the clause is not a main clause.
const SUBORDINATORS = new Set(["where", "which", "who", "that", "because", "if", "when", "while", "although", "whereas", "unless"]);

/**
 * Whether a cut at `at` would start inside a relative or subordinate clause: "In a system like
 * Bitcoin where the participants are all voluntary and [the code is all freely available…], power
 * is maybe not the right word". The clause runs back to the last pause, and through a pause before a
 * coordinating conjunction ("where X, and Y"), to the word that opened it. "that" opens a clause
 * only where the tagger reads it so (not "that model").
 */
function insideSubordinate(tokens: LemmaWord[], at: number): boolean {
  let from = at - 1;
  while (from >= 0) {
    if (isPause(tokens, from)) {
      if (from + 1 >= at || !["and", "but", "or"].includes(word(tokens[from + 1]!))) break;
    }
    const token = tokens[from]!;
    const lower = word(token);
    if (SUBORDINATORS.has(lower) && (lower !== "that" || token.pos === "SCONJ" || (token.pos === "PRON" && ["NOUN", "PROPN"].includes(tokens[from - 1]?.pos ?? "")))) return true;
    from--;
  }
  return false;
}

/** Whether the stretch ending at the pause `at` began with a condition ("if", "when", "unless"). */
function opensWithCondition(tokens: LemmaWord[], at: number): boolean {
  let from = at;
  while (from > 0 && !isPause(tokens, from - 1)) from--;
  const marker = skipPhrase(tokens, from, DISCOURSE_MARKERS);
  return CONDITIONS.has(word(tokens[marker === -1 ? from : marker] ?? tokens[at]!));
}

/** Whether the words before a bare "and" at `at` form a clause of their own, not one side of "between X and Y". */
function leftIsClause(tokens: LemmaWord[], at: number): boolean {
  let from = at;
  while (from > 0 && !isPause(tokens, from - 1)) from--;
  const left = tokens.slice(from, at);
  if (left.some((token) => ["between", "both", "either"].includes(word(token)))) return false;
  for (let start = 0; start < left.length; start++) if (clauseSubject(left.slice(start)) !== null) return true;
  return false;
}

/** Where a headline may end (exclusive): the sentence's end, or before a droppable trailing clause. */
function endsOf(tokens: LemmaWord[]): { at: number; cut: boolean }[] {
  let last = tokens.length;
  while (last > 0 && isPause(tokens, last - 1)) last--;
  while (last > 0 && /^[.!?…]+$/.test(tokens[last - 1]!.text)) last--;
  const ends = [{ at: last, cut: false }];
  for (let index = 1; index < last; index++) {
    const token = tokens[index]!;
    const lower = word(token);
    const next = tokens[index + 1];
    if (isPause(tokens, index)) {
      // After a comma or dash: a new clause, a droppable conjunction, or an "-ing" aside ("…, making it cheaper").
      if (!next) continue;
      const following = word(next);
      // ", I guess," is a parenthetical inside the clause, not the start of the next one.
      const parenthetical = tokens.slice(index + 2, index + 5).some((other, offset) => isPause(tokens, index + 2 + offset));
      const clause = !parenthetical && clauseSubject(tokens.slice(index + 1)) !== null;
      // ", just like MCP was standardized": a trailing comparison may go as an aside may.
      const comparison = ["just", "much"].includes(following) && word(tokens[index + 2] ?? next) === "like";
      if (clause || comparison || DROPPABLE_TRAIL.has(following) || (next.pos === "VERB" && /ing$/.test(following)) || joinsClauses(tokens, index)) {
        ends.push({ at: index, cut: true });
      }
    } else if (DROPPABLE_TRAIL.has(lower) && !["which", "who"].includes(lower)) {
      // Without a comma, "and"/"but"/"so" end a clause only when a whole clause follows.
      const coordinating = ["and", "but", "so", "yet"].includes(lower);
      if (!coordinating || clauseSubject(tokens.slice(index + 1)) !== null) ends.push({ at: index, cut: true });
    }
  }
  return ends;
}

/**
 * A semicolon or a dash with space around it joins two clauses ("Awareness leads to change; we say
 * that", "Cortisol is our stress hormone - that it stays high"): a headline keeps one of them.
 */
function joinsClauses(tokens: LemmaWord[], index: number): boolean {
  const token = tokens[index]!;
  if (token.text === ";") return true;
  if (!/^(?:—|–|--|-)$/.test(token.text)) return false;
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return !(before && before.end === token.start) || !(after && after.start === token.end);
}

// Where a negation or hedge stops governing what follows: a strong break, or a comma before a new clause.
const STRONG_BREAKS = new Set([";", ":", "—", "–", "--", "...", "…"]);
const CLAUSE_CONJUNCTIONS = new Set(["but", "and", "so", "or", "because", "although", "though", "while", "whereas", "yet"]);

function isClauseBreak(tokens: LemmaWord[], index: number): boolean {
  const token = tokens[index]!;
  return STRONG_BREAKS.has(token.text) || (token.text === "," && CLAUSE_CONJUNCTIONS.has(word(tokens[index + 1] ?? token)));
}

/**
 * The clause whose negations and hedges a headline cut from tokens [from, to) must keep: back to the
 * last break before it and on to the first comma after it. So "I don't think [there's a scenario
 * where X …]" governs X, and ", but it isn't cheap" after the cut does not. The insight eval
 * (lib/insights/eval/lost-markers.ts) finds the clause the same way.
 */
function governingClause(tokens: LemmaWord[], source: string, from: number, to: number): string {
  let first = from;
  while (first > 0 && !isClauseBreak(tokens, first - 1)) first--;
  let last = to - 1;
  while (last < tokens.length - 1 && !isClauseBreak(tokens, last + 1) && tokens[last + 1]!.text !== ",") last++;
  return source.slice(tokens[first]!.start, tokens[last]!.end);
}

/**
 * Asides a headline may leave out: set off by parentheses or dashes, or an appositive between commas
 * after a name ("Stuart Last, the CEO of Audioboom, said …"). (", which …," may end anywhere.)
 */
function asidesOf(tokens: LemmaWord[]): [number, number][] {
  const asides: [number, number][] = [];
  tokens.forEach((token, index) => {
    if (token.text === "," && tokens[index - 1]?.pos === "PROPN" && tokens[index + 1]?.pos === "DET") {
      const end = tokens.findIndex((other, at) => at > index && isPause(tokens, at));
      if (end !== -1 && end - index <= 8 && ["VERB", "AUX"].includes(tokens[end + 1]?.pos ?? "")) asides.push([index, end + 1]);
    }
    const close = token.text === "(" ? ")" : token.text === "—" || token.text === "–" ? token.text : null;
    if (!close) return;
    const end = tokens.findIndex((other, at) => at > index && other.text === close);
    if (end !== -1 && end - index <= 12) asides.push([index, end + 1]);
  });
  return asides;
}

// "will be more, I guess, decentralized": a degree word wants the word it modifies.
const DEGREE_WORDS = new Set(["more", "less", "most", "least", "very", "quite", "pretty", "rather", "really", "as"]);
const BE_FORMS = new Set(["is", "are", "was", "were", "'s", "'re", "am", "'m"]);
const TRAILING_FRAMING = new Set(["i think", "i guess", "i believe", "i mean", "you know", "i feel", "i suppose", "i say"]);
const ENDING_POINTERS = new Set(["that", "this", "these", "those", "it", "them"]);
const TRAILING_FILLERS = new Set(["right", "okay", "ok", "yeah", "though", "anyway", "too", "so", "etc", "sorry", "even"]);

/**
 * What the cuts could still get wrong: a span that stops on a function word or a filler, strands a
 * preposition before a pause ("budgeting for, in their budgets"), runs two clauses together at a
 * comma (a false start: "We created, we are sustaining"), opens a clause it never finishes ("suggest
 * that interventions"), or ends on a leading subordinate clause whose main clause was cut away.
 */
function wellFormed(kept: LemmaWord[], endsSentence: boolean): boolean {
  const last = kept.at(-1)!;
  // "Cursor is like embedded within that", "we say that", "trying to do that": the clause ends
  // pointing at what was said before, and says nothing without it.
  if (ENDING_POINTERS.has(word(last))) return false;
  // "…, unfortunately": an afterthought; "is the recent": a noun phrase the sentence break cut off.
  if ((last.pos === "ADV" && kept.at(-2)?.text === ",") || (last.pos === "ADJ" && kept.at(-2)?.pos === "DET")) return false;
  if (["DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX"].includes(last.pos) && !isNumber(last)) return false;
  // "the miners in those days would never, they were just…": a verb left unsaid after its auxiliary, a false start.
  if (STRANDING_ADVERBS.has(word(last)) && kept.at(-2)?.pos === "AUX") return false;
  const lastTwo = kept.slice(-2).map(word).join(" ");
  if (TRAILING_FRAMING.has(lastTwo) || TRAILING_FILLERS.has(word(last)) || DEGREE_WORDS.has(word(last)) || /^(?:\.\.\.|…)$/.test(last.text)) return false;
  let clauseStart = 0;
  for (let index = 0; index < kept.length; index++) {
    const token = kept[index]!;
    if (/^(?:\.\.\.|…|[.!?]+)$/.test(token.text)) return false;
    if (isPause(kept, index)) {
      if (joinsClauses(kept, index)) return false;
      if (index > 0 && ["ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"].includes(kept[index - 1]!.pos) && !isNumber(kept[index - 1]!)) return false;
      // "People can ask their, usually it's more clinicians": a possessive with its noun never said.
      if (index > 0 && ["my", "your", "their", "our", "his", "its"].includes(word(kept[index - 1]!))) return false;
      const after = kept.slice(index + 1);
      // Two clauses run together at a comma or dash read as a transcript, not a headline ("We created, we are sustaining").
      if (token.text !== ";" && after.length && after[0]!.pos !== "CCONJ" && clauseSubject(after) !== null) return false;
      clauseStart = index + 1;
      continue;
    }
    const lower = word(token);
    // "It says, get the top five": a quotation follows, not the rest of the clause.
    if (kept[index + 1]?.text === "," && token.pos === "VERB" && SAYING_VERBS.has(token.lemma ?? "")) return false;
    // "close every pull request That's the first thing": unpunctuated captions ran two sentences together.
    if (index > 0 && /^\p{Lu}\p{Ll}/u.test(token.text) && ["PRON", "DET", "AUX", "CCONJ", "SCONJ"].includes(token.pos) && kept[index - 1]!.pos !== "PUNCT") return false;
    // "… and X. The social links": a sentence end the splitter took for an initial.
    if (/^\p{Lu}\.$/u.test(token.text) && /^\p{Lu}/u.test(kept[index + 1]?.text ?? "")) return false;
    // "all kinds of it gets cheaper": a new clause where the phrase wanted its noun.
    const then = kept[index + 2];
    if (token.pos === "ADP" && ["it", "they", "we", "i", "he", "she"].includes(word(kept[index + 1] ?? token)) && then && (FINITE_AUX.has(word(then)) || (then.pos === "VERB" && /(?:s|ed)$/.test(word(then))))) return false;
    // "It is I just had a thought": a new clause begun without a joint, a transcript's restart.
    if (token.pos === "AUX" && FINITE_AUX.has(lower) && ["i", "we", "they", "he", "she"].includes(word(kept[index + 1] ?? token))) return false;
    // "It's were like 4.1 million": two tenses in a row, a restart.
    if (BE_FORMS.has(lower) && kept[index + 1] && (BE_FORMS.has(word(kept[index + 1]!)) || ["has", "have", "had"].includes(word(kept[index + 1]!)))) return false;
    // "Dosage card is this is the value": the same.
    if (token.pos === "AUX" && FINITE_AUX.has(lower) && kept[index + 1]?.pos === "PRON" && kept[index + 2]?.pos === "AUX" && FINITE_AUX.has(word(kept[index + 2]!))) return false;
    const opensClause = (token.pos === "SCONJ" && !actsAsPreposition(kept, index)) || (lower === "that" && index > 0 && ["VERB", "AUX", "ADJ"].includes(kept[index - 1]!.pos));
    // Only a cut can leave a clause unfinished; a whole sentence is trusted over the tagger ("people view/NOUN").
    // "The issue is that our prefrontal cortex, which is responsible for attention": the clause "that" opens never gets its verb.
    if (opensClause && !endsSentence && clauseSubject(kept.slice(index + 1)) === null) return false;
  }
  if (!endsSentence) {
    // The last clause of a cut span must be able to end the sentence: not "but if you're doing science".
    let from = clauseStart;
    while (kept[from] && kept[from]!.pos === "CCONJ") from++;
    const opener = kept[from] ? word(kept[from]!) : "";
    if (actsAsPreposition(kept, from)) return true;
    if (CONDITIONS.has(opener) || DROPPABLE_LEAD.has(opener) || kept[from]?.pos === "SCONJ") return false;
  }
  return true;
}

type Candidate = { text: string; tokens: LemmaWord[]; subject: Subject; cut: boolean };

/** The kept tokens as written, with the original spacing; a left-out aside leaves one space. */
function render(source: string, kept: LemmaWord[]): string {
  let text = "";
  kept.forEach((token, index) => {
    const previous = kept[index - 1];
    if (!previous) text = token.text;
    // Offsets are the source's, so only a left-out aside puts anything but spacing between two kept tokens.
    else if (/^\s*$/.test(source.slice(previous.end, token.start))) text += source.slice(previous.end, token.start) + token.text;
    else text += ` ${token.text}`;
  });
  return text
    .replace(/^[\s"'“‘]+(?=[^"'”’]*$)/u, "")
    .replace(/[\s,;:.!…—–-]+$/u, "")
    .replace(/\bi(?=\b|['’])/g, "I")
    .replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

function balanced(text: string): boolean {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return count(/"/g) % 2 === 0 && count(/“/g) === count(/”/g) && count(/\(/g) === count(/\)/g);
}

// The only words whose lemma a rule reads: an opener that may be an imperative, a verb before a quotation.
const needsLemma = (token: LemmaWord) => token.pos === "VERB" || BASE_FORM_VERBS.has(word(token));

/** Every headline one key sentence allows. */
function candidatesOf(keySentence: string): Candidate[] {
  const result: Candidate[] = [];
  const units = readEnglish(keySentence, { entities: false, lemmas: needsLemma }).sentences;
  const listed = continuesReportedList(units.map((unit) => unit.tokens));
  for (const [unitIndex, unit] of units.entries()) {
    // "Software developers are going to go away because of low code": the list of what others said goes on.
    if (listed[unitIndex]) continue;
    const tokens = unit.tokens;
    // A caption that broke grammar in this sentence misheard it: none of its words can be stated as the claim.
    if (captionGarble(tokens)) continue;
    const source = keySentence.slice(unit.start, unit.end);
    const offset = unit.start;
    // Offsets into the unit's own text; a read's tokens are the caller's (english.ts), so the first unit's stand as they are.
    const shifted = offset === 0 ? tokens : tokens.map((token) => ({ ...token, start: token.start - offset, end: token.end - offset }));
    const firstWord = skipPhrase(shifted, 0, DISCOURSE_MARKERS);
    if (isQuestion(shifted, firstWord === -1 ? 0 : firstWord)) continue;
    const asides = asidesOf(shifted);
    // Read only once a candidate needs it: most sentences offer none.
    let hasMarkers: boolean | undefined;
    // Words before each token (a word is what whitespace sets apart, as the rendered text is counted):
    // a span too long for a headline, with no aside to leave out, is passed over before it is rendered.
    const wordsBefore = [0];
    shifted.forEach((token, index) => wordsBefore.push(wordsBefore[index]! + (index === 0 || token.start > shifted[index - 1]!.end ? 1 : 0)));
    // What others said ("when they said, oh, software developers are going to go away") is not the speaker's claim.
    const reported = reportedSpeechStart(shifted);
    const claimEnd = reported === -1 ? shifted.length : reported;
    // Where a headline may end does not depend on where it starts: found once, for the first start that needs it.
    let ends: ReturnType<typeof endsOf> | undefined;
    for (const start of startsOf(shifted)) {
      if (start.at >= claimEnd) continue;
      ends ??= endsOf(shifted);
      for (const end of ends) {
        if (end.at > claimEnd || end.at - start.at < MIN_HEADLINE_WORDS - 2) continue;
        const inside = asides.filter(([from, to]) => from > start.at && to <= end.at);
        if (inside.length === 0 && wordsBefore[end.at]! - wordsBefore[start.at]! > MAX_HEADLINE_WORDS + 1) continue;
        const span = shifted.slice(start.at, end.at);
        const variants = [span];
        if (inside.length) variants.push(shifted.filter((_token, index) => index >= start.at && index < end.at && !inside.some(([from, to]) => index >= from && index < to)));
        for (const kept of variants) {
          const text = render(source, kept);
          const words = text.split(/\s+/).length;
          if (words < MIN_HEADLINE_WORDS || words > MAX_HEADLINE_WORDS || FORBIDDEN_OPENERS.test(text) || !balanced(text)) continue;
          // After a bare "and" the clause's subject is one word group: "Kevin and Travis and Kevin looks" is a list.
          const subject = clauseSubject(kept, !start.afterConjunction);
          if (!subject || !wellFormed(kept, end.at === shifted.length || !end.cut)) continue;
          hasMarkers ??= negationsIn(source).length > 0 || (MAY_HEDGE.test(source) && hedgesIn(source).length > 0);
          if (hasMarkers) {
            const lost = lostMarkers(governingClause(shifted, source, start.at, end.at), text);
            if (lost.negations.length || lost.hedges.length) continue;
          }
          result.push({ text, tokens: kept, subject, cut: start.cut || end.cut || kept !== span });
        }
      }
    }
  }
  return result;
}

/** How much the clause says: the episode's weighty terms, numbers, names, comparisons and causes. */
function contentOf(candidate: Candidate, weight: (term: string) => number): { value: number; specific: boolean } {
  let value = 0;
  let specific = false;
  candidate.tokens.forEach((token, index) => {
    const lower = word(token);
    if (isNumber(token)) {
      value += 0.35;
      specific = true;
    } else if (token.pos === "PROPN" && /^\p{Lu}/u.test(token.text) && !/^I(?:'|’|$)/.test(token.text) && (index > 0 || token.start > 0)) {
      value += weight(stem(lower)) + 0.15;
      specific = true;
    } else if (COMPARISON_OR_CAUSE.has(lower)) value += 0.15;
    else if (/^[\p{L}]/u.test(token.text) && !isStopword(lower) && ["NOUN", "PROPN", "VERB", "ADJ"].includes(token.pos)) value += weight(stem(lower));
  });
  return { value, specific };
}

const SUBJECT_FACTOR: Record<Subject, number> = { noun: 1, hedged: 0.9, demonstrative: 0.5, there: 0.9, dummy: 0.9, we: 0.7, personal: 0.6, pointing: 0.45 };
// Subjects that point at something said before ("That's the way…", "These kinds of benchmarks…"):
// "this debate" heads a passage only with a number or a name in its clause, and then after a
// subject a reader can place; "it", "that" only when nothing else can and with a number of its own.
const POINTING_SUBJECTS = new Set<Subject>(["demonstrative", "pointing"]);
// Below this a clause says nothing an episode-reader would miss ("It was a really fun time").
const MIN_CONTENT = 0.5;
// "I" heads a claim only as the one who holds it, where the framing carries a negation or hedge.
const OPINION = /^I(?:['’]m| am| do| would|['’]d)?(?: not|n['’]t)? (?:really |honestly )?(?:think|believe|guess|guessing|suspect|doubt|expect|bet|sure|convinced|predict)\b/i;
// A host's patter: welcomes, thanks, introductions. Never the claim of a passage.
const HOSTING = /\b(?:welcome|thanks?(?! to)|thank you|excited to (?:have|be)|thrilled|glad to|pleasure to|great to (?:have|meet|see)|joining us|joined by|with us today|sponsored by|brought to you by|for having me|(?:another|this|today['’]s|next|last) episode|it['’]s (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;
// Talking to the listener or the guest ("great to meet you", "this one's for you").
const SECOND_PERSON = /\b(?:you|your|yours)\b/i;

const MODALS = new Set(["can", "could", "would", "will", "should", "might", "may", "must"]);
const NAMING_VERBS = new Set(["called", "named", "titled", "entitled", "dubbed"]);

/** Whether the clause ends "… called <Name>": it names a thing and says nothing about it. */
function introducesName(tokens: LemmaWord[]): boolean {
  const naming = tokens.findLastIndex((token) => NAMING_VERBS.has(word(token)));
  return naming !== -1 && naming < tokens.length - 1 && tokens.slice(naming + 1).every((token) => token.pos === "PROPN" || /^\p{Lu}/u.test(token.text) || token.pos === "PUNCT");
}

/**
 * A headline a key sentence offers, as weighed before its rank in the passage: `claim` when it stands
 * alone, otherwise a fallback for when nothing stands alone.
 */
type Offer = { text: string; value: number; claim: boolean };

/** What one key sentence offers as a headline, best and fallback alike, in the order they were found. */
function offersOf(keySentence: string, weight: (term: string) => number): Offer[] {
  const offers: Offer[] = [];
  for (const candidate of candidatesOf(keySentence)) {
    const content = contentOf(candidate, weight);
    if (content.value < MIN_CONTENT) continue;
    const words = candidate.text.split(/\s+/).length;
    if (HOSTING.test(candidate.text)) continue;
    const chatter = SECOND_PERSON.test(candidate.text);
    // "There's a paper called Paper Tigers", "Daniel Stenberg wrote a post called High Quality Chaos":
    // a clause that ends naming a thing introduces it; what the thing says comes after, if at all.
    // "We could then rule out": a modal's "then" is the consequence of a condition said before.
    const introduces = introducesName(candidate.tokens);
    const consequence = candidate.tokens.some((token, index) => word(token) === "then" && MODALS.has(word(candidate.tokens[index - 1] ?? token)));
    const value =
      (content.value / words ** 0.35) *
      SUBJECT_FACTOR[candidate.subject] *
      (candidate.cut ? 0.92 : 1) *
      (/[(—–]/.test(candidate.text) ? 0.85 : 1) *
      (chatter ? 0.6 : 1);
    // "That debate assumes demand for AI in China is small" still tells the reader something;
    // "This wall is being constantly updated" does not.
    const standsAlone = ["noun", "hedged", "there", "dummy"].includes(candidate.subject) || (candidate.subject === "demonstrative" && content.specific);
    if (introduces || consequence) continue;
    if (standsAlone && (!chatter || content.specific)) {
      offers.push({ text: candidate.text, value, claim: true });
      continue;
    }
    // "I was there" is an anecdote; "I don't think …", "I'm guessing …" hold a claim they qualify.
    if (candidate.subject === "personal" && !OPINION.test(candidate.text)) continue;
    // "It was published in a magazine called Human Behavior", "That's the way that the Bitcoin ends up
    // changing": a pointer said to be something names things and still says nothing alone.
    const verb = candidate.tokens.find((token) => token.pos === "AUX" || token.pos === "VERB");
    const pointerIs = POINTING_SUBJECTS.has(candidate.subject) && verb !== undefined && BE_FORMS.has(word(verb));
    if (pointerIs && !candidate.tokens.some((token) => isNumber(token) && MAGNITUDE.test(token.text))) continue;
    // "We have a studio with 12 people": only with a number or a name to say something.
    if (content.specific) offers.push({ text: candidate.text, value, claim: false });
  }
  return offers;
}

/**
 * Drafts headlines for one episode's passages. Passages overlap (select.ts tries windows in score
 * order until one has a headline, and neighbouring windows share most sentences), so each key
 * sentence is read and weighed once per episode and remembered until the drafter is dropped.
 * @param weight how much a stemmed term (tokens.ts `stem`) matters in this episode (0..1).
 */
export function headlineDrafter(weight: (term: string) => number): (keySentences: string[]) => string | null {
  const offers = new Map<string, Offer[]>();
  return (keySentences) => {
    let best: string | null = null;
    let bestValue = -Infinity;
    let fallback: string | null = null;
    let fallbackValue = -Infinity;
    for (const [rank, keySentence] of keySentences.entries()) {
      let offered = offers.get(keySentence);
      if (!offered) {
        offered = offersOf(keySentence, weight);
        offers.set(keySentence, offered);
      }
      for (const offer of offered) {
        // Later sentences are a fallback, not a rival: the key sentence is what the passage is about.
        const value = offer.value * 0.85 ** rank;
        if (offer.claim) {
          if (value > bestValue) {
            best = offer.text;
            bestValue = value;
          }
        } else if (value > fallbackValue) {
          fallback = offer.text;
          fallbackValue = value;
        }
      }
    }
    return best ?? fallback;
  };
}

/**
 * @param keySentences the passage's cleaned sentences, most important first.
 * @param weight how much a stemmed term (tokens.ts `stem`) matters in this episode (0..1).
 * @returns one complete sentence of 6-14 words, without a closing full stop, or null when no
 * sentence of the passage makes a claim that can head it.
 */
export function draftHeadline(keySentences: string[], weight: (term: string) => number): string | null {
  return headlineDrafter(weight)(keySentences);
}
