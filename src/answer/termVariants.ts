import type { TermStatistics } from '../search/paragraphSource.js';

/** Shortest stem that may stand for a longer one ("seiz" for "seizur"). */
const MIN_PREFIX = 4;
/** Most letters a variant may add to a stem. */
const MAX_EXTRA = 3;

/** A question's terms with unseen ones replaced, and the replacements that stand in by meaning. */
export interface ResolvedTerms {
  terms: string[];
  /** Terms that replaced an unseen one by meaning ("begin" for "start"): the question did not write them. */
  byMeaning: ReadonlySet<string>;
}

/**
 * Replaces question terms that the corpus never uses by their most frequent corpus
 * variant that extends them by a few letters, so that "seized" (stem `seiz`) finds
 * "seizure" (stem `seizur`), which the Porter stemmer keeps apart; failing that, by the
 * most frequent word of the same meaning the corpus uses (`related`: "start" finds
 * "begin"). Only `expandable` terms (common words, not names: "Marie" must not become
 * "Mario") change; the others stay. Of variants used equally often, the first in
 * alphabetical order wins.
 */
export function resolveUnseenTerms(terms: string[], expandable: ReadonlySet<string>, statistics: TermStatistics, related: ReadonlyMap<string, readonly string[]> = new Map()): ResolvedTerms {
  const unseen = terms.filter((term) => expandable.has(term) && term.length >= MIN_PREFIX && !/^\d/.test(term) && statistics.documentFrequency(term) === 0);
  const byMeaning = new Set<string>();
  if (unseen.length === 0) return { terms, byMeaning };
  const best = new Map<string, string>();
  for (const term of unseen) {
    let bestFrequency = 0;
    const consider = (candidate: string) => {
      const frequency = statistics.documentFrequency(candidate);
      if (frequency > bestFrequency) {
        bestFrequency = frequency;
        best.set(term, candidate);
      }
    };
    for (const candidate of statistics.termsStartingWith(term)) if (candidate.length <= term.length + MAX_EXTRA) consider(candidate);
    if (bestFrequency > 0) continue;
    for (const candidate of [...(related.get(term) ?? [])].sort()) consider(candidate);
    const found = best.get(term);
    if (found !== undefined && !terms.includes(found)) byMeaning.add(found);
  }
  return { terms: [...new Set(terms.map((term) => best.get(term) ?? term))], byMeaning };
}
