/**
 * A word begun and given up on, then said whole: "dis disprove", "wh what". Speech recognition
 * writes the cut-off start as a word of its own. Cleaning removes it and the insight eval counts one
 * left in a body, so both read it from here and agree on what a cut-off start is.
 */

// Short words that begin longer ones by chance ("in increase", "the therapy", "for forward").
const COMMON_SHORT_WORDS = new Set([
  "a", "an", "the", "in", "on", "at", "to", "of", "for", "and", "or", "but", "is", "it", "as", "be", "by", "we", "he", "she", "me", "my",
  "no", "not", "so", "do", "go", "up", "us", "our", "out", "all", "any", "can", "one", "two", "new", "now", "how", "who", "way", "day",
  "use", "see", "get", "set", "put", "run", "are", "was", "has", "had", "its", "his", "her", "you", "your", "this", "that", "what", "with",
  "from", "have", "more", "some", "them", "then", "than", "they", "will", "just", "like", "also", "into", "over", "time", "well", "even",
  "much", "most", "make", "take", "when", "here", "there", "where", "work", "data", "code", "open", "read", "each", "know", "want", "show",
  "able", "year", "part", "back", "down", "help", "good", "long", "case", "both", "same", "play", "test", "man", "car", "pro", "end", "ever",
]);

/** Two to five letters, then a word of five or more that starts with them: "dis disprove", not "the therapy". */
export const CUT_OFF_START = /(?<![\p{L}'’])(\p{L}{2,5})\s+(\p{L}{5,})\b/gu;

/** Whether `part`, said just before `word`, is `word` begun and cut off. */
export function isCutOffStart(part: string, word: string): boolean {
  const cut = part.toLowerCase();
  return word.length - cut.length >= 3 && word.toLowerCase().startsWith(cut) && !COMMON_SHORT_WORDS.has(cut);
}
