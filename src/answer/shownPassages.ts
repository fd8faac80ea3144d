import type { Answer, AnswerResult } from '../types.js';

/**
 * The passages a reply shows, in order: the answer (or the two passages side by side); for
 * a hedged reply, its suggestions; none when nothing is relevant. "More answers" lists the `alternatives` after them.
 */
export function shownPassages(result: Pick<AnswerResult, 'answer' | 'twoPassages' | 'suggestions'>): Answer[] {
  if (result.answer) return result.twoPassages ?? [result.answer];
  return result.suggestions ?? [];
}

/**
 * What a face shows of a passage: the answer with its sentence widened to the rest of its
 * passage (`context`), its span and answer phrase moved along; the answer itself when it has
 * no context.
 */
export function asPassage(answer: Answer): Answer {
  if (!answer.context) return answer;
  const { context, ...rest } = answer;
  const shift = context.before.length;
  return {
    ...rest,
    text: `${context.before}${answer.text}${context.after}`,
    span: { start: answer.span.start - shift, end: answer.span.end + context.after.length },
    highlight: answer.highlight ? { start: answer.highlight.start + shift, end: answer.highlight.end + shift } : null,
  };
}
