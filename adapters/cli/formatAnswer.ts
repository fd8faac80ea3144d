import { asPassage, shownPassages, type Answer, type AnswerResult, type AnswerSource, type SourceAgreement } from '../../src/index.js';

/** How an answer is shown in a terminal. */
export interface TextStyle {
  /** Marks the phrase that answers the question. @default leaves it plain */
  bold?: (text: string) => string;
  /**
   * When set, the alternatives are not listed: one line says how many there are, in this
   * face's words (`:more`, `--top N`). @default the alternatives are listed
   */
  moreHint?: (count: number) => string;
}

/** ANSI bold, for a terminal. */
export const ANSI_BOLD = (text: string): string => `\u001b[1m${text}\u001b[22m`;

/** The answer sentence with its answer phrase (`highlight`) marked by `bold`. */
export function sentenceWithHighlight(answer: Answer, bold: ((text: string) => string) | undefined): string {
  const { highlight, text } = answer;
  if (!bold || !highlight || highlight.end <= highlight.start || highlight.end > text.length) return text;
  return `${text.slice(0, highlight.start)}${bold(text.slice(highlight.start, highlight.end))}${text.slice(highlight.end)}`;
}

/** "Title", Publisher, date (file, ¶n): the citation line of an answer, unknown parts left out. */
function formatCitation(source: AnswerSource): string {
  const parts = [source.title ? `"${source.title}"` : source.articleId, source.publisher, source.date].filter(Boolean);
  const where = [source.file ?? source.url, `¶${source.paragraphIndex + 1}`].filter(Boolean).join(', ');
  return `${parts.join(', ')} (${where})`;
}

function formatOne(answer: Answer, style: TextStyle): string {
  return `${sentenceWithHighlight(asPassage(answer), style.bold)}\n  — ${formatCitation(answer.source)} · confidence ${answer.confidence.toFixed(2)}`;
}

/**
 * A result as a person reads it in a terminal: the reading of a follow-up ("Taking 'they'
 * as the migration talks"), the sentence with its answer phrase marked, its source, and
 * any alternatives; when two passages are close and say different things, both; when no
 * answer is confident, the closest passages; when nothing is relevant, that.
 */
export function formatAnswerText(result: AnswerResult, style: TextStyle = {}): string {
  const reading = result.reading ? [`(${result.reading.note})`] : [];
  const lines = [...reading, ...formatShown(result, style)];
  if (!result.answer && !result.suggestions) return lines.join('\n');
  if (style.moreHint) {
    if (result.alternatives.length > 0) lines.push(`  ${style.moreHint(result.alternatives.length)}`);
  } else lines.push(...formatAlternatives(result, style));
  return lines.join('\n');
}

/**
 * What a result shows first: the answer (or two passages side by side) and what the other
 * sources say of its date or number; when no answer is confident, "Not sure — the closest passages:" and the
 * suggestions, numbered; when nothing is relevant, the reason ("Nothing in the archive
 * answers that.").
 */
function formatShown(result: AnswerResult, style: TextStyle): string[] {
  const numbered = (heading: string, answers: readonly Answer[]) => [heading, ...answers.map((each, index) => `${index + 1}. ${formatOne(each, style)}`)];
  if (result.answer) {
    const passages = result.twoPassages ? numbered('Two passages could answer this:', result.twoPassages) : [formatOne(result.answer, style)];
    const agreement = result.agreement ? [formatAgreement(result.agreement, result.answer)] : [];
    return [...passages, ...agreement];
  }
  if (result.suggestions) return numbered(result.noAnswerReason ?? 'Not sure — the closest passages:', result.suggestions);
  return [result.noAnswerReason ?? "I don't know."];
}

/** The other answers of a result, numbered after what it shows ("Also (2): …"), each with its source. */
export function formatAlternatives(result: AnswerResult, style: TextStyle = {}): string[] {
  const shown = shownPassages(result).length;
  return result.alternatives.flatMap((alternative, index) => ['', `Also (${index + shown + 1}): ${formatOne(alternative, style)}`]);
}

/**
 * One line on what the other articles say: "Sources differ: 2003 (…) vs January 2004 (…)"
 * when they give other values, else "Backed by N sources".
 */
function formatAgreement(agreement: SourceAgreement, answer: Answer): string {
  const cite = (source: AnswerSource) => [source.publisher ?? source.title ?? source.articleId, source.date].filter(Boolean).join(', ');
  if (agreement.differing.length > 0) {
    const values = [{ value: agreement.value, answer }, ...agreement.differing].map(({ value, answer: each }) => `${value} (${cite(each.source)})`);
    return `  ! Sources differ: ${values.join(' vs ')}`;
  }
  return `  ✓ Backed by ${agreement.agreeing.length + 1} sources: ${[answer, ...agreement.agreeing].map((each) => cite(each.source)).join('; ')}`;
}
