/**
 * English text read by wink-nlp (wink-eng-lite-web-model): sentence boundaries, part of speech,
 * lemmas, negation and numeric entities, with every token's character offsets in the text given,
 * so callers can cut the original words out verbatim. The model ships inside its npm package, so
 * nothing is downloaded at run time. One instance serves the process: loading the model costs
 * about 100 ms and 20 MB, reading a document about 2 µs a token.
 *
 * The lite model names no people or organisations; `properNames` treats runs of proper nouns as
 * the names a transcript mentions.
 */
import winkNLP, { type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/** Universal Dependencies part-of-speech tags, as the model assigns them. */
export type Pos =
  | "ADJ" | "ADP" | "ADV" | "AUX" | "CCONJ" | "DET" | "INTJ" | "NOUN" | "NUM" | "PART" | "PRON"
  | "PROPN" | "PUNCT" | "SCONJ" | "SYM" | "VERB" | "X" | "SPACE";

export type NlpToken = {
  /** As written in the text. */
  text: string;
  /** Offsets into the analysed text: text.slice(start, end) === token.text. */
  start: number;
  end: number;
  pos: Pos;
  lemma: string;
  /** Inside the scope of a negation ("don't think [there's a scenario…]"). */
  negated: boolean;
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

export type NlpSentence = { start: number; end: number; tokens: NlpToken[] };

export type AnalyzedText = { text: string; sentences: NlpSentence[]; tokens: NlpToken[]; entities: NlpEntity[] };

const instances: { withEntities?: WinkMethods; withoutEntities?: WinkMethods } = {};

function nlp(entities: boolean): WinkMethods {
  // Sentiment, wink's default, is never read here and costs a fifth of reading a document; entity
  // recognition costs almost half, so a reader that needs no entities can go without.
  if (entities) return (instances.withEntities ??= winkNLP(model, ["sbd", "negation", "pos", "ner"]));
  return (instances.withoutEntities ??= winkNLP(model, ["sbd", "negation", "pos"]));
}

/**
 * Reads English text into sentences and tokens with offsets; whitespace tokens are left out.
 * `entities: false` skips numeric entities (the list is then empty) at half the cost.
 */
export function analyzeEnglish(text: string, { entities: withEntities = true }: { entities?: boolean } = {}): AnalyzedText {
  const reader = nlp(withEntities);
  const its = reader.its;
  const doc = reader.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as Pos[];
  // its.lemma's declared type wants the model's add-ons argument, which out() supplies itself.
  const lemmas = (tokens.out as (helper: unknown) => string[])(its.lemma);
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const stopwords = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const kinds = tokens.out(its.type) as string[];

  // wink-nlp is lossless: preceding spaces and values, in order, rebuild the text exactly.
  const all: (NlpToken | null)[] = new Array(values.length);
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
    all[index] = {
      text: value,
      start,
      end: offset,
      pos: pos[index]!,
      lemma: lemmas[index] ?? value.toLowerCase(),
      negated: Boolean(negations[index]),
      stopword: Boolean(stopwords[index]),
      kind: kinds[index] ?? "word",
    };
  }

  const sentences: NlpSentence[] = [];
  for (const [first, last] of doc.sentences().out(its.span) as unknown as [number, number][]) {
    const inside = present(all, first, last);
    if (inside.length === 0) continue;
    sentences.push({ start: inside[0]!.start, end: inside.at(-1)!.end, tokens: inside });
  }

  const entities: NlpEntity[] = [];
  const spans = withEntities ? (doc.entities().out(its.span) as unknown as [number, number][]) : [];
  const details = withEntities ? (doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) : [];
  spans.forEach(([first, last], index) => {
    const inside = present(all, first, last);
    if (inside.length === 0) return;
    const start = inside[0]!.start;
    const end = inside.at(-1)!.end;
    entities.push({ text: text.slice(start, end), type: details[index]?.type ?? "ENTITY", start, end });
  });

  return { text, sentences, tokens: present(all, 0, all.length - 1), entities };
}

/** The tokens first..last (inclusive) that are not whitespace. */
function present(all: (NlpToken | null)[], first: number, last: number): NlpToken[] {
  const tokens: NlpToken[] = [];
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
export function properNames(analyzed: AnalyzedText): string[] {
  return analyzed.sentences.flatMap((sentence) => namesIn(analyzed.text, sentence.tokens));
}

const isNameToken = (token: NlpToken | undefined) =>
  token !== undefined && token.pos === "PROPN" && /^\p{Lu}/u.test(token.text) && !/^I(?:'|’|$)/.test(token.text);

/** The names in one sentence's tokens (offsets into `text`), by the rule of `properNames`. */
export function namesIn(text: string, tokens: readonly NlpToken[]): string[] {
  const names: string[] = [];
  let run: NlpToken[] = [];
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
