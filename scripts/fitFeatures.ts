/**
 * How the fit reads the sentence features: as vectors in `FEATURE_NAMES` order, which of
 * them are evidence for or against an answer (the signs their weights must keep), which
 * may be squared in the confidence, and the confidence's input row.
 */
import { FEATURE_NAMES, type SentenceFeatures } from '../src/answer/sentenceFeatures.js';
import { MAX_MARGIN, type ScoringModel } from '../src/answer/scoring.js';

/** The features of a sentence as a vector, in `FEATURE_NAMES` order. */
export const vector = (features: SentenceFeatures): number[] => FEATURE_NAMES.map((name) => features[name]);

/**
 * Features whose square the confidence may weigh: graded evidence for an answer. Evidence
 * against (missing terms, names, a negation the sentence lacks) stays linear, so that
 * more of it never raises the confidence; a square adds nothing to a 0/1 feature.
 */
const SQUARED: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['paragraph', 'paragraphCoverage', 'coverage', 'contextCoverage', 'sentenceRelevance', 'looseCoverage', 'matched', 'bigrams', 'proximity'],
  ...['typeMatch', 'valueMatch', 'typedContext', 'placeMatch', 'personMatch', 'length', 'localCoverage', 'titleCoverage', 'wordOverlap', 'contextWordOverlap', 'referredWordOverlap', 'wordPairs', 'questionTerms'],
  'specificCoverage',
] as const);

/** Evidence for an answer: its confidence weight may not be negative. */
const EVIDENCE_FOR: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['paragraph', 'paragraphRank', 'paragraphCoverage', 'coverage', 'contextCoverage', 'sentenceRelevance', 'looseCoverage', 'matched', 'articleDate'],
  ...['bigrams', 'proximity', 'typeMatch', 'valueMatch', 'typedContext', 'placeMatch', 'personMatch', 'localCoverage', 'titleCoverage', 'wordOverlap', 'contextWordOverlap', 'referredWordOverlap', 'wordPairs'],
  ...['roleMatch', 'eventMatch', 'specificCoverage', 'pastTense'],
] as const);
/** Evidence against: its confidence weight may not be positive. */
const EVIDENCE_AGAINST: ReadonlySet<keyof SentenceFeatures> = new Set([
  ...['missingRarest', 'unknownTerms', 'typeMissing', 'valueMissing', 'placeMissing', 'personMissing', 'fragment'],
  ...['negationMismatch', 'markersMissing', 'missingTerms', 'namesMissing', 'numbersMissing', 'sentenceNamesMissing', 'sentenceNumbersMissing', 'antonym'],
  ...['qualifierConflict', 'qualifierMissing', 'otherEvent', 'articleYearConflict', 'subjectOnly'],
] as const);

/** The sign a feature's weight must keep: 1 for evidence for an answer, -1 for evidence against, 0 for the others. */
export function evidenceSign(name: keyof SentenceFeatures): -1 | 0 | 1 {
  return EVIDENCE_FOR.has(name) ? 1 : EVIDENCE_AGAINST.has(name) ? -1 : 0;
}

/** The sign each confidence weight must keep, in the order of `confidenceRow` (a longer lead may only help). */
export function confidenceSigns(): number[] {
  const linear = FEATURE_NAMES.map(evidenceSign);
  return [...linear, ...FEATURE_NAMES.map(() => 0), 1, 0];
}

/** Evidence with a square in the confidence: its whole effect may only rise with it (evidence for) or only fall (against), in the order of `confidenceRow`. */
export function monotoneSquares(): Array<{ linear: number; squared: number; sign: 1 | -1 }> {
  return FEATURE_NAMES.flatMap((name, index) => {
    const sign = evidenceSign(name);
    return SQUARED.has(name) && sign !== 0 ? [{ linear: index, squared: FEATURE_NAMES.length + index, sign }] : [];
  });
}

/** The confidence's inputs: the sentence features, the squares of `SQUARED` ones (0 for the others), the lead over the next candidate (capped), and a constant for the bias. */
export function confidenceRow(features: SentenceFeatures, lead: number): number[] {
  const values = vector(features);
  return [...values, ...FEATURE_NAMES.map((name) => (SQUARED.has(name) ? features[name] ** 2 : 0)), Math.min(lead, MAX_MARGIN), 1];
}

/** The confidence weights of a model in the order of `confidenceRow`. */
export function confidenceWeightsOf(model: ScoringModel): number[] {
  return [...FEATURE_NAMES.map((name) => model.confidence[name]), ...FEATURE_NAMES.map((name) => model.confidenceSquared[name]), model.confidence.margin, model.confidence.bias];
}

/** Weights by feature name, rounded to four decimals. */
export function weightsByName(weights: number[]): Record<keyof SentenceFeatures, number> {
  return Object.fromEntries(FEATURE_NAMES.map((name, k) => [name, round(weights[k] ?? 0)])) as Record<keyof SentenceFeatures, number>;
}

/** A weight rounded to four decimals, as the model file keeps it. */
export function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
