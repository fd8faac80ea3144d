import type { TermStatistics } from '../search/paragraphSource.js';

/** Shortest stem that may stand for a longer one ("seiz" for "seizur"). */
const MIN_PREFIX = 4;
/** Most letters a variant may add to a stem. */
const MAX_EXTRA = 3;

/**
 * Replaces question terms that the corpus never uses by their most frequent corpus
 * variant that extends them by a few letters, so that "seized" (stem `seiz`) finds
 * "seizure" (stem `seizur`), which the Porter stemmer keeps apart. Only `expandable` terms
 * (common words, not names: "Marie" must not become "Mario") change; the others stay.
 * Of variants used equally often, the first in alphabetical order wins.
 */
export function resolveUnseenTerms(terms: string[], expandable: ReadonlySet<string>, statistics: TermStatistics): string[] {
  const unseen = terms.filter((term) => expandable.has(term) && term.length >= MIN_PREFIX && !/^\d/.test(term) && statistics.documentFrequency(term) === 0);
  if (unseen.length === 0) return terms;
  const best = new Map<string, string>();
  for (const term of unseen) {
    let bestFrequency = 0;
    for (const candidate of statistics.termsStartingWith(term)) {
      const frequency = statistics.documentFrequency(candidate);
      if (candidate.length <= term.length + MAX_EXTRA && frequency > bestFrequency) {
        bestFrequency = frequency;
        best.set(term, candidate);
      }
    }
  }
  return [...new Set(terms.map((term) => best.get(term) ?? term))];
}
