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

/** wink-nlp's tokens of `sentence` (read with its tagger) as tagged tokens, located in `sentence`. */
export function taggedTokensOf(sentence: string, tokens: Tokens, its: ItsHelpers): TaggedToken[] {
  const texts = tokens.out() as string[];
  const tags = tokens.out(its.pos) as string[];
  const lemmas = tokens.out(its.lemma as never) as string[];
  const tagged: TaggedToken[] = [];
  let cursor = 0;
  texts.forEach((text, index) => {
    const found = sentence.indexOf(text, cursor);
    const start = found < 0 ? cursor : found;
    const end = found < 0 ? cursor : found + text.length;
    cursor = end;
    tagged.push({ text, lower: text.toLowerCase(), lemma: lemmas[index] ?? text.toLowerCase(), pos: tags[index] ?? 'X', start, end });
  });
  return tagged;
}
