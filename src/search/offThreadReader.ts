/**
 * Reading off the serving thread: corpus files, fetched pages and feeds are parsed and
 * read in worker threads (`readerWorker.ts`) under a CPU-time deadline and a memory cap,
 * so that no page, however it is made, holds up answering. A worker that overruns either
 * is replaced; the page is named, and the next one goes on.
 */
import { availableParallelism } from 'node:os';
import type { ArticleSource } from '../ingest/article.js';
import type { FeedItem } from '../ingest/feedItems.js';
import type { Logger } from '../logger.js';
import { MAX_TOKEN_CHARS } from '../text/longTokens.js';
import type { FetchedBytes, ReadJob, ReadPage, ReadReplies, ReadSource } from './readJobs.js';
import { WorkerLimitError, WorkerPool } from './workerPool.js';
import { workerScript } from './workerScript.js';

/** What reading one page may take. */
export interface ReadingLimits {
  /** CPU time, in seconds, reading one page (or one batch of corpus files) may take. @default 30 */
  cpuSeconds: number;
  /** Heap a reading worker may use, in MB. @default 1024 */
  memoryMb: number;
}

/** Defaults of `ReadingLimits`: far above what the largest real page takes (a 5 MB page reads in about 4 s and 200 MB). */
export const defaultReadingLimits: ReadingLimits = { cpuSeconds: 30, memoryMb: 1024 };

/** Why a page could not be read. */
export type ReadingProblem = 'too-slow' | 'too-large' | 'unreadable';

/** A page could not be read; `message` says why in a phrase that follows its name ("X: it took too long to read (…)"). */
export class ReadingError extends Error {
  constructor(readonly problem: ReadingProblem, message: string) {
    super(message);
    this.name = 'ReadingError';
  }
}

/** Corpus sources sent to a worker at a time (fewer when their text is long). */
const BATCH_SOURCES = 50;
const BATCH_CHARS = 1_000_000;

/**
 * Reads corpus entries off this thread, in order: each entry's article and what the page
 * cleaner dropped of it, or null for an entry that could not be read. Such an entry, and
 * each entry whose overlong tokens were cut, is named in one warning.
 */
export async function readEntriesOffThread(entries: ReadonlyArray<{ key: string; source: ArticleSource }>, logger: Logger, limits = defaultReadingLimits, onRead?: (done: number) => void): Promise<Array<Omit<ReadSource, 'cutTokens'> | null>> {
  const outcomes = await readSourcesOffThread(entries.map((entry) => entry.source), limits, onRead);
  return outcomes.map((outcome, position) => {
    const file = entries[position]?.source.file ?? entries[position]?.key ?? '?';
    if (outcome instanceof ReadingError) {
      logger.warn(`Skipped ${file}: ${outcome.message}.`, { file, problem: outcome.problem });
      return null;
    }
    if (outcome.cutTokens > 0) logger.warn(cutTokensWarning(file, outcome.cutTokens), { file, cut: outcome.cutTokens });
    return { article: outcome.article, dropped: outcome.dropped, notes: outcome.notes };
  });
}

/** The warning for a text some of whose tokens were cut. */
export function cutTokensWarning(name: string, cut: number): string {
  return `Cut ${cut.toLocaleString('en-US')} run${cut === 1 ? '' : 's'} of characters without a space in ${name} to ${MAX_TOKEN_CHARS} characters: no word is longer, and longer ones would slow reading down.`;
}

/**
 * Reads corpus sources in workers, in batches (`onRead` hears how many are read, as each batch is done); when a batch fails, its sources are read
 * one by one, so only the one that cannot be read fails (as a `ReadingError`, in its place).
 */
export async function readSourcesOffThread(sources: readonly ArticleSource[], limits = defaultReadingLimits, onRead?: (done: number) => void): Promise<Array<ReadSource | ReadingError>> {
  let done = 0;
  const readBatch = async (batch: ArticleSource[]): Promise<Array<ReadSource | ReadingError>> => {
    try {
      return await runJob({ kind: 'sources', sources: batch }, limits);
    } catch (error) {
      if (batch.length === 1) return [asReadingError(error, limits)];
      const alone = (source: ArticleSource) => runJob({ kind: 'sources', sources: [source] }, limits).then(([read]) => read ?? asReadingError(new Error('no reply'), limits));
      return Promise.all(batch.map((source) => alone(source).catch((failure: unknown) => asReadingError(failure, limits))));
    }
  };
  const batches = await Promise.all(
    batchesOf(sources).map(async (batch) => {
      const read = await readBatch(batch);
      done += batch.length;
      onRead?.(done);
      return read;
    }),
  );
  return batches.flat();
}

/** Reads a fetched page: its article and the canonical URL it claims. @throws ReadingError */
export async function readPageOffThread(page: FetchedBytes, limits = defaultReadingLimits): Promise<ReadPage> {
  return runJob({ kind: 'page', page }, limits).catch((error: unknown) => Promise.reject(asReadingError(error, limits)));
}

/** Reads a fetched feed's items. @throws ReadingError (`unreadable` when it is not an RSS or Atom feed) */
export async function readFeedOffThread(feed: FetchedBytes, limits = defaultReadingLimits): Promise<FeedItem[]> {
  return runJob({ kind: 'feed', feed }, limits).catch((error: unknown) => Promise.reject(asReadingError(error, limits)));
}

function batchesOf(sources: readonly ArticleSource[]): ArticleSource[][] {
  const batches: ArticleSource[][] = [];
  let batch: ArticleSource[] = [];
  let chars = 0;
  for (const source of sources) {
    if (batch.length > 0 && (batch.length >= BATCH_SOURCES || chars + source.text.length > BATCH_CHARS)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(source);
    chars += source.text.length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The failure of a job as a `ReadingError`, worded to follow the page's name. */
function asReadingError(error: unknown, limits: ReadingLimits): ReadingError {
  if (error instanceof ReadingError) return error;
  const count = (value: number) => value.toLocaleString('en-US');
  if (error instanceof WorkerLimitError && error.limit === 'time') return new ReadingError('too-slow', `it took too long to read (more than ${count(limits.cpuSeconds)} s of CPU time)`);
  if (error instanceof WorkerLimitError) return new ReadingError('too-large', `it is too large to read (it needed more than the ${count(limits.memoryMb)} MB of memory a reader may use)`);
  return new ReadingError('unreadable', `it could not be read (${error instanceof Error ? error.message : String(error)})`);
}

/** One pool per set of limits (a process uses one, tests a few). */
const pools = new Map<string, WorkerPool<ReadJob, ReadReplies[ReadJob['kind']]>>();

function runJob<Job extends ReadJob>(job: Job, limits: ReadingLimits): Promise<ReadReplies[Job['kind']]> {
  const key = `${limits.cpuSeconds}/${limits.memoryMb}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new WorkerPool(workerScript('readerWorker.js'), Math.min(2, availableParallelism()), undefined, {
      cpuMs: limits.cpuSeconds * 1000,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    pools.set(key, pool);
  }
  return pool.run(job) as Promise<ReadReplies[Job['kind']]>;
}
