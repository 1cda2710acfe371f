/**
 * Every number and name an insight's headline or body states must have been said near its quote, so
 * the prose adds no fact (an invented "$80 million", a cleaning bug turning "8%" into "33%"). The window
 * (the quote ± two segments or 60 seconds, whichever is wider) holds a body's context; much wider, and
 * an invented number would often be found by chance. Small numbers in words and Title Case capitals are
 * not checked; a figure said differently is not recognized, and dropping its insight beats a false pass.
 */
import type { TranscriptSegment } from "@/lib/ingest/types";
import { createGrounder, type Grounder } from "@/lib/insights/grounding";
import type { ExtractionInput, GroundedInsight } from "@/lib/insights/types";
import { analyzeEnglish, properNames } from "@/lib/nlp/english";
import { type NumberMention, numbersIn, productNamesIn } from "@/lib/nlp/numbers";
import { spokenRank } from "@/lib/nlp/spoken-frequency";

export const WINDOW_SEGMENTS = 2;
// Beyond the 20,000 most common words of spoken English: "Mixture" opening a sentence is a word, "Nvidia" a name.
const RARE_IN_SPEECH = 20_000;
export const WINDOW_SECONDS = 60;

/** What the headline or body states that its window does not hold, as written there; empty when faithful. */
export type FaithfulnessVerdict = { faithful: boolean; unsupported: string[] };

/** Segments (inclusive) the quote was matched in. */
export type QuoteSpan = { firstSegment: number; lastSegment: number };

export type FaithfulnessCheck = (insight: Pick<GroundedInsight, "headline" | "body" | "quote" | "matchedText" | "startSeconds" | "endSeconds">, span?: QuoteSpan) => FaithfulnessVerdict;

/**
 * Prepares the check for one episode. Pass the span when the caller grounded the quote itself;
 * without it the quote is placed by its times, or found again in an untimed transcript.
 */
export function createFaithfulnessCheck(input: Pick<ExtractionInput, "segments" | "episodeTitle" | "podcastTitle">): FaithfulnessCheck {
  const { segments } = input;
  const speakers = [...new Set(segments.map((segment) => segment.speaker).filter((speaker): speaker is string => Boolean(speaker)))];
  // Said by no one, but a body may use them to tell the reader who spoke and where.
  const always = [input.episodeTitle, input.podcastTitle, ...speakers].join("\n");
  const timed = segments.length > 0 && segments.every((segment) => segment.end > 0);
  let grounder: Grounder | null = null;
  const ground = () => (grounder ??= createGrounder(segments));

  return (insight, span) => {
    const claims = [claimsOf(insight.headline, { headline: true }), claimsOf(insight.body, { headline: false })];
    // Most insights state something checkable, but reading the window is wasted on those that do not.
    if (claims.every((claim) => claim.numbers.length === 0 && claim.names.length === 0)) return { faithful: true, unsupported: [] };
    span ??= locateQuote(insight, segments, timed, ground);
    const source = indexSource(`${windowText(segments, span)}\n${always}`);
    const unsupported = new Set<string>();
    for (const claim of claims) {
      for (const number of claim.numbers) if (!hasNumber(source, number)) unsupported.add(number.text);
      for (const name of claim.names) if (!hasName(source, name)) unsupported.add(name);
    }
    return { faithful: unsupported.size === 0, unsupported: [...unsupported] };
  };
}

/** Drops the insights whose headline or body states what their window does not hold. */
export function keepFaithful<T extends GroundedInsight>(insights: T[], input: Pick<ExtractionInput, "segments" | "episodeTitle" | "podcastTitle">): { insights: T[]; unfaithful: number } {
  const check = createFaithfulnessCheck(input);
  const kept = insights.filter((insight) => check(insight).faithful);
  return { insights: kept, unfaithful: insights.length - kept.length };
}

function locateQuote(
  insight: Pick<GroundedInsight, "quote" | "matchedText" | "startSeconds" | "endSeconds">,
  segments: TranscriptSegment[],
  timed: boolean,
  ground: () => Grounder,
): QuoteSpan {
  // In a timed transcript the insight's times place it well enough for a window a minute wide, and
  // cost no search; they also pick the right one of a line said twice (a cold open replays it).
  if (timed) {
    const first = segments.findIndex((segment) => segment.end >= insight.startSeconds);
    let last = first;
    while (last >= 0 && last + 1 < segments.length && segments[last + 1]!.start < insight.endSeconds) last++;
    if (first >= 0 && segments[first]!.start <= insight.endSeconds) return { firstSegment: first, lastSegment: last };
  }
  const match = ground()(insight.matchedText) ?? ground()(insight.quote);
  if (match) return { firstSegment: match.firstSegment, lastSegment: match.lastSegment };
  // Too short to ground in an untimed transcript: nothing narrower is known.
  return { firstSegment: 0, lastSegment: Math.max(0, segments.length - 1) };
}

/** The transcript text an insight may draw on: its span, ±WINDOW_SEGMENTS segments and ±WINDOW_SECONDS. */
export function windowText(segments: TranscriptSegment[], { firstSegment, lastSegment }: QuoteSpan): string {
  if (segments.length === 0) return "";
  const timed = segments.some((segment) => segment.end > 0);
  let from = Math.max(0, firstSegment - WINDOW_SEGMENTS);
  let to = Math.min(segments.length - 1, lastSegment + WINDOW_SEGMENTS);
  if (timed) {
    const earliest = segments[firstSegment]!.start - WINDOW_SECONDS;
    const latest = segments[lastSegment]!.end + WINDOW_SECONDS;
    while (from > 0 && segments[from - 1]!.end >= earliest && segments[from - 1]!.end > 0) from--;
    while (to < segments.length - 1 && segments[to + 1]!.start <= latest && segments[to + 1]!.start >= segments[lastSegment]!.start) to++;
  }
  return segments
    .slice(from, to + 1)
    .map((segment) => segment.text)
    .join(" ");
}

type Source = {
  numbers: NumberMention[];
  /** Every word's variants (see wordVariants). */
  words: Set<string>;
  /** Words written in capitals ("US", "IT"), for acronyms that are also common words. */
  upper: Set<string>;
  /** Runs of up to four words, run together ("gpt 4" → "gpt4"): where "GPT-4" or "H20" was said. */
  compacts: () => Set<string>;
  /** Initials of runs of words ("large language models" → "llm"), with and without small words. */
  initials: () => Set<string>;
};

const SMALL_WORDS = new Set(["of", "and", "the", "for", "a", "an", "in", "on", "to"]);

function plainWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/['’ʼ]s\b/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function indexSource(said: string): Source {
  // "U.S." is the word "US", not "u" and "s".
  const text = said.replace(/(?<![\p{L}\p{N}])(?:\p{Lu}\.){2,}/gu, (dotted) => dotted.replace(/\./g, ""));
  const words = plainWords(text);
  const variants = new Set<string>();
  for (const word of words) for (const variant of wordVariants(word)) variants.add(variant);
  const upper = new Set(text.match(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu)?.map((word) => word.toLowerCase()) ?? []);
  // Built only for a name with digits or an acronym, which most insights do not have.
  return { numbers: numbersIn(text), words: variants, upper, compacts: once(() => compactsOf(words)), initials: once(() => initialsOf(words)) };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

function compactsOf(words: string[]): Set<string> {
  const compacts = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let length = 1, compact = ""; length <= 4 && start + length <= words.length; length++) {
      compact += words[start + length - 1];
      compacts.add(compact);
    }
  }
  return compacts;
}

function initialsOf(words: string[]): Set<string> {
  const initials = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    let all = "";
    let content = "";
    for (let length = 1; length <= 6 && start + length <= words.length; length++) {
      const word = words[start + length - 1]!;
      all += word[0];
      if (!SMALL_WORDS.has(word)) content += word[0];
      if (length >= 2) {
        initials.add(all);
        if (!SMALL_WORDS.has(words[start]!)) initials.add(content);
      }
    }
  }
  return initials;
}

// Demonyms and plurals: "Chinese"/"China", "Americans"/"America", "Japanese"/"Japan", "GPUs"/"GPU".
const SUFFIXES = ["ese", "ians", "ian", "ans", "an", "n", "ish", "i", "es", "s"];

/** Forms of a lower-case word that another form of the same name shares. */
function wordVariants(word: string): string[] {
  const variants = [word];
  if (word.length < 4) return variants;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) variants.push(word.slice(0, -suffix.length));
  }
  if (/[aeyo]$/.test(word) && word.length >= 5) variants.push(word.slice(0, -1));
  return variants;
}

// Names for one place that share no word form.
const ALIASES = [
  ["us", "usa", "america", "american", "americans"],
  ["uk", "britain", "british"],
  ["eu", "europe", "european"],
];

type Claims = { numbers: NumberMention[]; names: string[] };

/** The numbers and names a headline or body states, leaving out small numbers written as words. */
function claimsOf(text: string, { headline }: { headline: boolean }): Claims {
  return {
    numbers: numbersIn(text).filter((number) => !number.smallWord),
    names: namesIn(text, { titleCase: headline && isTitleCase(text) }),
  };
}

function hasNumber(source: Source, number: NumberMention): boolean {
  return source.numbers.some(
    (said) => Math.abs(said.value - number.value) <= 1e-9 * Math.max(1, Math.abs(number.value)) && (!number.percent || said.percent),
  );
}

const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}&]*\p{Lu}s?$/u;

/**
 * The names a text states, one word each ("Jensen Huang" → "Jensen", "Huang", so that "Huang, Jensen"
 * or "Jensen … Huang" in the transcript still count): proper names, acronyms and names with digits.
 */
export function namesIn(text: string, { titleCase = false }: { titleCase?: boolean } = {}): string[] {
  const names = new Set<string>(productNamesIn(text));
  const analyzed = analyzeEnglish(text);
  if (!titleCase) {
    for (const run of properNames(analyzed)) {
      for (const word of run.split(/\s+/)) {
        if (/\p{N}/u.test(word)) continue;
        // One letter is an initial, or a piece of a name with digits the tokenizer split ("H" of "H20s").
        for (const part of word.split("-")) if (/^\p{Lu}\p{L}/u.test(part)) names.add(part);
      }
    }
    // A sentence's first word is left out by properNames unless it is written like a name, since
    // sentence case capitalizes every first word. It is a name there too when possessive ("Nvidia's
    // chips") or rare in speech ("Anthropic argues"), where the tagger's PROPN is not just the capital.
    for (const sentence of analyzed.sentences) {
      const [first, second] = sentence.tokens;
      if (first?.pos !== "PROPN" || !/^\p{Lu}\p{L}/u.test(first.text)) continue;
      if ((second && /^['’]s$/.test(second.text)) || spokenRank(first.text) >= RARE_IN_SPEECH) names.add(first.text);
    }
  }
  for (const token of analyzed.tokens) {
    if (ACRONYM.test(token.text) && !/\p{N}/u.test(token.text)) names.add(token.text);
  }
  return [...names];
}

/** A headline in Title Case capitalizes common words; reading them as names would drop it for style. */
function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).slice(1).filter((word) => /^\p{L}{4,}/u.test(word));
  if (words.length < 3) return false;
  const capitalized = words.filter((word) => /^\p{Lu}\p{Ll}/u.test(word)).length;
  return capitalized / words.length >= 0.6;
}

// Acronyms that are also words ("us", "it"): only found written in capitals, or spelled out.
const WORDLIKE_ACRONYMS = new Set(["us", "it", "am", "is", "or", "as", "at", "in", "on", "no", "so", "we", "me", "he", "an", "do", "go", "up", "ok", "hi", "id", "all", "any", "can", "who", "may", "art"]);

// Two-letter acronyms, spelled out as speech says them.
const SPELLED_OUT: Record<string, string[]> = {
  ai: ["artificial intelligence"],
  ml: ["machine learning"],
  us: ["united states"],
  uk: ["united kingdom"],
  eu: ["european union"],
  vc: ["venture capital", "venture capitalist"],
  ev: ["electric vehicle"],
  ui: ["user interface"],
};

function hasWord(source: Source, word: string): boolean {
  return WORDLIKE_ACRONYMS.has(word) ? source.upper.has(word) : source.words.has(word);
}

function hasName(source: Source, name: string): boolean {
  if (/\p{N}/u.test(name)) {
    const compact = plainWords(name).join("");
    return source.compacts().has(compact) || (compact.endsWith("s") && source.compacts().has(compact.slice(0, -1)));
  }
  const [word] = plainWords(name.replace(/\./g, ""));
  if (!word) return true;
  if (wordVariants(word).some((variant) => hasWord(source, variant))) return true;
  const alias = ALIASES.find((group) => group.includes(word));
  if (alias?.some((other) => hasWord(source, other))) return true;
  if (ACRONYM.test(name)) {
    const letters = word.replace(/s$/, "");
    const spelled = SPELLED_OUT[letters];
    if (spelled) return spelled.some((words) => source.compacts().has(words.replace(/ /g, "")) || source.compacts().has(`${words.replace(/ /g, "")}s`));
    // Two letters are the initials of some pair of words in any passage; three rarely are by chance.
    if (letters.length >= 3 && source.initials().has(letters)) return true;
  }
  return false;
}
