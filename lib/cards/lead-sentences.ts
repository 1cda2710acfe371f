/**
 * The opening of an insight's body, for places that show many insights as short paragraphs (related
 * insights, the landing page): its first sentence, and the second too while the two stay short
 * enough to read at a glance. Sentences are read as the offline pipeline reads them (wink-nlp), which
 * knows that "Dr." and "3.5" end nothing.
 */
import "server-only";
import { splitSentenceRanges } from "@/lib/insights/offline/sentences";

/** A second sentence is added only while the paragraph stays within this many characters. */
const MAX_TWO_SENTENCES = 240;

export function leadSentences(body: string, maxLength = MAX_TWO_SENTENCES): string {
  const text = body.trim();
  const [first, second] = splitSentenceRanges(text).map(([start, end]) => text.slice(start, end).trim());
  if (!first) return "";
  if (!second || first.length + 1 + second.length > maxLength) return first;
  return `${first} ${second}`;
}
