import { Worker } from 'node:worker_threads';
import { analyseParagraph, type ParagraphAnalysis } from './corpusStore.js';
import { workerScript } from './workerScript.js';

/** Paragraphs per batch by default: batches alternate between this thread and the helper. */
const BATCH = 1000;

/**
 * The analyses of `texts`, in order, made on two threads: batches alternate between this
 * thread and a helper worker, which works on its batches meanwhile; the analyses are the
 * same as on one thread. Only the analyses not yet consumed are held, so memory stays
 * bounded when the consumer keeps up.
 */
export async function* analyseOnTwoThreads(texts: string[], batch = BATCH): AsyncGenerator<ParagraphAnalysis> {
  const worker = new Worker(workerScript('analyseWorker.js'));
  const pending: Array<{ resolve: (json: string) => void; reject: (error: Error) => void }> = [];
  const answers: Array<Promise<string>> = [];
  const fail = (error: Error) => pending.splice(0).forEach((waiter) => waiter.reject(error));
  worker.on('message', (json: string) => pending.shift()?.resolve(json));
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`The analysis worker stopped (exit code ${code}).`)));
  try {
    for (let start = batch; start < texts.length; start += 2 * batch) {
      answers.push(new Promise((resolve, reject) => pending.push({ resolve, reject })));
      worker.postMessage(texts.slice(start, start + batch));
    }
    for (let start = 0; start < texts.length; start += batch) {
      const answer = (start / batch) % 2 === 1 ? answers.shift() : undefined;
      if (answer === undefined) {
        for (const text of texts.slice(start, start + batch)) yield analyseParagraph(text);
      } else {
        yield* JSON.parse(await answer) as ParagraphAnalysis[];
      }
    }
  } finally {
    await worker.terminate();
  }
}
