/**
 * Auto-captions mishear ("which is some the same things", "they was different"). Where a sentence
 * breaks grammar no slip of the tongue breaks, words were lost and its facts cannot be a claim. Two
 * rules, from wink-nlp's tags: a determiner needing its noun followed by another ("some the", not "all
 * the"), and a nominative pronoun with a "be" that does not agree ("they was"; not "you"/"it", objects too).
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
  // This runs on every sentence of every episode, so words are lowered only where a rule may apply:
  // at a determiner, and after a pronoun.
  for (let index = 1; index < tokens.length; index++) {
    const before = tokens[index - 1]!;
    const token = tokens[index]!;
    if (token.pos === "DET") {
      const previous = before.text.toLowerCase();
      if (NEED_A_NOUN.has(previous) && previous !== token.text.toLowerCase() && /^\p{Ll}/u.test(token.text)) {
        const compound = tokens[index + 1]?.text === "-" && tokens[index + 1]!.start === token.end;
        if (!compound) return `${before.text} ${token.text}`;
      }
    }
    if (before.pos === "PRON") {
      const lower = token.text.toLowerCase();
      const agrees = BE_FORMS.has(lower) ? BE_AGREEMENT[before.text.toLowerCase()] : undefined;
      if (agrees && !agrees.has(lower)) {
        const coordinated = COORDINATORS.has(tokens[index - 2]?.text.toLowerCase() ?? "");
        if (!coordinated) return `${before.text} ${token.text}`;
      }
    }
  }
  return null;
}
