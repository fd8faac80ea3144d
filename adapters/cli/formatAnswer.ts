import type { Answer, AnswerResult, AnswerSource } from '../../src/index.js';

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
  result.alternatives.forEach((alternative, index) => lines.push('', `Also (${index + 2}): ${formatOne(alternative)}`));
  return lines.join('\n');
}
