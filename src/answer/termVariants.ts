import { documentFrequencyOf } from '../search/corpusStore.js';

/** Shortest stem that may stand for a longer one ("seiz" for "seizur"). */
const MIN_PREFIX = 4;
/** Most letters a variant may add to a stem. */
const MAX_EXTRA = 3;

/**
 * Replaces question terms that the corpus never uses by their most frequent corpus
 * variant that extends them by a few letters, so that "seized" (stem `seiz`) finds
 * "seizure" (stem `seizur`), which the Porter stemmer keeps apart. Only `expandable` terms
 * (common words, not names: "Marie" must not become "Mario") change; the others stay.
 */
export function resolveUnseenTerms(terms: string[], expandable: ReadonlySet<string>, documentFrequency: Readonly<Record<string, number>>): string[] {
  const unseen = terms.filter((term) => expandable.has(term) && term.length >= MIN_PREFIX && !/^\d/.test(term) && documentFrequencyOf(documentFrequency, term) === 0);
  if (unseen.length === 0) return terms;
  const best = new Map<string, { term: string; frequency: number }>();
  for (const [candidate, frequency] of Object.entries(documentFrequency)) {
    for (const term of unseen) {
      if (candidate.length > term.length && candidate.length <= term.length + MAX_EXTRA && candidate.startsWith(term)) {
        if ((best.get(term)?.frequency ?? 0) < frequency) best.set(term, { term: candidate, frequency });
      }
    }
  }
  return [...new Set(terms.map((term) => best.get(term)?.term ?? term))];
}
