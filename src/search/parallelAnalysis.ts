import { Worker } from 'node:worker_threads';
import { analyseParagraph, type ParagraphAnalysis } from './corpusStore.js';
import { workerScript } from './workerBuild.js';

/**
 * Analyses paragraphs on two threads: a helper worker takes the second half while this
 * thread does the first; the result is the same as analysing them in order here.
 * `progress` is told how many of this thread's paragraphs are done.
 */
export async function analyseInParallel(texts: string[], progress?: (done: number) => void): Promise<ParagraphAnalysis[]> {
  const half = Math.ceil(texts.length / 2);
  const helper = new Promise<ParagraphAnalysis[]>((resolve, reject) => {
    const worker = new Worker(workerScript('analyseWorker.js'), { workerData: texts.slice(half) });
    worker.once('message', (json: string) => resolve(JSON.parse(json) as ParagraphAnalysis[]));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The analysis worker stopped (exit code ${code}) before answering.`)));
  });
  const mine: ParagraphAnalysis[] = [];
  for (const text of texts.slice(0, half)) {
    mine.push(analyseParagraph(text));
    progress?.(mine.length);
  }
  const theirs = await helper;
  if (theirs.length !== texts.length - half) throw new Error('The analysis worker answered for other paragraphs.');
  return [...mine, ...theirs];
}
