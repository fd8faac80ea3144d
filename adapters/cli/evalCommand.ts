import { readFile } from 'node:fs/promises';
import type { Archivist } from '../../src/index.js';

/** One line of a question file: expected substrings (`any`), or `abstain` for questions the corpus cannot answer. */
interface EvalQuestion {
  id: string;
  q: string;
  any?: string[];
  abstain?: boolean;
}

/** Totals of one question file. */
export interface EvalReport {
  file: string;
  answerable: number;
  correct: number;
  unanswerable: number;
  declined: number;
  failures: string[];
}

/**
 * Asks every question of a JSONL file and scores the answers: an answerable question is
 * right when the answer sentence contains one of its `any` strings; an unanswerable one
 * when the answer is declined.
 */
export async function evaluateFile(archivist: Archivist, file: string): Promise<EvalReport> {
  const questions = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
  const report: EvalReport = { file, answerable: 0, correct: 0, unanswerable: 0, declined: 0, failures: [] };
  for (const question of questions) {
    const result = await archivist.ask(question.q);
    const text = result.answer?.text ?? null;
    if (question.abstain) {
      report.unanswerable++;
      if (text === null) report.declined++;
      else report.failures.push(`${question.id} answered, should decline: ${question.q} → ${text}`);
    } else {
      report.answerable++;
      if (text !== null && (question.any ?? []).some((expected) => text.includes(expected))) report.correct++;
      else report.failures.push(`${question.id} ${question.q} → ${text ?? `(declined: ${result.noAnswerCode ?? ''})`}`);
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
    `  declined unanswerable: ${report.declined}/${report.unanswerable} (${share(report.declined, report.unanswerable)})`,
  ];
  if (verbose) lines.push(...report.failures.map((failure) => `  ✗ ${failure}`));
  return lines.join('\n');
}
