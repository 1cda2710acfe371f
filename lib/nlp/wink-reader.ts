/**
 * A wink-nlp instance that reads every text as if it were the first it ever read.
 *
 * wink keeps the words its model does not know in the model's lexeme table, and its tokenizer looks
 * words up in that table before splitting them: read fresh, "super-interesting..." is cut
 * "super-interesting" "." ".." (and both words learned); read again, the learned word is found and
 * "..." is cut off whole, and the parts of speech around it shift. So without this the insights of an episode would depend on which episodes (and
 * which sentences) the process had read before. After each read the words that read taught wink are
 * unlearned, so the table is the model's own again for the next text.
 *
 * wink also keeps each learned word's features in a list of its own that it never lets go of; those
 * entries are never looked up once their word is unlearned, and the instance is built anew when too
 * many have piled up.
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
