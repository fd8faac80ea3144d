import { stat } from 'node:fs/promises';
import { answerQuestion } from './answer/answerQuestion.js';
import { DEFAULT_MODEL, type ScoringModel } from './answer/scoring.js';
import { CorpusError } from './errors.js';
import { watchFolder } from './ingest/watchFolder.js';
import { sayWarningsOnce, silentLogger, type Logger, type RoundLogger } from './logger.js';
import type { BackendSettings } from './search/backendSettings.js';
import { DamagedDataError } from './search/checksum.js';
import { createLiveCorpus } from './search/liveCorpus.js';
import type { IndexProgress } from './search/indexJob.js';
import { withIndexLock } from './search/indexLock.js';
import { indexFolderFor } from './search/persist.js';
import { openCorpus } from './search/prepareIndex.js';
import type { ServedCorpus } from './search/paragraphSource.js';
import { servedStore } from './search/storeSource.js';
import { createTurnPacer } from './turnPacer.js';
import type { SphinxSettings } from './search/sphinx/clusterClient.js';
import { openSphinxCorpus } from './search/sphinx/openSphinxCorpus.js';
import type { AnswerResult, ArticleSummary, AskOptions } from './types.js';

export type { IndexProgress } from './search/indexJob.js';

/** How to open a corpus. */
export interface OpenArchivistOptions {
  /** A folder of `.txt`/`.md`/`.html` articles, or a `.jsonl` file of `{id, title, text}` records. */
  corpus: string;
  /** Where the index is persisted; `null` keeps it in memory only. @default 'index-data' */
  indexDir?: string | null;
  /** Where warnings (skipped files, rebuilt index) and reloads go. @default silentLogger */
  logger?: Logger;
  /** Called while an index is built (for a progress bar). */
  onProgress?: (progress: IndexProgress) => void;
  /**
   * Watch a corpus folder and apply added, changed and removed files while answering
   * (the old state answers until the new one is ready). Ignored for a `.jsonl` corpus. @default false
   */
  watch?: boolean;
  /** Build or update the index in a worker thread. @default true when 500 entries or 2,000,000 characters or more need indexing (`WORKER_MIN_ENTRIES`, `WORKER_MIN_CHARS`) */
  buildInWorker?: boolean;
  /** Which search backend ranks paragraphs. @default { kind: 'embedded' } */
  backend?: BackendSettings;
  /** How sentences are ranked and how sure an answer must be (`readScoringModel`). @default the shipped model */
  model?: ScoringModel;
  /** Worker threads that analyse paragraphs while a corpus is loaded onto a Sphinx cluster. @default one per core */
  analysisThreads?: number;
  /**
   * Check every byte of the saved index at open, and rebuild it now if any is damaged (what
   * `archivist index` does). Otherwise each paragraph is checked when first read, and
   * damage found while answering is rebuilt then. @default false
   */
  checkWholeIndex?: boolean;
}

/** An opened corpus that answers questions. */
export interface Archivist {
  /** Answers one question with the best sentence and its source, or a reasoned null answer. */
  ask(question: string, options?: AskOptions): Promise<AnswerResult>;
  /** The articles in the corpus, in file order. */
  sources(): ArticleSummary[];
  /** Confidence below which `ask` returns no answer. */
  readonly answerThreshold: number;
  /** Confidence at or above which a chat bot may answer without being asked directly. */
  readonly confidentThreshold: number;
  /** Sizes of what is indexed. */
  readonly stats: { articles: number; paragraphs: number; sentences: number };
  /** Releases resources (watchers, workers). */
  close(): Promise<void>;
}

/**
 * Opens a corpus: reads its articles, then uses the saved index when it matches them,
 * updates it when some files changed, and rebuilds it (saying why, in one warning) when
 * it is corrupt or was built by another version. Large builds run in a worker thread.
 * With a Sphinx backend, the corpus is held on the cluster instead (see `openOnCluster`).
 * @throws CorpusError when the corpus is missing or holds no readable article; with a Sphinx backend, SearchUnavailableError or ConfigError when the cluster cannot be used.
 */
export async function openArchivist(options: OpenArchivistOptions): Promise<Archivist> {
  // A skipped file is named once, not again by every reload that reads it.
  const logger = sayWarningsOnce(options.logger ?? silentLogger);
  const indexDir = options.indexDir === undefined ? 'index-data' : options.indexDir;
  if (options.backend?.kind === 'sphinx') return openOnCluster(options, options.backend, indexDir, logger);
  // One process at a time reads or writes a corpus's saved index (another builder's result is then used, not raced).
  const locked = <T>(work: () => Promise<T>): Promise<T> => (indexDir === null ? work() : withIndexLock(indexFolderFor(indexDir, options.corpus), logger, work));
  const storeCheck = options.checkWholeIndex === true ? 'whole' : 'records';
  const { corpus, fingerprints } = await locked(() => openCorpus(options.corpus, indexDir, { logger, onProgress: options.onProgress, buildInWorker: options.buildInWorker, storeCheck }));
  if (corpus.store.paragraphCount === 0) {
    throw new CorpusError('CORPUS_EMPTY', options.corpus, `No article text found in ${options.corpus}.`);
  }
  const live = createLiveCorpus({ corpusPath: options.corpus, indexDir, logger, fingerprints, corpus });
  const watching = options.watch === true && (await stat(options.corpus)).isDirectory();
  const unwatch = watching ? watchFolder(options.corpus, () => void live.reload(), logger) : undefined;
  return createArchivist({ current: () => servedStore(live.current()), repair: (damage) => live.repair(damage) }, options.model ?? DEFAULT_MODEL, async () => {
    unwatch?.();
    await live.settle();
  });
}

/**
 * Opens a corpus held on a Sphinx cluster: from its saved state, it answers at once and
 * catches up with its files (before returning, or meanwhile when `watch`: a bot restarts
 * without reading its corpus); without one, the corpus is loaded onto the cluster first.
 */
async function openOnCluster(options: OpenArchivistOptions, settings: SphinxSettings, indexDir: string | null, logger: RoundLogger): Promise<Archivist> {
  const { live, needsSync } = await openSphinxCorpus({ corpus: options.corpus, indexDir, settings, logger, onProgress: options.onProgress, threads: options.analysisThreads });
  const catchUp = async () => {
    const changed = await live.sync();
    if (changed > 0) logger.info(`Updated the Sphinx index for ${changed} changed file(s).`, { changed });
  };
  if (needsSync && options.watch === true) {
    void catchUp().catch((error: unknown) => logger.warn(`Could not catch up with ${options.corpus}: ${error instanceof Error ? error.message : String(error)}`, { error }));
  } else if (needsSync) {
    await catchUp().catch(async (error: unknown) => {
      await live.close();
      throw error;
    });
  }
  const watching = options.watch === true && (await stat(options.corpus).catch(() => undefined))?.isDirectory() === true;
  const reload = async () => {
    logger.nextRound();
    const changed = await live.reload();
    if (changed > 0) logger.info(`Reloaded: ${changed} file(s) added, changed or removed.`, { corpus: options.corpus, changed });
  };
  const unwatch = watching ? watchFolder(options.corpus, () => void reload(), logger) : undefined;
  return createArchivist(live, options.model ?? DEFAULT_MODEL, async () => {
    unwatch?.();
    await live.close();
  });
}

/**
 * An Archivist over a live corpus. Each question starts in an event-loop turn of its own
 * and reads the corpus state current at that moment. A question that meets a damaged
 * paragraph of the saved index (`repair` given) waits for the index to be rebuilt and is
 * answered from the rebuilt one: damaged data never answers.
 */
export function createArchivist(live: { current(): ServedCorpus; repair?(damage: DamagedDataError): Promise<void> }, model: ScoringModel, close: () => Promise<void>): Archivist {
  const pace = createTurnPacer();
  return {
    ask: async (question, askOptions) => {
      await pace();
      const answer = () => answerQuestion({ source: live.current(), model }, question, askOptions);
      try {
        return await answer();
      } catch (error) {
        if (!(error instanceof DamagedDataError) || live.repair === undefined) throw error;
        await live.repair(error);
        return answer();
      }
    },
    sources: () =>
      live.current().articles().map(({ key, articleId, title, publisher, date, byline, file, url, paragraphIds }) => ({
        key,
        articleId,
        title,
        publisher,
        date,
        byline,
        file,
        url,
        paragraphs: paragraphIds.length,
      })),
    answerThreshold: model.answerThreshold,
    confidentThreshold: model.confidentThreshold,
    get stats() {
      return live.current().counts();
    },
    close,
  };
}
