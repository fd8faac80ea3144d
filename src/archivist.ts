import { stat } from 'node:fs/promises';
import { answerQuestion } from './answer/answerQuestion.js';
import { DEFAULT_MODEL, type ScoringModel } from './answer/scoring.js';
import { CorpusError } from './errors.js';
import { readCorpus } from './ingest/readCorpus.js';
import { watchFolder } from './ingest/watchFolder.js';
import { sayWarningsOnce, silentLogger, type Logger } from './logger.js';
import type { BackendSettings } from './search/backendSettings.js';
import type { SearchableCorpus } from './search/buildIndex.js';
import { createLiveCorpus } from './search/liveCorpus.js';
import type { IndexProgress } from './search/indexJob.js';
import { withIndexLock } from './search/indexLock.js';
import { indexFolderFor } from './search/persist.js';
import { openCorpus } from './search/prepareIndex.js';
import { createTurnPacer } from './turnPacer.js';
import { openSphinxCorpus } from './search/sphinx/openSphinxCorpus.js';
import type { AnswerResult, ArticleSummary, AskOptions } from './types.js';

export type { IndexProgress } from './search/indexJob.js';

/** How to open a corpus. */
export interface OpenArchivistOptions {
  /** A folder of `.txt`/`.md` articles, or a `.jsonl` file of `{id, title, text}` records. */
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
  /** Build or update the index in a worker thread. @default true when 500 entries or more need indexing */
  buildInWorker?: boolean;
  /** Which search backend ranks paragraphs. @default { kind: 'embedded' } */
  backend?: BackendSettings;
  /** How sentences are ranked and how sure an answer must be (`readScoringModel`). @default the shipped model */
  model?: ScoringModel;
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
 * @throws CorpusError when the corpus is missing or holds no readable article.
 */
export async function openArchivist(options: OpenArchivistOptions): Promise<Archivist> {
  // A skipped file is named once, not again by every reload that reads it.
  const logger = sayWarningsOnce(options.logger ?? silentLogger);
  const indexDir = options.indexDir === undefined ? 'index-data' : options.indexDir;
  // One process at a time reads or writes a corpus's saved index (another builder's result is then used, not raced).
  const locked = <T>(work: () => Promise<T>): Promise<T> => (indexDir === null ? work() : withIndexLock(indexFolderFor(indexDir, options.corpus), logger, work));
  const backend = options.backend;
  if (backend?.kind === 'sphinx') {
    // The search index lives on the cluster; only the corpus store is kept here.
    const entries = await readCorpus(options.corpus, logger);
    options.onProgress?.({ phase: 'reading', done: entries.length, total: entries.length });
    const sphinxCorpus = await locked(() => openSphinxCorpus(entries, { corpus: options.corpus, indexDir, settings: backend, logger, onProgress: options.onProgress }));
    return createArchivist({ current: () => sphinxCorpus }, options.model ?? DEFAULT_MODEL, () => sphinxCorpus.index.close());
  }
  const { corpus, fingerprints } = await locked(() => openCorpus(options.corpus, indexDir, { logger, onProgress: options.onProgress, buildInWorker: options.buildInWorker }));
  if (corpus.store.paragraphCount === 0) {
    throw new CorpusError('CORPUS_EMPTY', options.corpus, `No article text found in ${options.corpus}.`);
  }
  const live = createLiveCorpus({ corpusPath: options.corpus, indexDir, logger, fingerprints, corpus });
  const watching = options.watch === true && (await stat(options.corpus)).isDirectory();
  const unwatch = watching ? watchFolder(options.corpus, () => void live.reload(), logger) : undefined;
  return createArchivist(live, options.model ?? DEFAULT_MODEL, async () => {
    unwatch?.();
    await live.settle();
  });
}

/**
 * An Archivist over a live corpus. Each question starts in an event-loop turn of its own
 * and reads the corpus state current at that moment.
 */
export function createArchivist(live: { current(): SearchableCorpus }, model: ScoringModel, close: () => Promise<void>): Archivist {
  const pace = createTurnPacer();
  return {
    ask: async (question, askOptions) => {
      await pace();
      return answerQuestion({ ...live.current(), model }, question, askOptions);
    },
    sources: () =>
      live.current().store.articles.map(({ articleId, title, publisher, date, byline, file, url, paragraphIds }) => ({
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
      const { store } = live.current();
      return {
        articles: store.articles.length,
        paragraphs: store.paragraphCount,
        sentences: Object.values(store.paragraphs).reduce((sum, paragraph) => sum + paragraph.sentences.length, 0),
      };
    },
    close,
  };
}
