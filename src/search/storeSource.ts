/**
 * The embedded corpus as the answer stage reads it: the corpus store in this process and
 * the search index beside it (see `paragraphSource.ts`).
 */
import type { SearchableCorpus } from './buildIndex.js';
import { documentFrequencyOf, type CorpusStore } from './corpusStore.js';
import { sentenceTotal } from './lazyParagraphs.js';
import { lastSentenceOf, type RetrievedParagraphs, type ServedCorpus, type TermStatistics } from './paragraphSource.js';
import type { StoredParagraph } from './storedParagraph.js';

/** The store's terms in sorted order and their mean paragraph length, and the state of the store they were read from. */
interface Derived {
  nextParagraphId: number;
  paragraphCount: number;
  vocabulary?: string[];
  averageLength?: number;
}

const derived = new WeakMap<CorpusStore, Derived>();

/** A searchable corpus in this process, served to the answer stage. */
export function servedStore(corpus: SearchableCorpus): ServedCorpus {
  const { store, index } = corpus;
  return {
    statistics: storeStatistics(store),
    retrieve: async (terms, limit) => storeParagraphs(store, await index.search(terms, limit)),
    articles: () => store.articles,
    counts: () => ({
      articles: store.articles.length,
      paragraphs: store.paragraphCount,
      sentences: sentenceTotal(store.paragraphs),
    }),
  };
}

/** The term statistics of a corpus store (its terms sorted once per state of the store). */
export function storeStatistics(store: CorpusStore): TermStatistics {
  return {
    get paragraphCount() {
      return store.paragraphCount;
    },
    documentFrequency: (term) => documentFrequencyOf(store.documentFrequency, term),
    averageLength: () => {
      const state = derivedOf(store);
      state.averageLength ??= averageDistinctTerms(store);
      return state.averageLength;
    },
    termsStartingWith: (prefix) => {
      const state = derivedOf(store);
      state.vocabulary ??= Object.keys(store.documentFrequency).sort();
      return termsFrom(state.vocabulary, prefix);
    },
  };
}

/** The hits' paragraphs and what the answer stage reads around them, from the store. */
function storeParagraphs(store: CorpusStore, hits: Array<{ id: number; score: number }>): RetrievedParagraphs {
  const neighbour = (paragraph: StoredParagraph, step: number) => {
    const id = store.articles[paragraph.article]?.paragraphIds[paragraph.index + step];
    return id === undefined ? undefined : store.paragraphs[id];
  };
  return {
    hits: hits.flatMap(({ id, score }) => {
      const paragraph = store.paragraphs[id];
      return paragraph ? [{ paragraph, score }] : [];
    }),
    articleOf: (paragraph) => store.articles[paragraph.article],
    nextOf: (paragraph) => neighbour(paragraph, 1),
    sentenceBefore: (paragraph) => {
      const previous = neighbour(paragraph, -1);
      return previous ? lastSentenceOf(previous) : undefined;
    },
  };
}

/**
 * What is derived from a store's term counts, kept while the store is unchanged: adding or
 * removing articles moves `nextParagraphId` or `paragraphCount`, and the next reader derives again.
 */
function derivedOf(store: CorpusStore): Derived {
  let state = derived.get(store);
  if (state === undefined || state.nextParagraphId !== store.nextParagraphId || state.paragraphCount !== store.paragraphCount) {
    state = { nextParagraphId: store.nextParagraphId, paragraphCount: store.paragraphCount };
    derived.set(store, state);
  }
  return state;
}

/**
 * Mean number of distinct terms per paragraph: each paragraph counts once in the
 * frequency of each of its distinct terms, so the frequencies sum to the total.
 */
function averageDistinctTerms(store: CorpusStore): number {
  if (store.paragraphCount === 0) return 0;
  let sum = 0;
  for (const count of Object.values(store.documentFrequency)) if (typeof count === 'number') sum += count;
  return sum / store.paragraphCount;
}

/** The terms of a sorted list that begin with `prefix`, found by binary search. */
function* termsFrom(sorted: readonly string[], prefix: string): Generator<string> {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? '') < prefix) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < sorted.length; index++) {
    const term = sorted[index] ?? '';
    if (!term.startsWith(prefix)) return;
    yield term;
  }
}
