import { readCorpus } from '../ingest/readCorpus.js';
import type { Logger, RoundLogger } from '../logger.js';
import { updateCorpus, type SearchableCorpus } from './buildIndex.js';
import type { PostingsIndex } from './postings/postingsIndex.js';
import { DamagedDataError } from './checksum.js';
import { corpusFileOf } from './corpusFile.js';
import { saveOrSayWhy } from './diskErrors.js';
import { withIndexLock } from './indexLock.js';
import { indexFolderFor } from './persist.js';
import { describeChanges, fingerprintsOf, isWorkerSized, prepareIndex, saveCorpus, sayRebuilding } from './prepareIndex.js';

/** A corpus that follows its files: the searchable state of now, and a way to catch up. */
export interface LiveCorpus {
  /** The state questions are answered from. */
  current(): SearchableCorpus<PostingsIndex>;
  /**
   * Re-reads the corpus and applies what changed; resolves once the change is answerable
   * (and saved). Returns the number of entries added, changed or removed. Reloads run one
   * at a time; a failure is logged and leaves the current state answering.
   */
  reload(): Promise<number>;
  /** Waits for a running reload to finish. */
  settle(): Promise<void>;
  /**
   * Rebuilds the saved index from the corpus files after `damage` was found in it while
   * answering (one warning; questions that meet the same damage meanwhile share the
   * rebuild); resolves once the rebuilt state answers.
   */
  repair(damage: DamagedDataError): Promise<void>;
}

/** Where a live corpus comes from. */
export interface LiveCorpusSource {
  corpusPath: string;
  indexDir: string | null;
  /** Where reloads and warnings go; a `RoundLogger` (`sayWarningsOnce`) starts a round at each reload, so a file's warning is not repeated by every reload. */
  logger: Logger | RoundLogger;
  /** Fingerprints (key → hash) of the entries `corpus` was built from. */
  fingerprints: Record<string, string>;
  corpus: SearchableCorpus<PostingsIndex>;
}

/**
 * A live corpus starting from an opened one. A reload with few changes updates the store
 * and index in place within one event-loop turn (the index's add and remove do no I/O),
 * and questions start in turns of their own, so a question sees the corpus either wholly
 * before or wholly after the change; while the files are read, the old state answers.
 * Many changes (`WORKER_MIN_ENTRIES` entries or `WORKER_MIN_CHARS` characters or more) are applied by a worker thread to the saved
 * index, which is then loaded and swapped in as a new snapshot.
 */
export function createLiveCorpus(source: LiveCorpusSource): LiveCorpus {
  const { corpusPath, indexDir, logger } = source;
  let corpus = source.corpus;
  let fingerprints = source.fingerprints;
  let running: Promise<number> = Promise.resolve(0);

  /** Builds the index again from the corpus files, unless `damaged` is no longer the state answering (rebuilt already). */
  const rebuild = async (damaged: SearchableCorpus<PostingsIndex>, damage: DamagedDataError): Promise<void> => {
    if (corpus !== damaged) return;
    if (indexDir === null) throw damage;
    const folder = indexFolderFor(indexDir, corpusPath);
    sayRebuilding(logger, folder, `its data files are damaged: ${damage.problem}`);
    const corpusFile = await corpusFileOf(corpusPath);
    const entries = await readCorpus(corpusPath, logger);
    corpus = await withIndexLock(folder, logger, () => prepareIndex(corpusPath, indexDir, entries, { logger, corpusFile, rebuild: true }));
    fingerprints = fingerprintsOf(entries);
  };

  const update = async (): Promise<number> => {
    const reading = corpus;
    try {
      return await apply();
    } catch (error) {
      if (!(error instanceof DamagedDataError)) throw error;
      await rebuild(reading, error);
      return 0;
    }
  };

  const apply = async (): Promise<number> => {
    const started = performance.now();
    if ('nextRound' in logger) logger.nextRound();
    const entries = await readCorpus(corpusPath, logger);
    const changes = describeChanges(fingerprints, entries);
    const changed = changes.added + changes.changed + changes.removed;
    if (changed === 0) return 0;
    const folder = indexDir === null ? null : indexFolderFor(indexDir, corpusPath);
    if (indexDir !== null && folder !== null && isWorkerSized(fingerprints, entries)) {
      corpus = await withIndexLock(folder, logger, () => prepareIndex(corpusPath, indexDir, entries, { logger, buildInWorker: true }));
      fingerprints = fingerprintsOf(entries);
    } else {
      await updateCorpus(corpus, fingerprints, entries, logger);
      // Taken before saving: a failed save must not make the next reload apply this change twice.
      fingerprints = fingerprintsOf(entries);
      if (folder !== null) await withIndexLock(folder, logger, () => saveOrSayWhy(folder, logger, () => saveCorpus(folder, corpusPath, entries, corpus)));
    }
    const { articles, paragraphCount } = corpus.store;
    logger.info(`Reloaded: ${changes.added} added, ${changes.changed} changed, ${changes.removed} removed.`, { corpus: corpusPath, ...changes, articles: articles.length, paragraphs: paragraphCount, ms: Math.round(performance.now() - started) });
    return changed;
  };

  return {
    current: () => corpus,
    reload: () => {
      running = running.then(update).catch((error: unknown) => {
        logger.warn(`Could not reload ${corpusPath}: ${error instanceof Error ? error.message : String(error)}`, { error });
        return 0;
      });
      return running;
    },
    settle: async () => {
      await running;
    },
    repair: (damage) => {
      const damaged = corpus;
      const repaired = running.then(() => rebuild(damaged, damage));
      running = repaired.then(
        () => 0,
        () => 0,
      );
      return repaired;
    },
  };
}
