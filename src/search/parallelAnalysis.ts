import type { EncodedAnalysis } from './encodedAnalysis.js';
import { WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** Paragraphs per batch at most; fewer in a small corpus, so that every thread gets several batches. */
const MAX_BATCH = 500;
/** Batches per thread asked for before the oldest is consumed: one being analysed, one ready. */
const BATCHES_PER_THREAD = 2;

/**
 * The analyses of `texts` (`count` of them, as `encodeAnalysis` makes them), in order,
 * made on a pool of `threads` worker threads while this thread consumes them. The batches
 * go out in order, each to the least busy worker, and come back as structured clones of a
 * few strings per paragraph; only `threads × 2` batches are asked for and not yet consumed
 * at any time, and the texts are taken from `texts` only as batches go out, so memory stays
 * bounded whatever the corpus size, and the analyses are the same as on one thread.
 */
export async function* analyseInParallel(texts: Iterable<string>, count: number, threads: number): AsyncGenerator<EncodedAnalysis> {
  const pool = new WorkerPool<string[], EncodedAnalysis[]>(workerScript('analyseWorker.js'), threads);
  const batch = Math.min(MAX_BATCH, Math.max(1, Math.ceil(count / (threads * 8))));
  const source = texts[Symbol.iterator]();
  const asked: Array<Promise<EncodedAnalysis[]>> = [];
  const nextBatch = (): string[] => {
    const next: string[] = [];
    for (let item = source.next(); !item.done; item = source.next()) {
      next.push(item.value);
      if (next.length === batch) break;
    }
    return next;
  };
  const ask = () => {
    while (asked.length < threads * BATCHES_PER_THREAD) {
      const next = nextBatch();
      if (next.length === 0) return;
      const analyses = pool.run(next);
      // Awaited in turn below; a batch that fails before its turn must not count as unhandled meanwhile.
      analyses.catch(() => undefined);
      asked.push(analyses);
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
