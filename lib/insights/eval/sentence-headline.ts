/**
 * Whether a headline reads as one complete declarative sentence, judged independently of the
 * extractor: a subject and a finite verb, 6-14 words, no question, no opening connective or speech
 * frame that leans on what came before ("And…", "So…", "I think…"). Part of speech comes from wink
 * (lib/nlp/english.ts), which has no parser, so "subject before a finite verb, outside a subordinate
 * opening" stands in for a parse.
 */
import { analyzeEnglish, type NlpToken } from "@/lib/nlp/english";

export const HEADLINE_WORDS = { min: 6, max: 14 };

/** Openings the issue names, and the fillers that would make the same mistake. */
const BAD_OPENINGS = /^(?:and|so|but|or|i think|i guess|you know|i mean|well|yeah|yes|um|uh|like|okay|ok)\b/i;

// "That" and "as" open sentences as often as clauses ("That's the way…"); wink's SCONJ tag decides those.
const SUBORDINATORS = new Set(["whether", "if", "because", "although", "though", "when", "while", "since", "unless", "which", "who", "whereas"]);

// "I'm", "we're", "it's" read as one token by the lite model: a subject with its verb.
const CONTRACTED_SUBJECT_VERB = /^(?:i|you|we|they|he|she|it|that|there|this)['’](?:m|re|s|ve|ll|d)$/i;

const SUBJECT_POS = new Set(["NOUN", "PROPN", "PRON", "NUM"]);
// Words that can come before an opening preposition ("Much like…"); the lite model tags a capitalized one a name.
const INTENSIFIERS = new Set(["much", "just", "very", "even", "right", "pretty", "well"]);
// The words of a noun phrase after a preposition: "like [other open source communities]".
const PHRASE_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"]);

export type HeadlineVerdict = { complete: boolean; problem: string | null };

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A verb that carries tense: not "to …", not a bare gerund or participle without its auxiliary. */
function isFiniteVerb(tokens: NlpToken[], index: number): boolean {
  const token = tokens[index]!;
  if (CONTRACTED_SUBJECT_VERB.test(token.text)) return true;
  if (token.pos !== "VERB" && token.pos !== "AUX") return false;
  const before = tokens[index - 1];
  if (before && before.text.toLowerCase() === "to") return false;
  // "to a come contribute": after an article or another verb, a word tagged verb is not one that carries tense.
  if (before && (before.pos === "DET" || (before.pos === "VERB" && token.pos === "VERB"))) return false;
  if (token.pos === "VERB" && /ing$/i.test(token.text)) return Boolean(before && before.pos === "AUX");
  return true;
}

/** Index of the first finite verb with a subject before it in the same stretch; -1 when none. */
function subjectVerbAt(tokens: NlpToken[], from: number): number {
  for (let index = from; index < tokens.length; index++) {
    if (!isFiniteVerb(tokens, index)) continue;
    if (CONTRACTED_SUBJECT_VERB.test(tokens[index]!.text)) return index;
    const subject = tokens.slice(from, index);
    if (!subject.some((token) => SUBJECT_POS.has(token.pos))) continue;
    // "The 21 million coin cap and we validate signatures": a noun phrase left hanging before a new clause.
    const hanging = subject.some((token, at) => token.pos === "CCONJ" && subject[at + 1]?.pos === "PRON" && at > 0);
    if (hanging) return -1;
    return index;
  }
  return -1;
}

export function judgeHeadline(headline: string): HeadlineVerdict {
  const text = headline.trim();
  const words = wordCount(text);
  if (words < HEADLINE_WORDS.min) return { complete: false, problem: `${words} words (fewer than ${HEADLINE_WORDS.min})` };
  if (words > HEADLINE_WORDS.max) return { complete: false, problem: `${words} words (more than ${HEADLINE_WORDS.max})` };
  if (BAD_OPENINGS.test(text)) return { complete: false, problem: `opens on "${text.split(/\s+/)[0]}"` };
  if (/\?\s*$/.test(text)) return { complete: false, problem: "a question" };

  const analyzed = analyzeEnglish(text);
  if (analyzed.sentences.length > 1 && analyzed.sentences.filter((s) => s.tokens.some((t) => t.pos !== "PUNCT")).length > 1) {
    return { complete: false, problem: "more than one sentence" };
  }
  const tokens = analyzed.tokens.filter((token) => token.pos !== "PUNCT");
  const first = tokens[0];
  if (!first) return { complete: false, problem: "no words" };
  // "Is it…", "Do we…": a question without its mark.
  if (first.pos === "AUX" && tokens[1] && SUBJECT_POS.has(tokens[1].pos)) return { complete: false, problem: "a question" };

  if (SUBORDINATORS.has(first.text.toLowerCase()) || (first.pos === "SCONJ" && tokens[1]?.pos !== "AUX")) {
    // "When prices fall, demand rises" is a sentence; "Whether it's creating training data" is not.
    const comma = analyzed.tokens.findIndex((token) => token.text === ",");
    const rest = comma === -1 ? [] : analyzed.tokens.slice(comma + 1).filter((token) => token.pos !== "PUNCT");
    if (rest.length === 0 || subjectVerbAt(rest, 0) === -1) return { complete: false, problem: `a subordinate clause ("${first.text} …") with no main clause` };
    return { complete: true, problem: null };
  }
  // "Much like other communities is predicated on…": the noun in an opening prepositional phrase is
  // not the subject; the subject comes after the phrase ("In 2023 the company raised…") or is missing.
  const preposition = tokens.findIndex((token, index) => index < 2 && token.pos === "ADP" && (index === 0 || INTENSIFIERS.has(tokens[0]!.text.toLowerCase())));
  if (preposition !== -1 && tokens[preposition]!.text.toLowerCase() !== "to") {
    let after = preposition + 1;
    // The phrase ends at a comma, or where a determiner starts a new noun phrase ("In 2023 | the company").
    const ends = (index: number) => {
      const token = tokens[index]!;
      const previous = tokens[index - 1]!;
      return text.slice(previous.end, token.start).includes(",") || (token.pos === "DET" && index > preposition + 1 && previous.pos !== "ADP");
    };
    while (after < tokens.length && PHRASE_POS.has(tokens[after]!.pos) && !ends(after)) after++;
    if (subjectVerbAt(tokens, after) === -1) return { complete: false, problem: `no subject after the opening phrase ("${tokens.slice(0, after).map((token) => token.text).join(" ")}")` };
  }
  if (subjectVerbAt(tokens, 0) === -1) return { complete: false, problem: "no subject with a finite verb" };
  return { complete: true, problem: null };
}
