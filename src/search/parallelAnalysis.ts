import type { EncodedAnalysis } from './encodedAnalysis.js';
import { WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Paragraphs per batch at most; fewer in a small corpus, so that every thread gets several batches. */
const MAX_BATCH = 500;
/** Batches per thread asked for before the oldest is consumed: one being analysed, one ready. */
const BATCHES_PER_THREAD = 2;

/**
 * The analyses of `texts` (as `encodeAnalysis` makes them), in order, made on a pool of
 * `threads` worker threads while this thread consumes them. The batches go out in order,
 * each to the least busy worker, and come back as structured clones (cheaper for this thread
 * to receive than JSON text); only `threads × 2` batches are asked for and not yet
 * consumed at any time, so memory stays bounded whatever the corpus size, and the analyses
 * are the same as on one thread.
 */
export async function* analyseInParallel(texts: string[], threads: number): AsyncGenerator<EncodedAnalysis> {
  const pool = new WorkerPool<string[], EncodedAnalysis[]>(workerScript('analyseWorker.js'), threads);
  const batch = Math.min(MAX_BATCH, Math.max(1, Math.ceil(texts.length / (threads * 8))));
  const asked: Array<Promise<EncodedAnalysis[]>> = [];
  let next = 0;
  const ask = () => {
    while (asked.length < threads * BATCHES_PER_THREAD && next < texts.length) {
      const analyses = pool.run(texts.slice(next, next + batch));
      // Awaited in turn below; a batch that fails before its turn must not count as unhandled meanwhile.
      analyses.catch(() => undefined);
      asked.push(analyses);
      next += batch;
    }
  };
  try {
    ask();
    for (let analyses = asked.shift(); analyses !== undefined; analyses = asked.shift()) {
      const made = await analyses;
      ask();
      yield* made;
    }
  } finally {
    await pool.close();
  }
}
