import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../src/index.js';

/** Where the SQuAD benchmark files are (`../shared/eval/squad` beside the checkout, or `$SQUAD_DIR`). */
export const SQUAD_DIR = process.env.SQUAD_DIR ?? path.resolve('..', 'shared', 'eval', 'squad');

/** A benchmark question with its gold paragraph and answer starts. */
export interface SquadQuestion {
  id: string;
  question: string;
  title: string;
  paragraph_id: string;
  answer_starts: number[];
}

/** A SQuAD 2.0 question for the abstention measure. */
export interface AbstentionQuestion {
  id: string;
  question: string;
  title: string;
  is_impossible: boolean;
}

/** Everything the benchmark reads. */
export interface SquadBenchmark {
  corpusFile: string;
  questions: SquadQuestion[];
  answerable: AbstentionQuestion[];
  unanswerable: AbstentionQuestion[];
  splits: { tune: string[]; holdout: string[] };
  /** Gold sentence offsets per paragraph id. */
  sentences: Map<string, Array<[number, number]>>;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  return (await readFile(path.join(SQUAD_DIR, file), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Loads the benchmark files. */
export async function loadSquad(): Promise<SquadBenchmark> {
  const corpus = await readJsonl<{ id: string; sentences: Array<[number, number]> }>('corpus.jsonl');
  return {
    corpusFile: path.join(SQUAD_DIR, 'corpus.jsonl'),
    questions: await readJsonl<SquadQuestion>('questions.jsonl'),
    answerable: await readJsonl<AbstentionQuestion>('answerable_v2.jsonl'),
    unanswerable: await readJsonl<AbstentionQuestion>('unanswerable_v2.jsonl'),
    splits: JSON.parse(await readFile(path.join(SQUAD_DIR, 'splits.json'), 'utf8')) as SquadBenchmark['splits'],
    sentences: new Map(corpus.map((paragraph) => [paragraph.id, paragraph.sentences])),
  };
}

/**
 * ReQA's criterion: the answer comes from the gold paragraph, its span contains one of the
 * answer starts, and it lies within one gold sentence.
 */
export function isCorrect(answer: Answer, question: SquadQuestion, sentences: Map<string, Array<[number, number]>>): boolean {
  if (answer.source.articleId !== question.paragraph_id) return false;
  const { start, end } = answer.span;
  if (!question.answer_starts.some((answerStart) => start <= answerStart && answerStart < end)) return false;
  return (sentences.get(question.paragraph_id) ?? []).some(([goldStart, goldEnd]) => goldStart <= start && end <= goldEnd);
}

/** Area under the ROC curve of scores for positives against negatives (ties count half). */
export function auroc(positives: number[], negatives: number[]): number {
  const all = [...positives.map((score) => ({ score, positive: true })), ...negatives.map((score) => ({ score, positive: false }))].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let index = 0; index < all.length; ) {
    let end = index;
    while (end + 1 < all.length && all[end + 1]?.score === all[index]?.score) end++;
    const averageRank = (index + end) / 2 + 1;
    for (let k = index; k <= end; k++) if (all[k]?.positive) rankSum += averageRank;
    index = end + 1;
  }
  const p = positives.length;
  const n = negatives.length;
  return p === 0 || n === 0 ? NaN : (rankSum - (p * (p + 1)) / 2) / (p * n);
}
