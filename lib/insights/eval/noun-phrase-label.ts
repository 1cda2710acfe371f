/**
 * Whether a topic label names a subject: a noun phrase ("export controls", "mixture of experts") or
 * an entity ("Django", "NVIDIA"), never a lone common word ("bunch", "oftentimes"), a verb ("tend")
 * or a number ("six"). The eval's own check, by wink part of speech, for when the topics module's
 * isGoodLabel is not there to be measured.
 */
import { analyzeEnglish } from "@/lib/nlp/english";

const INSIDE = new Set(["ADJ", "NOUN", "PROPN", "NUM", "ADP", "CCONJ", "PART", "SYM"]);

export function isNounPhraseLabel(label: string): boolean {
  const tokens = analyzeEnglish(label.trim()).tokens.filter((token) => token.pos !== "PUNCT");
  if (tokens.length === 0) return false;
  const head = tokens.at(-1)!;
  if (tokens.length === 1) {
    // One word: an entity (a name or an acronym), not a common word.
    return head.pos === "PROPN" && /\p{Lu}/u.test(head.text) ? true : /^\p{Lu}{2,}s?$/u.test(head.text) || /\p{Ll}\p{Lu}/u.test(head.text);
  }
  const gerundHead = head.pos === "VERB" && /ing$/i.test(head.text) && ["NOUN", "PROPN", "ADJ"].includes(tokens.at(-2)!.pos);
  if (!["NOUN", "PROPN"].includes(head.pos) && !gerundHead && !/^\p{Lu}{2,}s?$/u.test(head.text)) return false;
  if (["ADP", "CCONJ", "DET"].includes(tokens[0]!.pos)) return false;
  // "machine learning": a gerund inside a noun phrase is a noun; any other verb makes a clause.
  return tokens.every((token) => INSIDE.has(token.pos) || (token.pos === "VERB" && /ing$/i.test(token.text)));
}
