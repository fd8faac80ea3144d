import { documentFrequencyOf, type CorpusStore } from '../search/corpusStore.js';

/** Shortest stem that may stand for a longer one ("seiz" for "seizur"). */
const MIN_PREFIX = 4;
/** Most letters a variant may add to a stem. */
const MAX_EXTRA = 3;

/** A store's terms in sorted order, and the state of the store they were read from. */
interface SortedVocabulary {
  nextParagraphId: number;
  paragraphCount: number;
  terms: string[];
}

const vocabularies = new WeakMap<CorpusStore, SortedVocabulary>();

/**
 * Replaces question terms that the corpus never uses by their most frequent corpus
 * variant that extends them by a few letters, so that "seized" (stem `seiz`) finds
 * "seizure" (stem `seizur`), which the Porter stemmer keeps apart. Only `expandable` terms
 * (common words, not names: "Marie" must not become "Mario") change; the others stay.
 * Of variants used equally often, the first in alphabetical order wins.
 */
export function resolveUnseenTerms(terms: string[], expandable: ReadonlySet<string>, store: CorpusStore): string[] {
  const unseen = terms.filter((term) => expandable.has(term) && term.length >= MIN_PREFIX && !/^\d/.test(term) && documentFrequencyOf(store.documentFrequency, term) === 0);
  if (unseen.length === 0) return terms;
  const vocabulary = sortedVocabulary(store);
  const best = new Map<string, string>();
  for (const term of unseen) {
    let bestFrequency = 0;
    for (let index = lowerBound(vocabulary, term); index < vocabulary.length; index++) {
      const candidate = vocabulary[index] ?? '';
      if (!candidate.startsWith(term)) break;
      const frequency = documentFrequencyOf(store.documentFrequency, candidate);
      if (candidate.length <= term.length + MAX_EXTRA && frequency > bestFrequency) {
        bestFrequency = frequency;
        best.set(term, candidate);
      }
    }
  }
  return [...new Set(terms.map((term) => best.get(term) ?? term))];
}

/**
 * The store's terms, sorted, so that the variants of a term are one range found by binary
 * search. Sorted once per state of the store: adding or removing articles moves
 * `nextParagraphId` or `paragraphCount`, and the next question sorts again.
 */
function sortedVocabulary(store: CorpusStore): string[] {
  let vocabulary = vocabularies.get(store);
  if (vocabulary === undefined || vocabulary.nextParagraphId !== store.nextParagraphId || vocabulary.paragraphCount !== store.paragraphCount) {
    vocabulary = { nextParagraphId: store.nextParagraphId, paragraphCount: store.paragraphCount, terms: Object.keys(store.documentFrequency).sort() };
    vocabularies.set(store, vocabulary);
  }
  return vocabulary.terms;
}

/** The index of the first of the sorted `values` not below `value`. */
function lowerBound(values: readonly string[], value: string): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
