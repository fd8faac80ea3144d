import type { SentenceFeatures } from './features.js';

/**
 * Weights of the ranking score and of the confidence (a logistic model over the same
 * features). Hand-set starting values; `scripts/fit-confidence.ts` refits them on the
 * SQuAD `tune` questions only.
 */
export interface ScoringModel {
  version: string;
  rank: Record<keyof SentenceFeatures, number>;
  confidence: Record<keyof SentenceFeatures | 'margin' | 'bias', number>;
  /** Below this confidence the answer is declined. */
  answerThreshold: number;
  /** At or above this confidence a chat bot may answer unprompted. */
  confidentThreshold: number;
}

/** The default model. */
export const DEFAULT_MODEL: ScoringModel = {
  version: 'hand-set-1',
  rank: { paragraph: 2, coverage: 1.2, contextCoverage: 0.6, bigrams: 0.4, proximity: 0.3, typeMatch: 1.0, typeMissing: -0.5, fragment: -1 },
  confidence: { bias: -5, paragraph: 0.5, coverage: 4, contextCoverage: 2, bigrams: 1, proximity: 0.5, typeMatch: 1, typeMissing: -1, fragment: -2, margin: 1 },
  answerThreshold: 0.2,
  confidentThreshold: 0.7,
};

/** The lead over the next candidate counts up to this much (a lone weak match must not look certain). */
const MAX_MARGIN = 1;

/** The ranking score of a sentence: a weighted sum of its features. */
export function rankScore(features: SentenceFeatures, model: ScoringModel): number {
  let score = 0;
  for (const key of Object.keys(model.rank) as Array<keyof SentenceFeatures>) score += model.rank[key] * features[key];
  return score;
}

/**
 * Confidence in [0, 1] that a sentence answers the question: a logistic function of its
 * features and of its lead (`margin`, in rank-score units) over the next candidate.
 */
export function confidenceOf(features: SentenceFeatures, margin: number, model: ScoringModel): number {
  const weights = model.confidence;
  let z = weights.bias + weights.margin * Math.min(margin, MAX_MARGIN);
  for (const key of Object.keys(model.rank) as Array<keyof SentenceFeatures>) z += weights[key] * features[key];
  return 1 / (1 + Math.exp(-z));
}
