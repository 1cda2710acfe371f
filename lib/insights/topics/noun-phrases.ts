/**
 * Noun phrases of a sentence, from wink-nlp's part-of-speech tags: adjectives, nouns and names up
 * to a head noun ("semiconductor export controls"), "of" between two nouns ("mixture of experts"),
 * hyphenated compounds whole ("AI-generated"). Topic labels are drawn from them, and a reader's
 * own topic is read into them to find its key terms.
 */
import { isStopword } from "@/lib/insights/offline/tokens";
import { GENERIC_ADJECTIVES, looksLikeName } from "@/lib/insights/topics/label-quality";
import { analyzeEnglish, type NlpToken } from "@/lib/nlp/english";

export function isName(token: NlpToken): boolean {
  return (token.pos === "PROPN" && /^\p{Lu}/u.test(token.text)) || looksLikeName(token.text);
}

function isHead(token: NlpToken): boolean {
  return token.pos === "NOUN" || isName(token);
}

/** Words that may stand before the head of a noun phrase. */
function isModifier(token: NlpToken): boolean {
  return token.pos === "ADJ" || isHead(token) || (token.pos === "NUM" && /\d/.test(token.text) && token.kind !== "number");
}

/** As a label shows it: names keep their capitals, other words are lower-cased. */
export function labelText(words: NlpToken[]): string {
  return words.map((token) => (isName(token) ? token.text : token.text.toLowerCase())).join(" ").replace(/ - /g, "-");
}

/**
 * Noun-phrase runs of a sentence: modifiers up to a head noun, "of" between two nouns, hyphenated compounds kept whole.
 * `short` is for a few words out of any sentence (a reader's topic), which the tagger reads less well: a verb
 * opening a compound ("coding agents") is a modifier, and a plural after a noun ("data breaches") a noun.
 */
export function nounPhrases(tokens: NlpToken[], { short = false } = {}): NlpToken[][] {
  const phrases: NlpToken[][] = [];
  let run: NlpToken[] = [];
  const flush = () => {
    // A run ends at its last head noun; whatever follows it ("market is", "cost high") is no part of it.
    while (run.length > 0 && !isHead(run.at(-1)!)) run.pop();
    // Opening words of talk ("great question", "whole thing") are no part of the subject.
    while (run.length > 1 && !isName(run[0]!) && (isStopword(run[0]!.text) || GENERIC_ADJECTIVES.has(run[0]!.text.toLowerCase()))) run.shift();
    if (run.length > 0) phrases.push(run);
    run = [];
  };
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    // "AI-generated", "open-weight": a hyphen ties two words into one modifier.
    const hyphenated = token.text === "-" && previous !== undefined && next !== undefined && previous.end === token.start && token.end === next.start;
    const inCompound = previous?.text === "-" && previous.end === token.start && run.length > 0;
    // "mixture of experts", "economies of scale": common nouns only; "Python of Django" is two names.
    const joinsNouns = token.lemma === "of" && run.length > 0 && run.at(-1)!.pos === "NOUN" && next?.pos === "NOUN";
    const compoundVerb = short && token.pos === "VERB" && run.length === 0 && next !== undefined && isHead(next);
    const pluralNoun = short && token.pos === "VERB" && /s$/.test(token.text) && previous !== undefined && isHead(previous) && run.length > 0;
    if (isModifier(token) || hyphenated || inCompound || joinsNouns || compoundVerb) run.push(token);
    else if (pluralNoun) run.push({ ...token, pos: "NOUN" });
    else flush();
  });
  flush();
  return phrases;
}

/** The noun phrases of a short text such as a reader's topic: "semiconductor export controls and China" gives two. */
export function nounPhrasesOf(text: string): string[] {
  return analyzeEnglish(text, { entities: false }).sentences.flatMap((sentence) => nounPhrases(sentence.tokens, { short: true }).map(labelText));
}
