/**
 * Turns one spoken sentence into one a reader can read: fillers, stutters, false starts and
 * bracketed noise go; every word that carries meaning stays, in its order. Only clause-level
 * disfluencies are removed ("you know," between commas, not "do you know how"), because a
 * transcript's words are all the evidence an insight has.
 *
 * Cleaning never adds or removes a sentence boundary: the sentence splitter has already decided
 * those on the original text, and the body must keep the sentences the quote has.
 */

// Sound and transcriber notes: "[laughter]", "[unintelligible 00:42:51.23]", "(laughs)".
const BRACKETED_NOISE = /\s*\[[^\]]{0,60}\]|\s*\((?:laughs?|laughing|laughter|crosstalk|cross-talk|inaudible|unintelligible|indiscernible|music|applause|sighs?|coughs?|chuckles?|pause|silence|beep)[^)]{0,40}\)/gi;

const FILLER_WORDS = String.raw`(?:u+m+|u+h+|e+r+m+|e+r|a+h+|h+m+|m+-?hm+|uh-huh|mm+)`;
// A filler with the comma that set it off: "so, um, the idea" → "so, the idea".
const FILLER = new RegExp(String.raw`(^|[\s,;(—-])${FILLER_WORDS}(?=[\s,.!?;:)—-]|$)[,]?`, "gi");

// Clause-level discourse fillers, only where commas set them apart from the grammar of the sentence.
const SET_OFF = String.raw`(?:you know|I mean|like|kind of|sort of|you see|I guess|basically|literally|right)`;
const SET_OFF_BETWEEN_COMMAS = new RegExp(String.raw`([,—–])\s*${SET_OFF},(?=\s)`, "gi");
// "like" as a hedge before a clause or after a determiner ("this like first hype"); "things like databases" stays.
const HEDGING_LIKE = /(,\s*|\b(?:this|these|those|my|our|your|their|some)\s+)like\s+(?=(?:whether|if|when|I|we|you|they|it|there|that|this|so|and|but|even|again|now|maybe|literally|basically|just|really|actually|oh|okay|yeah|first|second)\b)/gi;
const SET_OFF_BEFORE_END = new RegExp(String.raw`,\s*(?:you know|I mean|like|right|you know what I mean|if you will|or whatever|or something(?: like that)?)(?=[.!?]*$)`, "gi");

// Said at the start of a clause to hold the floor, not to say anything: "Yeah, so, I mean, ..."
const OPENING_FILLER = new RegExp(
  String.raw`^(?:(?:yeah|yes|yep|well|okay|ok|oh|um|uh|you know|I mean|like|it's like|basically|anyway|alright|all right|look|see|honestly|so yeah|no|right|sure|absolutely|exactly|totally|definitely|great|cool|wow|interesting)[,.!]+\s+|(?:yeah|well|okay|ok|oh|um|uh)\s+(?!known\b|aware\b|over\b|beyond\b|before\b|after\b|enough\b)|like\s+(?=(?:whether|if|when|I|we|you|they|it|there|that|this|so|and|but|even|again|now|maybe|literally|basically|just|really|actually|the|a|an|in|at|on|for|with|because)\b))`,
  "i",
);

// Connectives that only tie a sentence to the one before; an insight's first sentence has none before it.
const OPENING_CONNECTIVE = /^(?:and so|and then|and also|and|but|so|also|plus|then|now|or|rather|instead|however|still|besides|meanwhile|in fact|actually|of course|in addition|additionally|again)(?:,\s*|\s+)(?!far\b|much\b|many\b|long\b|few\b|little\b|that\b|to\b|on\b|forth\b|of\b|than\b)/i;

// A word, or a pair of words, said twice: "the the", "I was, I was". "that that" and "had had" are grammar.
const REPEATED_WORD = /\b([\p{L}\p{N}']+)(?:,?\s+\1\b)+/giu;
const REPEATED_PAIR = /\b([\p{L}\p{N}']+\s+[\p{L}\p{N}']+)(?:,?\s+\1\b)+/giu;
const GRAMMATICAL_REPEATS = new Set(["that", "had", "bye", "very", "really", "no", "ha", "cha"]);

// "I- I think", "we — we built", "it's -- it's": a word cut off and said again.
const RESTARTED_WORD = /\b([\p{L}\p{N}']+)(?:\s*(?:--|—|–)\s*|-\s+)\1\b/giu;
// "I was- I think": a short fragment cut off by an attached hyphen, then a new clause.
const CUT_OFF_FRAGMENT = /(^|[,;:]\s*)(?:[\p{L}\p{N}']+\s+){0,3}[\p{L}\p{N}']+--?\s+(?=\p{L})/giu;
// "now part of the — it's called Poolin": a fragment abandoned on a function word before a dash.
const ABANDONED_FRAGMENT = /(^|[,;:.]\s*)(?:[\p{L}\p{N}'’.]+\s+){0,5}(?:the|a|an|of|to|and|with|in|for|my|our|their|his|her|its|this|that|is|was|are|were|be|being|been|we|I|it|you|they|he|she|very|really|so|just|also|more|most|some|any|all|these|those|not|no|but|or|because|if|when)\s+(?:--|—|–)\s+/giu;

function removeRepeats(text: string): string {
  // "that that" can be grammar; "that, that" is a stutter.
  const keepGrammatical = (match: string, first: string) => (GRAMMATICAL_REPEATS.has(first.toLowerCase()) && !match.includes(",") ? match : first);
  return text.replace(REPEATED_PAIR, (match: string, pair: string) => pair).replace(REPEATED_WORD, keepGrammatical);
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([,.!?;:…)])/g, "$1")
    .replace(/([(])\s+/g, "$1")
    .replace(/,(?:\s*,)+/g, ",")
    .replace(/[,;:]+(?=[.!?…])/g, "")
    .replace(/^[\s,;:.—–-]+/, "")
    .replace(/\s*(?:--|—|–)\s*$/, "")
    .trim();
}

function capitalize(text: string): string {
  return text.replace(/^(["'“‘(]?)(\p{Ll})/u, (_match, quote: string, letter: string) => quote + letter.toUpperCase());
}

/** The disfluencies of one sentence removed; its meaning, order and sentence end kept. */
export function cleanSentence(sentence: string): string {
  let text = sentence.replace(BRACKETED_NOISE, " ");
  text = text.replace(FILLER, "$1");
  // Between commas the phrase and its commas go ("is, you know, mostly" → "is mostly"); after a dash, the dash stays.
  text = text.replace(SET_OFF_BETWEEN_COMMAS, (_match, before: string) => (before === "," ? "" : before));
  text = text.replace(SET_OFF_BEFORE_END, "").replace(HEDGING_LIKE, "$1");
  text = text.replace(RESTARTED_WORD, "$1");
  text = text.replace(CUT_OFF_FRAGMENT, "$1");
  text = text.replace(ABANDONED_FRAGMENT, "$1");
  text = removeRepeats(tidy(text));
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = tidy(text.replace(OPENING_FILLER, ""));
  }
  text = tidy(text);
  if (!/\p{L}|\p{N}/u.test(text)) return "";
  // A caption run can end a turn without a full stop; the body still reads as sentences.
  if (!/[.!?…]["'”’)\]]*$/.test(text)) text = `${text.replace(/[,;:]+$/, "")}.`;
  return capitalize(text);
}

/**
 * The first sentence of an insight, which nothing precedes: a leading "And so" or "But" points at
 * a sentence the reader never sees.
 */
export function openSentence(cleaned: string): string {
  let text = cleaned;
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = tidy(text.replace(OPENING_CONNECTIVE, "").replace(OPENING_FILLER, ""));
  }
  return capitalize(text);
}
