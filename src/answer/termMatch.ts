/**
 * How a sentence's search terms match a question's: IDF-weighted coverage (exact, loose,
 * local to the paragraph), the sentence's own BM25 score, bigrams and proximity. Terms
 * are read from what the index saved; nothing here analyses text.
 */
import type { WeightedQuestion } from './sentenceFeatures.js';

/** What the features ask of a set of terms: whether it holds one. */
export type TermSet = Pick<ReadonlySet<string>, 'has'>;

/** BM25 parameters of the sentence score, and the sentence length (in terms) it normalises against. */
const SENTENCE_BM25 = { k: 1.2, b: 0.75, averageTerms: 12 };

/**
 * Coverage of the question's terms by each sentence of a paragraph, each term weighted by
 * its IDF among the paragraph's sentences (log((sentences + 1) / sentences holding it)),
 * as a share of the weight of the terms the paragraph holds at all.
 */
export function localCoverages(sentenceSets: ReadonlyArray<ReadonlySet<string>>, question: WeightedQuestion): number[] {
  const weights: Array<[string, number]> = [];
  let total = 0;
  for (const term of question.analysis.terms) {
    const holding = sentenceSets.filter((terms) => terms.has(term)).length;
    if (holding === 0) continue;
    const weight = Math.log((sentenceSets.length + 1) / holding);
    weights.push([term, weight]);
    total += weight;
  }
  return sentenceSets.map((terms) => {
    let covered = 0;
    for (const [term, weight] of weights) if (terms.has(term)) covered += weight;
    return total > 0 ? covered / total : 0;
  });
}

/**
 * The term features of one sentence: `terms` its search terms in order, `present` the same
 * as a set, `context` the terms of the sentence, the one before it and the article's date.
 * `title` the terms of its article's title (empty unless the text is read): the question's
 * rarest term is not missing from a sentence of the page it is the subject of.
 * `sentenceRelevance` is the raw sentence BM25 score (made relative once all candidates
 * are known).
 */
export function termEvidence(terms: string[], present: ReadonlySet<string>, context: TermSet, question: WeightedQuestion, title: TermSet) {
  const { bigrams } = question.analysis;
  let pairs = 0;
  for (let index = 1; index < terms.length; index++) if (bigrams.has(`${terms[index - 1]} ${terms[index]}`)) pairs++;
  let bm25 = 0;
  let matched = 0;
  for (const [term, weight] of question.idf) {
    const frequency = terms.reduce((count, each) => (each === term ? count + 1 : count), 0);
    if (frequency === 0) continue;
    matched++;
    const { k, b, averageTerms } = SENTENCE_BM25;
    bm25 += (weight * frequency * (k + 1)) / (frequency + k * (1 - b + (b * terms.length) / averageTerms));
  }
  return {
    sentenceRelevance: bm25,
    matched: question.idf.size > 0 ? matched / question.idf.size : 0,
    missingTerms: Math.min(1, (question.idf.size - matched) / 5),
    coverage: weightedCoverage(present, question),
    looseCoverage: looseCoverage(terms, present, question),
    contextCoverage: weightedCoverage(context, question),
    missingRarest: question.rarest !== undefined && !title.has(question.rarest) && !holdsTermOrRelated(context, question.rarest, question) ? 1 : 0,
    bigrams: bigrams.size > 0 ? Math.min(1, pairs / bigrams.size) : 0,
    proximity: proximity(terms, question.analysis.terms),
  };
}

/** Letters two terms must share at their start to match loosely. */
const LOOSE_PREFIX = 5;

/** IDF-weighted share of the question's terms that the sentence holds, or holds a term sharing their first letters or of the same meaning. */
function looseCoverage(terms: string[], present: ReadonlySet<string>, question: WeightedQuestion): number {
  let prefixes: Set<string> | undefined;
  const sharesPrefix = (term: string) => {
    prefixes ??= new Set(terms.filter((each) => each.length >= LOOSE_PREFIX).map((each) => each.slice(0, LOOSE_PREFIX)));
    return prefixes.has(term.slice(0, LOOSE_PREFIX));
  };
  let covered = 0;
  let total = 0;
  for (const [term, weight] of question.idf) {
    total += weight;
    if ((term.length >= LOOSE_PREFIX && sharesPrefix(term)) || holdsTermOrRelated(present, term, question)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}

/** Whether `terms` holds a question term or a word of the same meaning ("begin" for "start"). */
function holdsTermOrRelated(terms: TermSet, term: string, question: WeightedQuestion): boolean {
  return terms.has(term) || (question.analysis.related.get(term)?.some((other) => terms.has(other)) ?? false);
}

/** IDF-weighted share of the question's terms that `present` holds. */
export function weightedCoverage(present: TermSet, question: WeightedQuestion): number {
  let covered = 0;
  let total = 0;
  for (const [term, weight] of question.idf) {
    total += weight;
    if (present.has(term)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}

/** Matched distinct terms divided by the length of the shortest window that holds them all. */
function proximity(stems: string[], terms: string[]): number {
  const wanted = new Set(terms);
  const positions = stems.flatMap((term, index) => (wanted.has(term) ? [{ term, index }] : []));
  const distinct = new Set(positions.map((position) => position.term)).size;
  if (distinct < 2) return distinct === 1 ? 0.5 : 0;
  const counts = new Map<string, number>();
  let best = Infinity;
  let left = 0;
  let inWindow = 0;
  for (let right = 0; right < positions.length; right++) {
    const entering = positions[right];
    if (!entering) continue;
    counts.set(entering.term, (counts.get(entering.term) ?? 0) + 1);
    if (counts.get(entering.term) === 1) inWindow++;
    while (inWindow === distinct) {
      const leaving = positions[left];
      if (!leaving) break;
      best = Math.min(best, entering.index - leaving.index + 1);
      const count = (counts.get(leaving.term) ?? 1) - 1;
      counts.set(leaving.term, count);
      if (count === 0) inWindow--;
      left++;
    }
  }
  return Number.isFinite(best) ? distinct / best : 0;
}
