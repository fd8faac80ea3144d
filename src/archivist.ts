import path from 'node:path';
import { answerQuestion, type AnswerContext } from './answer/answerQuestion.js';
import { DEFAULT_MODEL } from './answer/scoring.js';
import { CorpusError } from './errors.js';
import { readCorpus } from './ingest/readCorpus.js';
import { silentLogger, type Logger } from './logger.js';
import type { BackendSettings } from './search/backendSettings.js';
import { buildCorpus, updateCorpus, type SearchableCorpus } from './search/buildIndex.js';
import type { ParagraphIndex } from './search/paragraphIndex.js';
import { indexFolderFor, isUnusable, loadIndex, saveIndex } from './search/persist.js';
import { openSphinxCorpus } from './search/sphinx/openSphinxCorpus.js';
import type { AnswerResult, ArticleSummary, AskOptions } from './types.js';

/** Progress of an index build, reported file by file. */
export interface IndexProgress {
  phase: 'reading' | 'indexing' | 'saving';
  done: number;
  total: number;
}

/** How to open a corpus. */
export interface OpenArchivistOptions {
  /** A folder of `.txt`/`.md` articles, or a `.jsonl` file of `{id, title, text}` records. */
  corpus: string;
  /** Where the index is persisted; `null` keeps it in memory only. @default 'index-data' */
  indexDir?: string | null;
  /** Where warnings (skipped files, rebuilt index) go. @default silentLogger */
  logger?: Logger;
  /** Called while an index is built (for a progress bar). */
  onProgress?: (progress: IndexProgress) => void;
  /** Which search backend ranks paragraphs. @default { kind: 'minisearch' } */
  backend?: BackendSettings;
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
 * it is corrupt or was built by another version.
 * @throws CorpusError when the corpus is missing or holds no readable article.
 */
export async function openArchivist(options: OpenArchivistOptions): Promise<Archivist> {
  const logger = options.logger ?? silentLogger;
  const report = options.onProgress;
  const entries = await readCorpus(options.corpus, logger);
  report?.({ phase: 'reading', done: entries.length, total: entries.length });
  const indexing = (done: number, total: number) => report?.({ phase: 'indexing', done, total });
  const indexDir = options.indexDir === undefined ? 'index-data' : options.indexDir;
  if (options.backend?.kind === 'sphinx') {
    // The search index lives on the cluster; only the corpus store is kept here.
    const sphinxCorpus = await openSphinxCorpus(entries, { corpus: options.corpus, indexDir, settings: options.backend, logger, onProgress: report });
    return createArchivist({ ...sphinxCorpus, model: DEFAULT_MODEL });
  }
  const fingerprints = Object.fromEntries(entries.map((entry) => [entry.key, entry.hash]));

  let corpus: SearchableCorpus<ParagraphIndex>;
  if (indexDir === null) {
    corpus = await buildCorpus(entries, logger, indexing);
  } else {
    const folder = indexFolderFor(indexDir, options.corpus);
    const saved = await loadIndex(folder);
    let changed = entries.length;
    if (saved === null || isUnusable(saved)) {
      if (isUnusable(saved)) logger.warn(`Rebuilding the index in ${folder}: ${saved.problem}.`, { folder });
      corpus = await buildCorpus(entries, logger, indexing);
    } else {
      corpus = { store: saved.store, index: saved.index };
      changed = await updateCorpus(corpus, saved.manifest.entries, entries, logger, indexing);
      if (changed > 0) logger.info(`Updated the index for ${changed} changed file(s).`, { folder, changed });
    }
    if (changed > 0) {
      report?.({ phase: 'saving', done: 0, total: 1 });
      await saveIndex(folder, { corpus: path.resolve(options.corpus), entries: fingerprints, builtAt: new Date().toISOString(), paragraphs: corpus.store.paragraphCount }, corpus.store, corpus.index);
      report?.({ phase: 'saving', done: 1, total: 1 });
    }
  }
  if (corpus.store.paragraphCount === 0) {
    throw new CorpusError('CORPUS_EMPTY', options.corpus, `No article text found in ${options.corpus}.`);
  }
  return createArchivist({ ...corpus, model: DEFAULT_MODEL });
}

function createArchivist(context: AnswerContext): Archivist {
  const { store, model } = context;
  return {
    ask: async (question, askOptions) => answerQuestion(context, question, askOptions),
    sources: () =>
      store.articles.map(({ articleId, title, publisher, date, byline, file, url, paragraphIds }) => ({
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
    stats: {
      articles: store.articles.length,
      paragraphs: store.paragraphCount,
      sentences: Object.values(store.paragraphs).reduce((sum, paragraph) => sum + paragraph.sentences.length, 0),
    },
    close: () => context.index.close(),
  };
}
