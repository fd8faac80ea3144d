import winkNLP, { type Document, type ItsHelpers } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { readFresh } from '../../src/text/freshReader.js';

/** What wink-nlp makes of a text: its sentences and each token's text, type, tag and lemma. */
const reading = (doc: Document, its: ItsHelpers) => ({
  sentences: doc.sentences().out(),
  tokens: doc.tokens().out(),
  types: doc.tokens().out(its.type),
  tags: doc.tokens().out(its.pos),
  lemmas: doc.tokens().out(its.lemma as never),
});

/** Texts whose words wink-nlp learns, and reads otherwise once learned, in other contexts: currencies, numbers, hyphens, initials, the Kelvin sign. */
const TEXTS = [
  'Smith and Jones paid 5USD/EUR and usd 20; the Usd fell with vitamin kk. The network used X.25/X.75 gateways.',
  'It was approved by nearly 75% of voters; 75 said Smith, and SMITH agreed (Jones) with JONES-like zeal.',
  'Zorblax, zorblax\'s and \u212A\u212A then kk, as \u212Aelvingrove met kelvingrove and Kelvingrove near the well-known Jones.Smith e-mail.',
  'usd USD GBP gbp Gbp inr INR/aud AUD; Zorblaxes were zorblaxing.',
];

describe('readFresh', () => {
  it('GIVEN texts read one after another, in any order, THEN each reads as a new wink-nlp reading it first', () => {
    // A new reader for each text: what reading it first gives.
    const first = TEXTS.map((text) => {
      const nlp = winkNLP(model, ['sbd', 'pos']);
      return reading(nlp.readDoc(text), nlp.its);
    });
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]]) {
      for (const index of order) expect(readFresh(TEXTS[index] ?? '', reading)).toEqual(first[index]);
    }
  });
});
