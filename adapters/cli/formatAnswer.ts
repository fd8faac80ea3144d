import type { Answer, AnswerResult, AnswerSource, SourceAgreement } from '../../src/index.js';

/** "Title", Publisher, date (file, ¶n): the citation line of an answer, unknown parts left out. */
export function formatCitation(source: AnswerSource): string {
  const parts = [source.title ? `"${source.title}"` : source.articleId, source.publisher, source.date].filter(Boolean);
  const where = [source.file ?? source.url, `¶${source.paragraphIndex + 1}`].filter(Boolean).join(', ');
  return `${parts.join(', ')} (${where})`;
}

function formatOne(answer: Answer): string {
  return `${answer.text}\n  — ${formatCitation(answer.source)} · confidence ${answer.confidence.toFixed(2)}`;
}

/** A result as a person reads it in a terminal: the sentence, its source, and any alternatives. */
export function formatAnswerText(result: AnswerResult): string {
  if (!result.answer) return result.noAnswerReason ?? "I don't know.";
  const lines = [formatOne(result.answer)];
  if (result.agreement) lines.push(formatAgreement(result.agreement, result.answer));
  result.alternatives.forEach((alternative, index) => lines.push('', `Also (${index + 2}): ${formatOne(alternative)}`));
  return lines.join('\n');
}

/**
 * One line on what the other articles say: "Sources differ: 2003 (…) vs January 2004 (…)"
 * when they give other values, else "Backed by N sources".
 */
export function formatAgreement(agreement: SourceAgreement, answer: Answer): string {
  const cite = (source: AnswerSource) => [source.publisher ?? source.title ?? source.articleId, source.date].filter(Boolean).join(', ');
  if (agreement.differing.length > 0) {
    const values = [{ value: agreement.value, answer }, ...agreement.differing].map(({ value, answer: each }) => `${value} (${cite(each.source)})`);
    return `  ! Sources differ: ${values.join(' vs ')}`;
  }
  return `  ✓ Backed by ${agreement.agreeing.length + 1} sources: ${[answer, ...agreement.agreeing].map((each) => cite(each.source)).join('; ')}`;
}
