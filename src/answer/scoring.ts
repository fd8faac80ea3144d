import fittedModel from './scoringModel.json' with { type: 'json' };
import { FEATURE_NAMES, type SentenceFeatures } from './sentenceFeatures.js';

/** The inputs of the confidence besides the sentence's own features. */
export const CONFIDENCE_EXTRAS = ['margin', 'bias'] as const;

/**
 * Weights of the ranking score (a linear function of the sentence features) and of the
 * confidence (a logistic function of the best sentence's features and its lead over the
 * next). `scripts/fit-model.ts` fits both on the SQuAD `tune` questions only and writes
 * them, versioned, to `src/answer/scoringModel.json`.
 */
export interface ScoringModel {
  version: string;
  /** What the weights were fitted on, and how. */
  fittedOn: string;
  rank: Record<keyof SentenceFeatures, number>;
  confidence: Record<keyof SentenceFeatures | (typeof CONFIDENCE_EXTRAS)[number], number>;
  /** Weights of the squared features in the confidence (a quadratic term lets a feature help up to a point, then hurt). */
  confidenceSquared: Record<keyof SentenceFeatures, number>;
  /** Below this confidence the answer is declined. */
  answerThreshold: number;
  /** At or above this confidence a chat bot may answer unprompted. */
  confidentThreshold: number;
}

/** The model shipped with this version. */
export const DEFAULT_MODEL: ScoringModel = fittedModel;

/** The lead over the next candidate counts up to this much (a lone weak match must not look certain). */
export const MAX_MARGIN = 1;

/** The ranking score of a sentence: a weighted sum of its features. */
export function rankScore(features: SentenceFeatures, model: ScoringModel): number {
  let score = 0;
  for (const name of FEATURE_NAMES) score += model.rank[name] * features[name];
  return score;
}

/**
 * Confidence in [0, 1] that the articles answer the question, read from its best sentence:
 * a logistic function of the sentence's features, their squares, and its lead (`margin`,
 * in rank-score units) over the next candidate.
 */
export function confidenceOf(features: SentenceFeatures, margin: number, model: ScoringModel): number {
  const weights = model.confidence;
  const squared = model.confidenceSquared;
  let z = weights.bias + weights.margin * Math.min(margin, MAX_MARGIN);
  for (const name of FEATURE_NAMES) z += weights[name] * features[name] + squared[name] * features[name] ** 2;
  return 1 / (1 + Math.exp(-z));
}
