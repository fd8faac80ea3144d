import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readCorpus, type CorpusEntry } from '../ingest/readCorpus.js';
import type { Logger } from '../logger.js';
import { buildCorpus, updateCorpus, type SearchableCorpus } from './buildIndex.js';
import { PostingsIndex } from './postings/postingsIndex.js';
import { DamagedDataError } from './checksum.js';
import { corpusFileOf, settledIdentity, type CorpusFile } from './corpusFile.js';
import { indexFolderFor, isUnusable, loadSnapshot, readManifest, saveIndex, type IndexManifest, type StoreCheck } from './persist.js';
import { saveOrSayWhy } from './diskErrors.js';
import type { IndexProgress, RefreshJob } from './indexJob.js';
import { refreshInWorker } from './workerBuild.js';

/** Entries to index at or above which the work goes to a worker thread by default. */
export const WORKER_MIN_ENTRIES = 500;
/** Characters of text to index at or above which the work goes to a worker thread by default (a few large files take as long as many small ones). */
export const WORKER_MIN_CHARS = 2_000_000;

/** How to prepare an index. */
export interface PrepareOptions {
  logger: Logger;
  onProgress?: ((progress: IndexProgress) => void) | undefined;
  /** Build or update in a worker thread; by default when `WORKER_MIN_ENTRIES` entries or `WORKER_MIN_CHARS` characters or more need indexing. */
  buildInWorker?: boolean | undefined;
  /** Digest (and identity) of a single-file corpus, taken before `entries` were read; saved so that the next start can skip reading it. */
  corpusFile?: CorpusFile | undefined;
  /** How much of a saved store to check at load (see `StoreCheck`). @default 'records' */
  storeCheck?: StoreCheck | undefined;
  /** Build from the corpus whatever the saved index holds (it was found damaged after it was loaded). */
  rebuild?: boolean | undefined;
}

/** A corpus opened for answering, with the fingerprints of the entries it holds. */
export interface OpenedCorpus {
  corpus: SearchableCorpus<PostingsIndex>;
  fingerprints: Record<string, string>;
}

/**
 * Opens a corpus for answering: a single-file corpus that is the one its saved index was
 * built from is not read at all (its identity, or else one hash of the file, says so; see
 * `corpusFile.ts`), and the index loads; otherwise the corpus is read and `prepareIndex`
 * brings the index up to date.
 * @throws CorpusError when the corpus is missing or holds no readable article.
 */
export async function openCorpus(corpusPath: string, indexDir: string | null, options: PrepareOptions): Promise<OpenedCorpus> {
  const { logger } = options;
  let corpusFile: CorpusFile | undefined;
  if (indexDir !== null) {
    const folder = indexFolderFor(indexDir, corpusPath);
    const manifest = await readManifest(folder);
    if (manifest !== null && !isUnusable(manifest) && manifest.corpusDigest !== undefined) {
      const identity = await settledIdentity(corpusPath);
      const unchanged = identity !== undefined && identity === manifest.corpusIdentity;
      if (!unchanged) corpusFile = await corpusFileOf(corpusPath);
      const saved = unchanged || corpusFile?.digest === manifest.corpusDigest ? await loadSnapshot(folder, manifest, options.storeCheck) : null;
      if (saved !== null && !isUnusable(saved)) {
        logger.debug('Loaded the saved index as it is.', { folder });
        const total = Object.keys(manifest.entries).length;
        options.onProgress?.({ phase: 'reading', done: total, total });
        return { corpus: saved, fingerprints: manifest.entries };
      }
    }
    corpusFile ??= await corpusFileOf(corpusPath);
  }
  const entries = await readCorpus(corpusPath, logger);
  options.onProgress?.({ phase: 'reading', done: entries.length, total: entries.length });
  const corpus = await prepareIndex(corpusPath, indexDir, entries, { ...options, corpusFile });
  return { corpus, fingerprints: fingerprintsOf(entries) };
}

/**
 * The searchable corpus for `entries`: the saved index in `indexDir` when it matches them,
 * updated when some entries changed, rebuilt (saying why, in one warning) when it is
 * corrupt or from another version, then saved. With `indexDir` null, built in memory.
 */
export async function prepareIndex(corpusPath: string, indexDir: string | null, entries: CorpusEntry[], options: PrepareOptions): Promise<SearchableCorpus<PostingsIndex>> {
  const { logger, onProgress } = options;
  if (indexDir === null) return buildCorpus(entries, logger, indexingProgress(onProgress));
  const folder = indexFolderFor(indexDir, corpusPath);
  let base = options.rebuild === true ? null : await usableManifest(folder, logger);
  if (base && countChanges(base.entries, entries) === 0) {
    const saved = await loadSnapshot(folder, base, options.storeCheck);
    if (!isUnusable(saved)) {
      logger.debug('Loaded the saved index as it is.', { folder });
      return saved;
    }
    sayRebuilding(logger, folder, saved.problem);
    base = null;
  }
  const job: RefreshJob = { corpusPath, folder, entries, base, corpusFile: options.corpusFile };
  if (!(options.buildInWorker ?? isWorkerSized(base?.entries ?? {}, entries))) return refreshSavedIndex(job, logger, onProgress);
  await refreshInWorker(job, logger, onProgress);
  const written = await readManifest(folder);
  // The worker could not save what it built (the disk refused, and it said so): build it again here, in memory.
  if (written === null || (!isUnusable(written) && countChanges(written.entries, entries) > 0)) return refreshSavedIndex(job, logger, onProgress);
  const saved = isUnusable(written) ? written : await loadSnapshot(folder, written);
  if (isUnusable(saved)) throw new Error(`The index built in a worker cannot be read back from ${folder}: ${saved.problem}.`);
  return saved;
}

/**
 * Brings the saved index of a job up to date in this thread (loading the base, updating
 * the changed entries, or building from scratch) and saves it. Returns the corpus.
 */
export async function refreshSavedIndex(job: RefreshJob, logger: Logger, onProgress?: (progress: IndexProgress) => void): Promise<SearchableCorpus<PostingsIndex>> {
  const { folder, entries } = job;
  const indexing = indexingProgress(onProgress);
  const saved = job.base ? await loadSnapshot(folder, job.base) : null;
  if (isUnusable(saved)) sayRebuilding(logger, folder, saved.problem);
  if (saved !== null && !isUnusable(saved)) {
    try {
      const corpus = { store: saved.store, index: saved.index };
      const changed = await updateCorpus(corpus, saved.manifest.entries, entries, logger, indexing);
      logger.info(`Updated the index for ${changed} changed file(s).`, { folder, changed });
      return await saveRefreshed(job, corpus, logger, onProgress);
    } catch (error) {
      // A paragraph of the saved store found damaged while it was updated or copied: nothing of that store is kept.
      if (!(error instanceof DamagedDataError)) throw error;
      sayRebuilding(logger, folder, `its data files are damaged: ${error.problem}`);
    }
  }
  // The paragraphs are spooled beside the index they are saved to (a disk the index fits on, unlike a small /tmp in memory).
  await mkdir(folder, { recursive: true });
  return saveRefreshed(job, await buildCorpus(entries, logger, indexing, PostingsIndex.create(), undefined, folder), logger, onProgress);
}

/** Saves a refreshed corpus (saying why not when the disk refuses) and returns it. */
async function saveRefreshed(job: RefreshJob, corpus: SearchableCorpus<PostingsIndex>, logger: Logger, onProgress?: (progress: IndexProgress) => void): Promise<SearchableCorpus<PostingsIndex>> {
  const { folder } = job;
  onProgress?.({ phase: 'saving', done: 0, total: 1 });
  await saveOrSayWhy(folder, logger, () => saveCorpus(folder, job.corpusPath, job.entries, corpus, job.corpusFile));
  onProgress?.({ phase: 'saving', done: 1, total: 1 });
  logger.debug('Saved a new index.', { folder, paragraphs: corpus.store.paragraphCount });
  return corpus;
}

/** Says, in one warning, that the saved index in `folder` is rebuilt, and why (`problem`, one phrase). */
export function sayRebuilding(logger: Logger, folder: string, problem: string): void {
  logger.warn(`Rebuilding the index in ${folder}: ${problem}.`, { folder });
}

/** Saves a corpus with the fingerprints of the entries it was built from (and the digest and identity of the file they were read from, when known). */
export async function saveCorpus(folder: string, corpusPath: string, entries: CorpusEntry[], corpus: SearchableCorpus<PostingsIndex>, corpusFile?: CorpusFile): Promise<void> {
  const manifest = {
    corpus: path.resolve(corpusPath),
    ...(corpusFile === undefined ? {} : { corpusDigest: corpusFile.digest }),
    ...(corpusFile?.identity === undefined ? {} : { corpusIdentity: corpusFile.identity }),
    entries: fingerprintsOf(entries),
    builtAt: new Date().toISOString(),
    paragraphs: corpus.store.paragraphCount,
  };
  await saveIndex(folder, manifest, corpus.store, corpus.index);
}

/** Entry key → content hash. */
export function fingerprintsOf(entries: CorpusEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.hash]));
}

/** Whether bringing saved fingerprints up to date with `entries` is work for a worker thread (too much for one event-loop turn). */
export function isWorkerSized(saved: Record<string, string>, entries: CorpusEntry[]): boolean {
  let count = 0;
  let chars = 0;
  for (const entry of entries) {
    if (saved[entry.key] === entry.hash) continue;
    count++;
    chars += entry.source.text.length;
  }
  return count >= WORKER_MIN_ENTRIES || chars >= WORKER_MIN_CHARS;
}

/** Entries added, changed and removed between saved fingerprints and the current entries. */
export interface CorpusChanges {
  added: number;
  changed: number;
  removed: number;
}

/** What differs between saved fingerprints and the current entries, entry by entry. */
export function describeChanges(saved: Record<string, string>, entries: CorpusEntry[]): CorpusChanges {
  const changes: CorpusChanges = { added: 0, changed: 0, removed: 0 };
  const current = new Set<string>();
  for (const entry of entries) {
    current.add(entry.key);
    const before = saved[entry.key];
    if (before === undefined) changes.added++;
    else if (before !== entry.hash) changes.changed++;
  }
  for (const key of Object.keys(saved)) if (!current.has(key)) changes.removed++;
  return changes;
}

/** Number of entries added, changed or removed between saved fingerprints and the current entries. */
function countChanges(saved: Record<string, string>, entries: CorpusEntry[]): number {
  const { added, changed, removed } = describeChanges(saved, entries);
  return added + changed + removed;
}

async function usableManifest(folder: string, logger: Logger): Promise<IndexManifest | null> {
  const manifest = await readManifest(folder);
  if (!isUnusable(manifest)) return manifest;
  sayRebuilding(logger, folder, manifest.problem);
  return null;
}

function indexingProgress(onProgress: ((progress: IndexProgress) => void) | undefined) {
  return (done: number, total: number, phase: 'reading' | 'indexing') => onProgress?.({ phase, done, total });
}
