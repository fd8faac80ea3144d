/**
 * wink-nlp for index-time analysis, reading each text as if it were the first it ever read.
 *
 * wink-nlp adds every word it does not know to its lexicon, with what it made of the word
 * there, and reads it from the lexicon from then on (its tokenizer also keeps a known word
 * whole): "75" of "X.25/X.75" is a proper noun when read first, a number once "75% of
 * voters" was read. So the tags of a paragraph would depend on what its thread read before,
 * and an index would differ with the number of threads that analysed it, or between a
 * build and an update. Here the words a text taught wink-nlp are forgotten once it is read
 * (its lexicon keeps them, for the ids already handed out, but no longer looks them up), but
 * for the words that any later text would learn exactly the same way (`keepsLearned`), and
 * the reader is made afresh once its lexicon has grown enough, so memory stays bounded.
 */
import winkNLP, { type Document, type ItsHelpers, type Model, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** wink-nlp's table of lexemes: text → id, and the texts by id. */
interface Lexemes {
  hash: Record<string, number>;
  list: string[];
}

/** A lexeme's features as wink-nlp's model computes them when it learns a word: `(word, token category, cache)`. */
type FeatureMethods = Record<string, (word: string, category: number, cache: unknown) => unknown>;

/** Lexemes learned after the model's (kept or forgotten) after which the reader is made afresh (its lexicon only grows). */
const MAX_LEARNED = 200_000;
/** wink-nlp's token category `word` (wink-eng-lite-web-model's `token-categories.js`). */
const WORD_CATEGORY = 1;
/**
 * Words of ASCII letters. wink-nlp's tokenizer reads such a string the same way in every
 * path (a raw token, the part before a trailing or after a leading punctuation, a piece of
 * its recursive tokenizer): one token of category `word` whose features depend on the string
 * alone, and it never splits it (no hyphen, no full stop). Found in the lexicon instead, it
 * gives that same token, so keeping it learned changes no later text's tokens or tags.
 */
const ASCII_WORD = /^[A-Za-z]+$/;
/**
 * The exceptions: wink-nlp's recursive tokenizer reads "USD", "AUD", "INR" and "GBP" as
 * currencies (and learns their lower-case forms so), whatever was read before.
 */
const CURRENCY_WORDS = new Set(['usd', 'aud', 'inr', 'gbp']);
/** The Kelvin sign, the one non-ASCII character whose lower case is an ASCII letter: a word with it teaches wink-nlp its ASCII lower case, with the category of the word. */
const KELVIN_SIGN = '\u212A';

interface Reader {
  nlp: WinkMethods;
  lexemes: Lexemes;
  /** Lexemes of the model itself. */
  known: number;
  /** Ids of the learned words kept (`keepsLearned`) since the reader was made. */
  kept: number[];
}

let reader: Reader | undefined;
/**
 * The model's custom-entity part, loaded once: wink-eng-lite-web-model's `metaCER()` turns
 * its machines into JSON at each call, over the string of the call before, so the string
 * would double with every reader made (and overflow after some twenty).
 */
let customEntityModel: unknown;
/** Words wink-nlp learned, during the text being read, with a category other than `word`. */
const learnedAsOther = new Set<string>();

/**
 * The model's feature extraction, noting each word learned with a category other than
 * `word` (wink-nlp extracts a word's features once, when it learns it, with its category).
 */
function featuresNotingCategories(...args: unknown[]): FeatureMethods {
  const methods = (model.featureFn as unknown as (...args: unknown[]) => FeatureMethods)(...args);
  const { prefix } = methods;
  if (prefix === undefined) throw new Error('wink-nlp model: no prefix feature.');
  methods.prefix = (word, category, cache) => {
    if (category !== WORD_CATEGORY) learnedAsOther.add(word);
    return prefix(word, category, cache);
  };
  return methods;
}

/** A wink-nlp reader with sentence boundaries and part-of-speech tags, and a hold on its lexicon (the model loads on first use). */
function freshReader(): Reader {
  if (reader && reader.lexemes.list.length - reader.known < MAX_LEARNED) return reader;
  let lexemes: Lexemes | undefined;
  const loadCore = model.core as unknown as () => { features: { lexeme: Lexemes } };
  const core = () => {
    const loaded = loadCore();
    lexemes = loaded.features.lexeme;
    return loaded;
  };
  const loadMetaCER = model.metaCER as unknown as () => unknown;
  const metaCER = () => (customEntityModel ??= loadMetaCER());
  const nlp = winkNLP({ ...model, core, metaCER, featureFn: featuresNotingCategories } as unknown as Model, ['sbd', 'pos']);
  if (lexemes === undefined) throw new Error('wink-nlp did not load its lexicon.');
  reader = { nlp, lexemes, known: lexemes.list.length, kept: [] };
  return reader;
}

/** Whether a word wink-nlp learned while reading a text is kept learned: any text would learn it the same way (see `ASCII_WORD`). */
function keepsLearned(word: string): boolean {
  return ASCII_WORD.test(word) && !learnedAsOther.has(word) && !CURRENCY_WORDS.has(word.toLowerCase());
}

/** Forgets every learned word kept so far (a text with a Kelvin sign could teach one of them otherwise). */
function forgetKept({ lexemes, kept }: Reader): void {
  for (const id of kept) delete lexemes.hash[lexemes.list[id] ?? ''];
  kept.length = 0;
}

/**
 * Reads `text` with wink-nlp (sentence boundaries and part-of-speech tags) and returns what
 * `use` makes of the document; then forgets the words the text added to wink-nlp's lexicon
 * but those any text would learn the same way, so that the result depends on `text` alone,
 * never on what was read before.
 */
export function readFresh<T>(text: string, use: (doc: Document, its: ItsHelpers) => T): T {
  const current = freshReader();
  const { nlp, lexemes, kept } = current;
  if (text.includes(KELVIN_SIGN)) forgetKept(current);
  const before = lexemes.list.length;
  try {
    return use(nlp.readDoc(text), nlp.its);
  } finally {
    for (let id = before; id < lexemes.list.length; id++) {
      const word = lexemes.list[id] ?? '';
      if (keepsLearned(word)) kept.push(id);
      else delete lexemes.hash[word];
    }
    learnedAsOther.clear();
  }
}
