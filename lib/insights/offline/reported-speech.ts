/**
 * Reported or mocked speech: what a speaker says others say, not what the speaker claims. "…compared
 * to when they said, oh, software developers are going to go away because we have COBOL" holds the
 * view the speaker argues against, so no headline may be drawn from it, nor from the sentences that
 * carry on the same list ("Software developers are going to go away because of low code, no code").
 */
import type { NlpWord } from "@/lib/nlp/english";

// Asked of every token of every sentence: only a word holding a curly apostrophe is rewritten.
const word = (token: NlpWord) => {
  const lower = token.text.toLowerCase();
  return lower.includes("’") ? lower.replace(/’/g, "'") : lower;
};

// Who is reported: pronouns and people at large. "The study says" relays a finding the speaker stands behind.
const REPORTED_SUBJECTS = new Set(["they", "people", "you", "he", "she", "i", "we", "someone", "somebody", "everyone", "everybody", "folks", "critics", "skeptics", "some"]);
const REPORTING_VERBS = new Set(["say", "says", "said", "saying", "hear", "heard", "hearing", "claim", "claimed", "claims", "argue", "argued", "argues"]);
// "I would say", "you could say": the speaker's own framing of a claim.
const MODALS = new Set(["would", "'d", "could", "can", "might", "will", "'ll", "must", "should"]);
// "The argument is (that)…", "the narrative was…": a view set up to be answered.
const FRAMED_VIEWS = new Set(["argument", "claim", "narrative", "story", "line", "thinking", "conventional"]);

/**
 * Where reported speech begins in a sentence (the index of its frame: "they" of "they said"), or -1.
 * A mid-sentence "oh," after a pause quotes someone ("when they said, oh, …", "I was like, oh, …").
 */
export function reportedSpeechStart(tokens: readonly NlpWord[]): number {
  // Each token's word is the one before's `next`: every sentence is scanned, so each is lowered once.
  let next = tokens[0] ? word(tokens[0]) : "";
  for (let index = 0; index < tokens.length; index++) {
    const lower = next;
    next = tokens[index + 1] ? word(tokens[index + 1]!) : "";
    if (REPORTED_SUBJECTS.has(lower) && REPORTING_VERBS.has(next)) {
      if (index > 0 && MODALS.has(word(tokens[index - 1]!))) continue;
      return index;
    }
    if (lower === "the" && FRAMED_VIEWS.has(next) && ["is", "was"].includes(word(tokens[index + 2] ?? tokens[index]!))) return index;
    if (index > 1 && lower === "oh" && next === "," && tokens[index - 1]!.text === ",") return index - 1;
  }
  return -1;
}

const OPENING_MARKERS = new Set(["oh", "that", "and", "so", "but", "like", "well", "yeah"]);
// The words of a frame itself: "they said,", "the argument is that", ", oh,".
const FRAME_WORDS = new Set(["the", "is", "was", ",", "oh"]);
const isFrameWord = (lower: string) => REPORTED_SUBJECTS.has(lower) || REPORTING_VERBS.has(lower) || FRAME_WORDS.has(lower) || FRAMED_VIEWS.has(lower);

/** The first few words of a token run, lower-cased, skipping punctuation, "oh", "that" and opening markers. */
function openingOf(tokens: readonly NlpWord[], from: number, length = 4): string {
  const words: string[] = [];
  for (let index = from; index < tokens.length && words.length < length; index++) {
    const token = tokens[index]!;
    const lower = word(token);
    if (token.pos === "PUNCT") continue;
    if (words.length === 0 && OPENING_MARKERS.has(lower)) continue;
    words.push(lower);
  }
  return words.length === length ? words.join(" ") : "";
}

/** The opening of the words a sentence reports ("software developers are going"), or "". */
function reportedOpening(tokens: readonly NlpWord[]): string {
  const frame = reportedSpeechStart(tokens);
  if (frame === -1) return "";
  let from = frame;
  while (from < tokens.length && isFrameWord(word(tokens[from]!))) from++;
  return openingOf(tokens, from);
}

/**
 * Which sentences, in order, carry on a list of reported speech: a sentence opening with the same
 * words as the speech the sentence before reported, or as the sentence before when that one carried
 * on the list already. Sentences of other turns break the list (`sameTurn(a, b)`).
 */
export function continuesReportedList(sentences: readonly (readonly NlpWord[])[], sameTurn: (before: number, after: number) => boolean = () => true): boolean[] {
  const result = sentences.map(() => false);
  for (let index = 1; index < sentences.length; index++) {
    if (!sameTurn(index - 1, index)) continue;
    const opening = openingOf(sentences[index]!, 0);
    if (!opening) continue;
    const before = sentences[index - 1]!;
    if (opening === reportedOpening(before) || (result[index - 1] && opening === openingOf(before, 0))) result[index] = true;
  }
  return result;
}
