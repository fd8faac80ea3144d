/**
 * Whether a sentence can be a confident answer at all, whatever the fitted confidence says:
 * checks that read what the question asks against what the sentence holds. A sentence that
 * fails one keeps its rank but shows at most `UNCHECKED_CEILING` confidence, so the reply
 * becomes "Not sure — the closest passages:" (or "Nothing …" when it was weak already).
 * The checks and the ceiling were chosen by measurement on the training question sets
 * (docs/quality.md, "Answerability checks").
 */
import type { QuestionAnalysis } from './question.js';
import type { SentenceFeatures } from './sentenceFeatures.js';

/** Why a sentence cannot answer confidently. */
export type FailedCheck = 'no-person' | 'no-number' | 'subject-only';

/**
 * The confidence at most shown for a sentence that fails a check: under the chat
 * threshold, over the relevance floor of a suggestion. Such sentences were right about a
 * third of the time or less on the training sets (real pages 4/30, the seeds' training
 * questions 15/52, SQuAD tune 58/158), as answers at that confidence are.
 */
export const UNCHECKED_CEILING = 0.3;

/**
 * Least `typeMatch` of a sentence answering a who-question: under it the sentence names
 * no person or organisation the question does not (or one far from the question's words).
 */
const LEAST_PERSON_MATCH = 0.3;

/**
 * The first check a sentence fails as an answer to `question`, or undefined:
 * - `no-person`: a who-question, and the sentence names no one new near its words;
 * - `no-number`: a how-many, how-much or how-long question, and the sentence writes no
 *   amount but the question's own;
 * - `subject-only`: the sentence matches only the question's words that its article's
 *   title holds (the page's subject), none of those that say what is asked.
 */
export function failedCheck(question: QuestionAnalysis, features: SentenceFeatures): FailedCheck | undefined {
  const asked = question.expects[0];
  if (asked === 'name' && features.typeMatch < LEAST_PERSON_MATCH) return 'no-person';
  if ((asked === 'number' || asked === 'duration') && features.typeMatch === 0) return 'no-number';
  if (features.subjectOnly === 1) return 'subject-only';
  return undefined;
}

/** A sentence's confidence as shown: the fitted one, at most `UNCHECKED_CEILING` when the sentence fails a check. */
export function checkedConfidence(confidence: number, question: QuestionAnalysis, features: SentenceFeatures): number {
  return failedCheck(question, features) === undefined ? confidence : Math.min(confidence, UNCHECKED_CEILING);
}
