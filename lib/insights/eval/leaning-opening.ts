/**
 * A body that opens leaning on something the reader never saw: "They published this whole plan",
 * "So that's why…", "This means…". The insight stands alone on a card, so its first word may not
 * point back. "It" counts unless it is the dummy subject of "it's important to…", "it seems…".
 */
import { analyzeEnglish } from "@/lib/nlp/english";

const POINTING = new Set(["they", "them", "their", "this", "that", "these", "those", "it", "he", "she", "his", "her", "so", "and", "but", "also", "then", "there"]);

const DUMMY_IT_VERBS = new Set(["seem", "seems", "seemed", "appear", "appears", "appeared", "turns", "turned", "takes", "took", "helps", "pays", "matters"]);

/** The leaning first word ("They", "So"), or null when the text opens on its own feet. */
export function leaningOpening(text: string): string | null {
  const tokens = analyzeEnglish(text.trim()).tokens.filter((token) => token.pos !== "PUNCT");
  const first = tokens[0];
  if (!first) return null;
  const word = first.text.toLowerCase().replace(/['’].*$/, "");
  if (!POINTING.has(word)) return null;
  // "There" is leaning only as a place ("There, they…"), not in "there is/are".
  if (word === "there") return tokens[1] && ["AUX", "VERB"].includes(tokens[1].pos) ? null : first.text;
  if (word === "it") {
    const next = tokens[1];
    const after = tokens[2];
    const isBe = next && next.lemma === "be";
    if (next && DUMMY_IT_VERBS.has(next.text.toLowerCase())) return null;
    // "It's important to…", "It is clear that…", "It's not easy to…".
    const adjective = tokens.slice(2, 5).find((token) => token.pos === "ADJ");
    if (isBe && adjective) {
      const rest = tokens.slice(tokens.indexOf(adjective) + 1, tokens.indexOf(adjective) + 2)[0];
      if (rest && ["to", "that", "when", "if", "how", "whether"].includes(rest.text.toLowerCase())) return null;
    }
    // "It takes…", "It costs…" with a number: a claim about cost, not a pointer.
    if (after && after.pos === "NUM" && next?.pos === "VERB") return null;
    return first.text;
  }
  // "That" and "this" before a noun still point ("This approach…"); both open leaning.
  return first.text;
}
