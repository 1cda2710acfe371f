/**
 * Auto-captions mishear: "the Python Foundation is the developer in residence, which is some the
 * same things", "they was slightly different". Where a sentence breaks a rule of English grammar no
 * speaker breaks by a slip of the tongue, the captioner lost words there, and the sentence's facts
 * cannot be trusted: it may be read, but not stated as a claim. Two such rules, read from wink-nlp's
 * parts of speech:
 *
 * - an article or quantifier that needs its noun, followed by another determiner ("some the",
 *   "a the", "every this"). "All the", "both the", "such a" are English (predeterminers), as are
 *   "this a little bit" and "that all works", where the demonstrative stands alone; "the the" is a
 *   stutter, which cleaning removes; "an all-or-nothing" joins a compound.
 * - a nominative pronoun with a form of "be" of another person or number ("they was", "we is",
 *   "I are", "he are"). "You" and "it" are objects too ("what I told you was"), so they are left out;
 *   "were" after a singular is left alone ("if it were"), and "you and I are" agrees.
 */
import type { NlpWord } from "@/lib/nlp/english";

const NEED_A_NOUN = new Set(["a", "an", "the", "some", "every", "each", "another", "any"]);

const BE_AGREEMENT: Record<string, ReadonlySet<string>> = {
  i: new Set(["am", "was", "were"]),
  we: new Set(["are", "were"]),
  they: new Set(["are", "were"]),
  he: new Set(["is", "was", "were"]),
  she: new Set(["is", "was", "were"]),
};
const BE_FORMS = new Set(["am", "is", "are", "was", "were"]);
const COORDINATORS = new Set(["and", "or", "nor"]);

/** The words where a sentence breaks one of the rules above ("some the", "they was"), or null. */
export function captionGarble(tokens: readonly NlpWord[]): string | null {
  // Each token is lowercased once (it is the next one's `previous`): this runs on every sentence of every episode.
  let previous = tokens[0]?.text.toLowerCase() ?? "";
  for (let index = 1; index < tokens.length; index++) {
    const before = tokens[index - 1]!;
    const token = tokens[index]!;
    const lower = token.text.toLowerCase();
    if (NEED_A_NOUN.has(previous) && token.pos === "DET" && previous !== lower && /^\p{Ll}/u.test(token.text)) {
      const compound = tokens[index + 1]?.text === "-" && tokens[index + 1]!.start === token.end;
      if (!compound) return `${before.text} ${token.text}`;
    }
    const agrees = BE_AGREEMENT[previous];
    if (agrees && before.pos === "PRON" && BE_FORMS.has(lower) && !agrees.has(lower)) {
      const coordinated = COORDINATORS.has(tokens[index - 2]?.text.toLowerCase() ?? "");
      if (!coordinated) return `${before.text} ${token.text}`;
    }
    previous = lower;
  }
  return null;
}
