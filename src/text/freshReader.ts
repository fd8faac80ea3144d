/**
 * wink-nlp for index-time analysis, reading each text as if it were the first it ever read.
 *
 * wink-nlp adds every word it does not know to its lexicon, with what it made of the word
 * there, and reads it from the lexicon from then on (its tokenizer also keeps a known word
 * whole): "75" of "X.25/X.75" is a proper noun when read first, a number once "75% of
 * voters" was read. So the tags of a paragraph would depend on what its thread read before,
 * and an index would differ with the number of threads that analysed it, or between a
 * build and an update. Here the words a text taught wink-nlp are forgotten once it is read
 * (its lexicon keeps them, for the ids already handed out, but no longer looks them up), and
 * the reader is made afresh once the forgotten words pile up, so memory stays bounded.
 */
import winkNLP, { type Document, type ItsHelpers, type Model, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** wink-nlp's table of lexemes: text → id, and the texts by id. */
interface Lexemes {
  hash: Record<string, number>;
  list: string[];
}

/** Forgotten words after which the reader is made afresh (its lexicon only grows). */
const MAX_FORGOTTEN = 200_000;

let reader: { nlp: WinkMethods; lexemes: Lexemes; known: number } | undefined;
/**
 * The model's custom-entity part, loaded once: wink-eng-lite-web-model's `metaCER()` turns
 * its machines into JSON at each call, over the string of the call before, so the string
 * would double with every reader made (and overflow after some twenty).
 */
let customEntityModel: unknown;

/** A wink-nlp reader with sentence boundaries and part-of-speech tags, and a hold on its lexicon (the model loads on first use). */
function freshReader(): NonNullable<typeof reader> {
  if (reader && reader.lexemes.list.length - reader.known < MAX_FORGOTTEN) return reader;
  let lexemes: Lexemes | undefined;
  const loadCore = model.core as unknown as () => { features: { lexeme: Lexemes } };
  const core = () => {
    const loaded = loadCore();
    lexemes = loaded.features.lexeme;
    return loaded;
  };
  const loadMetaCER = model.metaCER as unknown as () => unknown;
  const metaCER = () => (customEntityModel ??= loadMetaCER());
  const nlp = winkNLP({ ...model, core, metaCER } as unknown as Model, ['sbd', 'pos']);
  if (lexemes === undefined) throw new Error('wink-nlp did not load its lexicon.');
  reader = { nlp, lexemes, known: lexemes.list.length };
  return reader;
}

/**
 * Reads `text` with wink-nlp (sentence boundaries and part-of-speech tags) and returns what
 * `use` makes of the document; then forgets the words the text added to wink-nlp's lexicon,
 * so that the result depends on `text` alone, never on what was read before.
 */
export function readFresh<T>(text: string, use: (doc: Document, its: ItsHelpers) => T): T {
  const { nlp, lexemes } = freshReader();
  const before = lexemes.list.length;
  try {
    return use(nlp.readDoc(text), nlp.its);
  } finally {
    for (let id = before; id < lexemes.list.length; id++) delete lexemes.hash[lexemes.list[id] ?? ''];
  }
}
