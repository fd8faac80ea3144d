/**
 * `npm run eval:squad`: the SQuAD v1.1 dev answer-sentence benchmark (ReQA protocol) on the
 * whole corpus, reported separately for the `tune` and `holdout` titles, plus abstention
 * on SQuAD 2.0 (AUROC of the confidence, and the declined shares at the chat threshold).
 */
import { access } from 'node:fs/promises';
import { loadCoreConfig, openArchivist, readScoringModel, shownPassages, type Archivist } from '../src/index.js';
import { formatReliability, type ScoredAnswer } from './calibration.js';
import { auroc, isCorrect, loadSquad, SQUAD_DIR, type AbstentionQuestion, type SquadBenchmark } from './squadData.js';

interface SplitScores {
  questions: number;
  r1: number;
  r5: number;
  mrr: number;
  /** Each question's top answer: its confidence and whether it is right. */
  answers: ScoredAnswer[];
}

/** Ranked answers read per question (for R@5 and the MRR). */
const RANKED = 10;

async function rankQuestions(archivist: Archivist, benchmark: SquadBenchmark, titles: Set<string>): Promise<SplitScores> {
  const scores = { questions: 0, r1: 0, r5: 0, mrr: 0 };
  const answers: ScoredAnswer[] = [];
  for (const question of benchmark.questions) {
    if (!titles.has(question.title)) continue;
    const result = await archivist.ask(question.question, { top: RANKED, minConfidence: 0 });
    const ranked = [...shownPassages(result), ...result.alternatives].slice(0, RANKED);
    const rank = ranked.findIndex((answer) => isCorrect(answer, question, benchmark.sentences)) + 1;
    answers.push({ confidence: result.answer?.confidence ?? 0, right: rank === 1 });
    scores.questions++;
    if (rank === 1) scores.r1++;
    if (rank >= 1 && rank <= 5) scores.r5++;
    if (rank >= 1) scores.mrr += 1 / rank;
  }
  return { questions: scores.questions, r1: scores.r1 / scores.questions, r5: scores.r5 / scores.questions, mrr: scores.mrr / scores.questions, answers };
}

async function confidences(archivist: Archivist, questions: AbstentionQuestion[], titles: Set<string>): Promise<number[]> {
  const values: number[] = [];
  for (const question of questions) {
    if (!titles.has(question.title)) continue;
    const result = await archivist.ask(question.question, { top: 1, minConfidence: 0 });
    values.push(result.answer?.confidence ?? 0);
  }
  return values;
}

async function main(): Promise<void> {
  if (!(await access(SQUAD_DIR).then(() => true, () => false))) {
    process.stderr.write(`SQuAD files not found in ${SQUAD_DIR} (set SQUAD_DIR, or put ../shared beside the checkout).\n`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const benchmark = await loadSquad();
  const { backend, scoringModel } = loadCoreConfig(process.env);
  const model = scoringModel === undefined ? undefined : await readScoringModel(scoringModel);
  const archivist = await openArchivist({ corpus: benchmark.corpusFile, indexDir: 'index-data', backend, ...(model ? { model } : {}) });
  const opened = performance.now();
  const rows: string[] = ['| split | questions | R@1 | R@5 | MRR@10 | abstention AUROC | unanswerable declined | answerable answered |', '|---|---|---|---|---|---|---|---|'];
  const tables: string[] = [];
  for (const split of ['tune', 'holdout'] as const) {
    const titles = new Set(benchmark.splits[split]);
    const ranking = await rankQuestions(archivist, benchmark, titles);
    const positive = await confidences(archivist, benchmark.answerable, titles);
    const negative = await confidences(archivist, benchmark.unanswerable, titles);
    const threshold = archivist.answerThreshold;
    const declined = negative.filter((value) => value < threshold).length / negative.length;
    const answered = positive.filter((value) => value >= threshold).length / positive.length;
    const f = (value: number) => value.toFixed(3);
    rows.push(`| ${split} | ${ranking.questions} | ${f(ranking.r1)} | ${f(ranking.r5)} | ${f(ranking.mrr)} | ${f(auroc(positive, negative))} | ${(100 * declined).toFixed(1)}% | ${(100 * answered).toFixed(1)}% |`);
    // Reliability: among answers shown at confidence c, the share right (v1.1 questions, right at rank 1; SQuAD 2.0's unanswerable ones, never right).
    tables.push(formatReliability(`${split}: confidence`, [...ranking.answers, ...negative.map((confidence) => ({ confidence, right: false }))]));
  }
  process.stdout.write(`${rows.join('\n')}\n\n${tables.join('\n\n')}\n\n`);
  await archivist.close();
  process.stdout.write(`search ${backend.kind}; chat threshold ${archivist.answerThreshold}; index ${((opened - started) / 1000).toFixed(1)} s; all questions ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

await main();
