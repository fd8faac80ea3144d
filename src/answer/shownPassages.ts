import type { Answer, AnswerResult } from '../types.js';

/**
 * The passages a reply shows, in order: the answer (or the two passages side by side) and
 * the passages under it (`seeAlso`); for a hedged reply, its suggestions; none when
 * nothing is relevant. "More answers" lists the `alternatives` after them.
 */
export function shownPassages(result: Pick<AnswerResult, 'answer' | 'twoPassages' | 'seeAlso' | 'suggestions'>): Answer[] {
  if (result.answer) return [...(result.twoPassages ?? [result.answer]), ...(result.seeAlso ?? [])];
  return result.suggestions ?? [];
}
