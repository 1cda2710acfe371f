/**
 * English text read by wink-nlp (wink-eng-lite-web-model, shipped in its npm package, so nothing is
 * downloaded): sentences, part of speech, lemmas, negation and numeric entities, with character
 * offsets so callers cut the original words out verbatim. One instance serves the process, as loading
 * the model is costly. The lite model names no people or organisations: `properNames` reads runs of
 * proper nouns as the names a transcript mentions.
 */
import { winkReader, type WinkReader } from "@/lib/nlp/wink-reader";

/** Universal Dependencies part-of-speech tags, as the model assigns them. */
export type Pos =
  | "ADJ" | "ADP" | "ADV" | "AUX" | "CCONJ" | "DET" | "INTJ" | "NOUN" | "NUM" | "PART" | "PRON"
  | "PROPN" | "PUNCT" | "SCONJ" | "SYM" | "VERB" | "X" | "SPACE";

/** A token as grammar reads it: enough to find clauses, subjects, verbs and negations. */
export type NlpWord = {
  /** As written in the text. */
  text: string;
  /** Offsets into the analysed text: text.slice(start, end) === token.text. */
  start: number;
  end: number;
  pos: Pos;
  /** Inside the scope of a negation ("don't think [there's a scenario…]"). */
  negated: boolean;
};

/** A word with its dictionary form too, for callers that compare words across texts (topics, labels). */
export type NlpToken = NlpWord & {
  lemma: string;
  stopword: boolean;
  /** word, number, punctuation, symbol, currency, emoji, url, email, … */
  kind: string;
};

export type NlpEntity = {
  text: string;
  /** DATE, TIME, DURATION, CARDINAL, ORDINAL, MONEY, PERCENT, … */
  type: string;
  start: number;
  end: number;
};

export type NlpSentence<Token extends NlpWord = NlpToken> = { start: number; end: number; tokens: Token[] };

export type AnalyzedText<Token extends NlpWord = NlpToken> = { text: string; sentences: NlpSentence<Token>[]; tokens: Token[]; entities: NlpEntity[] };

const instances: { withEntities?: WinkReader; withoutEntities?: WinkReader; entitiesOnly?: WinkReader } = {};

function nlp(entities: boolean): WinkReader {
  // Sentiment, wink's default, is never read here, so it is left out; entity recognition is a large
  // share of a read, so a reader that needs no entities can go without.
  if (entities) return (instances.withEntities ??= winkReader(["sbd", "negation", "pos", "ner"]));
  return (instances.withoutEntities ??= winkReader(["sbd", "negation", "pos"]));
}

type ReadOptions = { entities?: boolean };

/** A word with its dictionary form when the reader asked for it (`readEnglish`'s `lemmas`). */
export type LemmaWord = NlpWord & { lemma?: string };

/**
 * Reads English text into sentences and tokens with offsets; whitespace tokens are left out.
 * `entities: false` skips numeric entities (the list is then empty), which makes the read much cheaper.
 */
export function analyzeEnglish(text: string, options: ReadOptions = {}): AnalyzedText {
  return read(text, options, true);
}

/**
 * `analyzeEnglish` without each token's lemma, stopword flag and kind: what the offline extractor
 * reads every sentence of every episode with. Lemmas are worked out token by token on request, so
 * a reader that never compares word forms should not ask for them; tags, offsets and sentences are
 * the same as analyzeEnglish's.
 */
export function readEnglish(text: string, options?: ReadOptions): AnalyzedText<NlpWord>;
/**
 * `lemmas`: which words need their dictionary form (`lemma`, as analyzeEnglish gives it); only those
 * are lemmatized, as lemmatizing is as costly as the rest of the read.
 */
export function readEnglish(text: string, options: ReadOptions & { lemmas: (word: NlpWord) => boolean }): AnalyzedText<LemmaWord>;
export function readEnglish(text: string, options: ReadOptions & { lemmas?: (word: NlpWord) => boolean } = {}): AnalyzedText<LemmaWord> {
  return read(text, options, false, options.lemmas);
}

function read(text: string, options: ReadOptions, details: true): AnalyzedText;
function read(text: string, options: ReadOptions, details: false, lemmasOf?: (word: NlpWord) => boolean): AnalyzedText<LemmaWord>;
function read(text: string, { entities: withEntities = true }: ReadOptions, details: boolean, lemmasOf?: (word: NlpWord) => boolean): AnalyzedText<LemmaWord> {
  const key = text.length <= MAX_REMEMBERED_LENGTH ? `${withEntities ? "e" : "-"}${details ? "d" : "-"}${text}` : undefined;
  const remembered = key === undefined ? undefined : recentReads.get(key);
  if (remembered) {
    const built = build(text, remembered, details, lemmasOf, () => remembered.lemmas);
    if (built) {
      // Most recently used last, so the oldest is the one let go.
      recentReads.delete(key!);
      recentReads.set(key!, remembered);
      return built;
    }
  }
  const reader = nlp(withEntities);
  const its = reader.its;
  return reader.read(text, (doc) => {
    const tokens = doc.tokens();
    // its.lemma's declared type wants the model's add-ons argument, which out() supplies itself.
    const lemmasOut = () => (tokens.out as (helper: unknown) => string[])(its.lemma);
    const columns: Columns = {
      values: tokens.out() as string[],
      spaces: tokens.out(its.precedingSpaces) as string[],
      pos: tokens.out(its.pos) as Pos[],
      negations: tokens.out(its.negationFlag) as unknown as boolean[],
      sentences: doc.sentences().out(its.span) as unknown as [number, number][],
      entities: withEntities ? (doc.entities().out(its.span) as unknown as [number, number][]) : [],
      entityDetails: withEntities ? (doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) : [],
      lemmas: details ? lemmasOut() : undefined,
      stopwords: details ? (tokens.out(its.stopWordFlag) as unknown as boolean[]) : [],
      kinds: details ? (tokens.out(its.type) as string[]) : [],
    };
    const built = build(text, columns, details, lemmasOf, () => (columns.lemmas ??= lemmasOut()))!;
    if (key !== undefined) remember(key, columns);
    return built;
  });
}

/** What wink read in a text, column by column: all a read returns, and all a repeated read needs. */
type Columns = {
  values: string[];
  spaces: string[];
  pos: Pos[];
  negations: boolean[];
  /** Token index spans, first and last inclusive. */
  sentences: [number, number][];
  entities: [number, number][];
  entityDetails: { value: string; type: string }[];
  /** Read only when a word needed one (or every word, for analyzeEnglish). */
  lemmas: string[] | undefined;
  stopwords: boolean[];
  kinds: string[];
};

// Cleaning and headlines read the same short stretches again and again (a sentence cleaning looked
// at is the key sentence a headline is drafted from); wink reads a text alike every time
// (wink-reader.ts), so a repeat is answered from what was read. Long texts (whole turns) are read once.
const MAX_REMEMBERED_LENGTH = 4000;
const MAX_REMEMBERED = 2000;
// The oldest are let go this many at a time: a Map finds its oldest entry by stepping over the ones
// deleted before it, so letting go of one per read walked over all those let go since its last rehash.
const FORGOTTEN_AT_ONCE = 100;
const recentReads = new Map<string, Columns>();

function remember(key: string, columns: Columns): void {
  recentReads.delete(key);
  recentReads.set(key, columns);
  if (recentReads.size <= MAX_REMEMBERED + FORGOTTEN_AT_ONCE) return;
  let excess = recentReads.size - MAX_REMEMBERED;
  for (const oldest of recentReads.keys()) {
    if (excess-- === 0) break;
    recentReads.delete(oldest);
  }
}

/**
 * The tokens, sentences and entities of `text` from wink's columns: new objects on every call, as
 * callers own what they are given. Null when a word needs a lemma that `lemmaColumn` cannot give.
 */
function build(
  text: string,
  { values, spaces, pos, negations, sentences: sentenceSpans, entities: entitySpans, entityDetails, stopwords, kinds }: Columns,
  details: boolean,
  lemmasOf: ((word: NlpWord) => boolean) | undefined,
  lemmaColumn: () => string[] | undefined,
): AnalyzedText<LemmaWord> | null {
  const lemmas = details ? lemmaColumn()! : [];
  // wink-nlp is lossless: preceding spaces and values, in order, rebuild the text exactly.
  const all: (NlpWord | null)[] = new Array(values.length);
  let offset = 0;
  for (let index = 0; index < values.length; index++) {
    offset += spaces[index]!.length;
    const value = values[index]!;
    const start = offset;
    offset += value.length;
    // trim() drops exactly what \s matches: a token of whitespace only.
    if (pos[index] === "SPACE" || value.trim() === "") {
      all[index] = null;
      continue;
    }
    const tag = pos[index]!;
    const negated = Boolean(negations[index]);
    const token: NlpWord | NlpToken = details
      ? { text: value, start, end: offset, pos: tag, negated, lemma: lemmas[index] ?? value.toLowerCase(), stopword: Boolean(stopwords[index]), kind: kinds[index] ?? "word" }
      : { text: value, start, end: offset, pos: tag, negated };
    // Lemmas come as a column (wink's item API builds an object per call): read once, and only when a word needs one.
    if (lemmasOf?.(token)) {
      const column = lemmaColumn();
      if (!column) return null;
      (token as LemmaWord).lemma = column[index] ?? value.toLowerCase();
    }
    all[index] = token;
  }

  const sentences: NlpSentence<NlpWord>[] = [];
  for (const [first, last] of sentenceSpans) {
    const inside = present(all, first, last);
    if (inside.length === 0) continue;
    sentences.push({ start: inside[0]!.start, end: inside.at(-1)!.end, tokens: inside });
  }

  const entities: NlpEntity[] = [];
  entitySpans.forEach(([first, last], index) => {
    const inside = present(all, first, last);
    if (inside.length === 0) return;
    const start = inside[0]!.start;
    const end = inside.at(-1)!.end;
    entities.push({ text: text.slice(start, end), type: entityDetails[index]?.type ?? "ENTITY", start, end });
  });

  return { text, sentences, tokens: present(all, 0, all.length - 1), entities };
}

/**
 * The numeric entities of a text, as `analyzeEnglish(text).entities` gives them, without reading its
 * sentences and grammar: wink recognises entities from the words alone, and a reader that only
 * counts numbers need not pay for the rest.
 */
export function englishEntities(text: string): NlpEntity[] {
  const reader = (instances.entitiesOnly ??= winkReader(["ner"]));
  const its = reader.its;
  return reader.read(text, (doc) => {
    const spans = doc.entities().out(its.span) as unknown as [number, number][];
    if (spans.length === 0) return [];
    const details = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
    const tokens = doc.tokens();
    const values = tokens.out() as string[];
    const spaces = tokens.out(its.precedingSpaces) as string[];
    // Offsets as read() finds them; whitespace tokens (line breaks, which the tagger calls SPACE) are left out.
    const all: ({ start: number; end: number } | null)[] = new Array(values.length);
    let offset = 0;
    for (let index = 0; index < values.length; index++) {
      offset += spaces[index]!.length;
      const start = offset;
      offset += values[index]!.length;
      all[index] = values[index]!.trim() === "" ? null : { start, end: offset };
    }
    const entities: NlpEntity[] = [];
    spans.forEach(([first, last], index) => {
      let from = first;
      let to = Math.min(last, all.length - 1);
      while (from <= to && !all[from]) from++;
      while (to >= from && !all[to]) to--;
      if (from > to) return;
      const start = all[from]!.start;
      const end = all[to]!.end;
      entities.push({ text: text.slice(start, end), type: details[index]?.type ?? "ENTITY", start, end });
    });
    return entities;
  });
}

/** The tokens first..last (inclusive) that are not whitespace. */
function present(all: (NlpWord | null)[], first: number, last: number): NlpWord[] {
  const tokens: NlpWord[] = [];
  for (let index = first; index <= last && index < all.length; index++) {
    const token = all[index];
    if (token) tokens.push(token);
  }
  return tokens;
}

/**
 * Names a text mentions: runs of proper nouns ("Jensen Huang", "OpenAI", "U.S."), as written.
 * A sentence's first word counts only when the model tags it a proper noun and it is capitalized
 * mid-word or is an acronym, since sentence case capitalizes every first word.
 */
export function properNames(analyzed: AnalyzedText<NlpWord>): string[] {
  return analyzed.sentences.flatMap((sentence) => namesIn(analyzed.text, sentence.tokens));
}

const isNameToken = (token: NlpWord | undefined) =>
  token !== undefined && token.pos === "PROPN" && /^\p{Lu}/u.test(token.text) && !/^I(?:'|’|$)/.test(token.text);

/** The names in one sentence's tokens (offsets into `text`), by the rule of `properNames`. */
export function namesIn(text: string, tokens: readonly NlpWord[]): string[] {
  const names: string[] = [];
  let run: NlpWord[] = [];
  const flush = () => {
    if (run.length) names.push(text.slice(run[0]!.start, run.at(-1)!.end));
    run = [];
  };
  tokens.forEach((token, index) => {
    // First words: a name only when the name runs on ("Jensen Huang") or is written like one ("OpenAI", "NASA").
    const name = isNameToken(token) && (index > 0 || isNameToken(tokens[1]) || /\p{Lu}.*\p{Lu}|\p{Ll}\p{Lu}/u.test(token.text));
    if (name) run.push(token);
    else flush();
  });
  flush();
  return names;
}
