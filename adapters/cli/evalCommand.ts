import { readFile } from 'node:fs/promises';
import type { Archivist } from '../../src/index.js';

/** One line of a question file: expected substrings (`any`), or `abstain` for questions the corpus cannot answer; `kind` groups the totals (who, where, …). */
interface EvalQuestion {
  id: string;
  q: string;
  any?: string[];
  abstain?: boolean;
  kind?: string;
}

/** Totals of one question file. */
export interface EvalReport {
  file: string;
  answerable: number;
  correct: number;
  unanswerable: number;
  declined: number;
  /** Answers shown that are wrong: a wrong sentence for an answerable question, or any answer to an unanswerable one (two passages shown count only when neither is right). */
  wrongShown: number;
  /** Answerable questions with no confident answer whose right sentence is among the closest passages shown ("Not sure — …"). */
  rightSuggested: number;
  /** Unanswerable questions told "Nothing in the archive answers that." (no passage shown). */
  nothing: number;
  /** Questions answered with two passages side by side, and those of them whose right passage is the second. */
  twoPassages: number;
  rightSecond: number;
  /** Right answers and questions per `kind`, when the file gives kinds. */
  kinds: Record<string, { right: number; questions: number }>;
  failures: string[];
}

/** A question file that cannot be read or is not one question object a line; the message says which and where. */
export class QuestionFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QuestionFileError';
  }
}

/** A question file read and checked: its name and its questions. */
export interface QuestionFile {
  file: string;
  questions: EvalQuestion[];
}

/**
 * Reads a JSONL question file (`{id, q, any}` or `{id, q, abstain: true}` a line).
 * @throws QuestionFileError naming the file (and the line) when it cannot be read or a line is not a question.
 */
export async function readQuestionFile(file: string): Promise<QuestionFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new QuestionFileError(`Cannot read the question file ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}).`, { cause: error });
  }
  const questions: EvalQuestion[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const question = parseQuestion(line);
    if (question === null) throw new QuestionFileError(`Line ${index + 1} of ${file} is not a question ({"id", "q", "any": [...]} or {"id", "q", "abstain": true}).`);
    questions.push(question);
  }
  return { file, questions };
}

function parseQuestion(line: string): EvalQuestion | null {
  try {
    const value = JSON.parse(line) as Partial<EvalQuestion> | null;
    if (value === null || typeof value !== 'object' || typeof value.q !== 'string') return null;
    const any = Array.isArray(value.any) ? value.any.filter((expected): expected is string => typeof expected === 'string') : undefined;
    return { id: String(value.id ?? ''), q: value.q, ...(any ? { any } : {}), ...(value.abstain === true ? { abstain: true } : {}), ...(typeof value.kind === 'string' ? { kind: value.kind } : {}) };
  } catch {
    return null;
  }
}

/** Reads a question file and scores the answers to it (`readQuestionFile`, then `evaluateQuestions`). */
export async function evaluateFile(archivist: Archivist, file: string, minConfidence?: number): Promise<EvalReport> {
  return evaluateQuestions(archivist, await readQuestionFile(file), minConfidence);
}

/**
 * Asks every question of a question file and scores the answers: an answerable question
 * is right when the answer sentence contains one of its `any` strings; an unanswerable
 * one when the answer is declined. `minConfidence` replaces the model's threshold.
 */
export async function evaluateQuestions(archivist: Archivist, { file, questions }: QuestionFile, minConfidence?: number): Promise<EvalReport> {
  const report: EvalReport = { file, answerable: 0, correct: 0, unanswerable: 0, declined: 0, rightSuggested: 0, nothing: 0, wrongShown: 0, twoPassages: 0, rightSecond: 0, kinds: {}, failures: [] };
  for (const question of questions) {
    const result = await archivist.ask(question.q, minConfidence === undefined ? {} : { minConfidence });
    const text = result.answer?.text ?? null;
    let right: boolean;
    if (question.abstain) {
      report.unanswerable++;
      right = text === null;
      if (right) report.declined++;
      if (right && !result.suggestions) report.nothing++;
      else report.failures.push(`${question.id} answered, should decline: ${question.q} → ${text}`);
    } else {
      report.answerable++;
      const holds = (sentence: string) => (question.any ?? []).some((expected) => sentence.includes(expected));
      right = text !== null && holds(text);
      if (right) report.correct++;
      else report.failures.push(`${question.id} ${question.q} → ${text ?? `(declined: ${result.noAnswerCode ?? ''})`}`);
      if (text === null && (result.suggestions ?? []).some((suggestion) => holds(suggestion.text))) report.rightSuggested++;
    }
    const second = result.twoPassages?.[1].text;
    const secondRight = !question.abstain && second !== undefined && (question.any ?? []).some((expected) => second.includes(expected));
    if (result.twoPassages) report.twoPassages++;
    if (!right && secondRight) report.rightSecond++;
    if (!right && text !== null && !secondRight) report.wrongShown++;
    if (question.kind !== undefined) {
      const kind = (report.kinds[question.kind] ??= { right: 0, questions: 0 });
      kind.questions++;
      if (right) kind.right++;
    }
  }
  return report;
}

/** A report as printed by `archivist eval`. */
export function formatEvalReport(report: EvalReport, verbose: boolean): string {
  const share = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);
  const lines = [
    `${report.file}`,
    `  top-1 accuracy: ${report.correct}/${report.answerable} (${share(report.correct, report.answerable)})`,
    `  not sure, the right sentence among the closest passages: ${report.rightSuggested}`,
    `  declined unanswerable: ${report.declined}/${report.unanswerable} (${share(report.declined, report.unanswerable)}; "nothing": ${report.nothing})`,
    `  wrong answers shown: ${report.wrongShown}`,
    `  two passages shown: ${report.twoPassages} (the right one second: ${report.rightSecond})`,
  ];
  const kinds = Object.entries(report.kinds);
  if (kinds.length > 0) lines.push(`  by kind: ${kinds.map(([kind, { right, questions }]) => `${kind} ${right}/${questions}`).join(', ')}`);
  if (verbose) lines.push(...report.failures.map((failure) => `  ✗ ${failure}`));
  return lines.join('\n');
}
