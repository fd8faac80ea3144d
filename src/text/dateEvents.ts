/**
 * Which event a date belongs to: the verb it dates ("agreed to resume direct talks on
 * migration, last held in 2003": 2003 dates `held`, not `resume`). Read from wink-nlp's
 * part-of-speech tags at index time.
 */
import { stem } from './tokens.js';
import type { TaggedToken } from './tagger.js';

/** Punctuation that ends a clause. */
const CLAUSE_MARK = /^[,;:—–()"“”]$/;

/**
 * The event (the stem of the verb's lemma) that a date spanning `start`–`end` of the
 * sentence belongs to: the nearest verb before it in its clause, else the nearest after
 * it in its clause; a date in a list without a verb of its own ("held twice in 2010, in
 * January 2011, and in July 2013") takes the event of the date before it (`previous`).
 */
export function dateEvent(tokens: TaggedToken[], start: number, end: number, previous: string | undefined): string | undefined {
  const first = tokens.findIndex((token) => token.end > start);
  if (first < 0) return previous;
  for (let index = first - 1; index >= 0; index--) {
    const token = tokens[index];
    if (!token || (token.pos === 'PUNCT' && CLAUSE_MARK.test(token.text))) break;
    if (token.pos === 'VERB') return stem(token.lemma);
  }
  if (previous !== undefined) return previous;
  for (let index = first; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || (token.start >= end && token.pos === 'PUNCT' && CLAUSE_MARK.test(token.text))) break;
    if (token.start >= end && token.pos === 'VERB') return stem(token.lemma);
  }
  return undefined;
}
