/**
 * Speech left in a body a reader should get as clean prose: fillers ("um", "you know," "I mean,"
 * "like," as a pause), stutters ("the the"), false starts ("I- I", "dis disprove") and non-speech
 * cues ("[laughs]"). Each finding is returned as the words found, so the eval can show them.
 */
import { CUT_OFF_START, isCutOffStart } from "@/lib/nlp/cut-off-words";

const FILLERS: { name: string; pattern: RegExp }[] = [
  { name: "um/uh", pattern: /\b(?:um+|uh+|uhm|erm|er|hmm+|mm+|mhm)\b/gi },
  // "you know" as a pause: set off by a comma or the sentence edge, not "you know the answer".
  { name: "you know", pattern: /(?:^|[,.;—–-]\s*|\b(?:and|but|so)\s+)you know(?=\s*[,.;?!—–]|\s*$)/gim },
  { name: "I mean", pattern: /(?:^|[,.;—–-]\s*|\b(?:and|but|so)\s+)I mean(?=\s*[,.;—–])/gim },
  { name: "like,", pattern: /(?:,\s*like\b(?!\s+(?:a|an|the|this|that|it|to)\b)|\blike,)/gi },
];

// Words said twice on purpose ("that that", "had had", "is is" in "what it is is") are not stutters.
const REPEATS_ALLOWED = new Set(["that", "had", "is", "do", "very", "really", "so", "no", "bye", "yeah", "yes", "many", "far", "more", "much", "again", "over", "ha", "blah"]);

export function speechDebrisIn(text: string): string[] {
  const found: string[] = [];
  for (const { pattern } of FILLERS) {
    for (const match of text.matchAll(pattern)) found.push(match[0].replace(/^[\s,.;—–-]+/, "").trim());
  }
  for (const match of text.matchAll(/(?<![\p{L}'’])([\p{L}']+)[,]?\s+\1\b/giu)) {
    if (!REPEATS_ALLOWED.has(match[1]!.toLowerCase())) found.push(match[0]);
  }
  // "I- I", "wh- what", "dis disprove": a cut-off word, then the word it started.
  for (const match of text.matchAll(/\b([\p{L}]{1,6})-\s+([\p{L}]+)/gu)) found.push(match[0]);
  for (const match of text.matchAll(CUT_OFF_START)) if (isCutOffStart(match[1]!, match[2]!)) found.push(match[0]);
  for (const match of text.matchAll(/[[(](?:laughs?|laughter|laughing|music|applause|crosstalk|inaudible|unintelligible[^\])]*|silence|coughs?|sighs?|chuckles?)[\])]/gi)) {
    found.push(match[0]);
  }
  return found;
}

export function hasSpeechDebris(text: string): boolean {
  return speechDebrisIn(text).length > 0;
}
