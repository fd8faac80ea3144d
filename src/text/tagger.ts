import winkNLP, { type ItsHelpers, type Tokens } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A word of a sentence as wink-nlp tags it: its text, lemma, universal part of speech and offsets in the sentence. */
export interface TaggedToken {
  text: string;
  /** Lower-case text. */
  lower: string;
  lemma: string;
  /** Universal POS tag: `PROPN`, `NOUN`, `VERB`, `AUX`, `ADP`, `PUNCT`, … */
  pos: string;
  start: number;
  end: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

/** wink-nlp with its part-of-speech tagger (the model loads once, on first use). */
function posTagger(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ['pos']);
  return nlp;
}

/**
 * The words of one sentence with their parts of speech and lemmas, from wink-nlp's
 * tagger (wink-eng-lite-web-model). Offsets are found in the text, so a token the
 * tokenizer rewrites keeps the place of its original characters.
 */
export function tagTokens(sentence: string): TaggedToken[] {
  const tagger = posTagger();
  return taggedTokensOf(sentence, tagger.readDoc(sentence).tokens(), tagger.its);
}

/**
 * wink-nlp's tokens of `sentence` (read with its tagger) as tagged tokens, located in
 * `sentence`. With `lemmas: 'when read'`, a token's lemma is found when first read (only a
 * few are: verbs near a date, words of a role phrase), as long as wink-nlp's reading lives.
 */
export function taggedTokensOf(sentence: string, tokens: Tokens, its: ItsHelpers, lemmas: 'all' | 'when read' = 'all'): TaggedToken[] {
  const texts = tokens.out() as string[];
  const tags = tokens.out(its.pos) as string[];
  const allLemmas = lemmas === 'all' ? (tokens.out(its.lemma as never) as string[]) : undefined;
  const tagged: TaggedToken[] = [];
  let cursor = 0;
  texts.forEach((text, index) => {
    const found = sentence.indexOf(text, cursor);
    const start = found < 0 ? cursor : found;
    const end = found < 0 ? cursor : found + text.length;
    cursor = end;
    const lower = text.toLowerCase();
    const pos = tags[index] ?? 'X';
    tagged.push(allLemmas ? { text, lower, lemma: allLemmas[index] ?? lower, pos, start, end } : new LemmaWhenRead(text, lower, pos, start, end, tokens, index, its));
  });
  return tagged;
}

/** A tagged token whose lemma wink-nlp finds when it is first read. */
class LemmaWhenRead implements TaggedToken {
  readonly #tokens: Tokens;
  readonly #index: number;
  readonly #its: ItsHelpers;
  #lemma: string | undefined;

  constructor(
    readonly text: string,
    readonly lower: string,
    readonly pos: string,
    readonly start: number,
    readonly end: number,
    tokens: Tokens,
    index: number,
    its: ItsHelpers,
  ) {
    this.#tokens = tokens;
    this.#index = index;
    this.#its = its;
  }

  get lemma(): string {
    this.#lemma ??= (this.#tokens.itemAt(this.#index).out(this.#its.lemma as never) as string | undefined) ?? this.lower;
    return this.#lemma;
  }
}
