/**
 * Where `eval:realpages` loses the right sentence of an answerable question: not among the
 * candidates at all (the paragraph search did not return it, or the page lacks it), among
 * them but ranked below 3 (or behind a better sentence of its own paragraph, which a reply
 * never shows), ranked in the top 3 but not shown (a confident answer shows one sentence;
 * suggestions below the relevance floor are left out), or shown.
 */
import { bestPerParagraph, prepareQuestion, rankCandidates, type AnswerContext, type Candidate } from '../src/answer/answerQuestion.js';
import { asPassage, shownPassages, type AnswerResult } from '../src/index.js';

/** Where the right sentence of one question was lost, in the order a reply is built. */
export type Loss = 'not-retrieved' | 'behind-own-paragraph' | 'ranked-below-3' | 'top-3-not-shown' | 'shown';

/** The losses in the order they are printed, with their labels. */
export const LOSSES: ReadonlyArray<[Loss, string]> = [
  ['not-retrieved', 'not among the candidates'],
  ['behind-own-paragraph', 'behind a better sentence of its own paragraph'],
  ['ranked-below-3', 'ranked below 3'],
  ['top-3-not-shown', 'in the top 3, not shown'],
  ['shown', 'shown'],
];

const sentenceText = (candidate: Candidate) => {
  const sentence = candidate.paragraph.sentences[candidate.sentenceIndex];
  return sentence ? candidate.paragraph.text.slice(sentence.start, sentence.end) : candidate.paragraph.text;
};

/**
 * Where the right sentence (one holding any of `expected`) was lost for `question`, given
 * the reply the user saw.
 */
export async function whereLost(context: AnswerContext, question: string, expected: readonly string[], reply: AnswerResult): Promise<Loss> {
  const holds = (text: string) => expected.some((each) => text.includes(each));
  if (shownPassages(reply).some((answer) => holds(asPassage(answer).text))) return 'shown';
  const candidates = await rankCandidates(context, prepareQuestion(context.source.statistics, question));
  if (!candidates.some((candidate) => holds(sentenceText(candidate)))) return 'not-retrieved';
  const position = bestPerParagraph(candidates).findIndex((candidate) => holds(sentenceText(candidate)));
  if (position < 0) return 'behind-own-paragraph';
  return position < 3 ? 'top-3-not-shown' : 'ranked-below-3';
}
