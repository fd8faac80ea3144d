import type { StoredSentence } from '../search/corpusStore.js';
import type { Entity } from '../text/entities.js';
import { isStopWord, searchTerms, splitWords, stem, type Word } from '../text/tokens.js';
import type { QuestionAnalysis } from './question.js';

/** The evidence that a sentence answers a question, each in [0, 1]. */
export interface SentenceFeatures {
  /** BM25 score of the sentence's paragraph relative to the best paragraph. */
  paragraph: number;
  /** IDF-weighted share of the question's terms found in the sentence. */
  coverage: number;
  /** IDF-weighted share of the question's terms found in the sentence or the sentence before it. */
  contextCoverage: number;
  /** Share of the question's term pairs found next to each other in the sentence. */
  bigrams: number;
  /** How tightly the matched terms sit together (matched terms / window length). */
  proximity: number;
  /** When the question expects a type: how well the sentence's best entity of that type, not already named by the question, answers (1 = a dated year, 0.6 = a vaguer date, 0 = none). */
  typeMatch: number;
  /** 1 when the question expects a type and the sentence has none: evidence against. */
  typeMissing: number;
  /** 1 for sentences of fewer than four words (headings, fragments). */
  fragment: number;
}

/** Inverse document frequency of a term over `paragraphs` (BM25's form, floor 0). */
export function inverseDocumentFrequency(documentFrequency: number, paragraphs: number): number {
  return Math.log(1 + (paragraphs - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Measures a sentence against a question. `idf` gives each question term's weight
 * (terms absent from the corpus weigh most); `paragraphScore` is already normalised.
 */
export function sentenceFeatures(
  sentenceText: string,
  sentence: StoredSentence,
  previousText: string,
  question: QuestionAnalysis,
  idf: ReadonlyMap<string, number>,
  paragraphScore: number,
): SentenceFeatures {
  const allWords = splitWords(sentenceText);
  const words = allWords.filter((word) => !isStopWord(word.form));
  const stems = words.map((word) => stem(word.form));
  const present = new Set(stems);
  const context = new Set([...present, ...searchTerms(previousText)]);
  let pairs = 0;
  for (let index = 1; index < stems.length; index++) {
    if (question.bigrams.has(`${stems[index - 1]} ${stems[index]}`)) pairs++;
  }
  const expects = question.expects.length > 0;
  const matchedAt = allWords.flatMap((word, index) => (!isStopWord(word.form) && question.terms.includes(stem(word.form)) ? [index] : []));
  const lowerSentence = sentenceText.toLowerCase();
  const fresh = sentence.entities
    .filter((entity) => question.expects.includes(entity.type) && isNew(entity, question))
    .reduce((best, entity) => Math.max(best, specificity(entity) * nearness(entity, lowerSentence, allWords, matchedAt)), 0);
  return {
    paragraph: paragraphScore,
    coverage: weightedCoverage(present, question.terms, idf),
    contextCoverage: weightedCoverage(context, question.terms, idf),
    bigrams: question.bigrams.size > 0 ? Math.min(1, pairs / question.bigrams.size) : 0,
    proximity: proximity(stems, question.terms),
    typeMatch: expects ? fresh : 0,
    typeMissing: expects && fresh === 0 ? 1 : 0,
    fragment: words.length < 4 ? 1 : 0,
  };
}

/** Whether an entity tells something the question does not already say (a term of its own, or new digits). */
function isNew(entity: Entity, question: QuestionAnalysis): boolean {
  if (question.lowerText.includes(entity.text)) return false;
  const terms = searchTerms(entity.text);
  return terms.length === 0 ? /\d/.test(entity.text) : terms.some((term) => !question.terms.includes(term));
}

/** IDF-weighted share of the question's terms that `present` holds. */
function weightedCoverage(present: ReadonlySet<string>, terms: string[], idf: ReadonlyMap<string, number>): number {
  let covered = 0;
  let total = 0;
  for (const term of terms) {
    const weight = idf.get(term) ?? 0;
    total += weight;
    if (present.has(term)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}

/** How precisely an entity answers: "15 July 2009" beats "July 2009", which beats "2009", then "Monday" or "last week". */
function specificity(entity: Entity): number {
  if (entity.type !== 'date') return 1;
  if (!/\d{4}/.test(entity.text)) return 0.3;
  return /\d{1,2}\s+\p{L}|\p{L}\.?\s+\d{1,2}\b/u.test(entity.text) ? 1 : /\p{L}/u.test(entity.text) ? 0.9 : 0.8;
}

/** 1 when the entity sits within three words of a question term, falling with distance; 0.5 when the sentence matches no term. */
function nearness(entity: Entity, lowerSentence: string, words: Word[], matchedAt: number[]): number {
  if (matchedAt.length === 0) return 0.5;
  const offset = lowerSentence.indexOf(entity.text);
  if (offset < 0) return 0.5;
  const position = words.findIndex((word) => word.end > offset);
  const distance = Math.min(...matchedAt.map((index) => Math.abs(index - position)));
  return Math.min(1, 3 / Math.max(distance, 1));
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
