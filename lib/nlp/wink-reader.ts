/**
 * A wink-nlp instance that reads every text as if it were the first it ever read. wink learns unknown
 * words into its lexeme table and tokenizes by that table, so "super-interesting..." splits one way
 * fresh and another once learned, shifting the tags around it: an episode's insights would depend on
 * what the process read before. Each read's words are unlearned after it; their feature entries,
 * which wink never frees, pile up until the instance is rebuilt.
 */
import winkNLP, { type Document, type Model, type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

type Pipe = Parameters<typeof winkNLP>[1];

/** wink's lexeme table: `hash` maps a word to its place in `list`; the first `intrinsicSize` are the model's. */
type Lexemes = { hash: Record<string, number>; list: string[]; intrinsicSize: number };

type Loaded = { nlp: WinkMethods; lexemes: Lexemes };

// Words learned (and unlearned) before the instance is rebuilt: a long episode teaches a few thousand.
const REBUILD_AFTER = 200_000;

export type WinkReader = {
  its: WinkMethods["its"];
  /** Reads `text` and hands the document to `take`, which must take all it needs before returning. */
  read<T>(text: string, take: (doc: Document) => T): T;
};

export function winkReader(pipe: Pipe): WinkReader {
  let loaded = load(pipe);
  return {
    its: loaded.nlp.its,
    read(text, take) {
      const { nlp, lexemes } = loaded;
      const known = lexemes.list.length;
      try {
        return take(nlp.readDoc(text));
      } finally {
        unlearn(lexemes, known);
        if (lexemes.list.length - lexemes.intrinsicSize > REBUILD_AFTER) loaded = load(pipe);
      }
    },
  };
}

function load(pipe: Pipe): Loaded {
  // wink builds its lexeme table from model.core() and keeps it private; the table is caught on its way in.
  let core: { features: { lexeme: Lexemes } } | undefined;
  const catching: Model = { ...model, core: () => (core = (model.core as () => typeof core)()) };
  const nlp = winkNLP(catching, pipe);
  if (!core) throw new Error("wink-nlp did not load its core model through model.core()");
  return { nlp, lexemes: core.features.lexeme };
}

/** Forgets the words learned since the table held `known` entries; their slots stay, emptied, since wink's feature list is indexed alike. */
function unlearn({ hash, list }: Lexemes, known: number): void {
  for (let index = known; index < list.length; index++) {
    delete hash[list[index]!];
    list[index] = "";
  }
}
