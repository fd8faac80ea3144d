import path from 'node:path';
import type { IndexProgress } from '../indexJob.js';
import { CorpusError } from '../../errors.js';
import type { CorpusEntry } from '../../ingest/readCorpus.js';
import type { Logger } from '../../logger.js';
import { updateCorpus, type SearchableCorpus } from '../buildIndex.js';
import { createStore, type CorpusStore } from '../corpusStore.js';
import { SphinxBackend, type SphinxSettings } from './sphinxBackend.js';
import { loadStore, saveStore, storeFolderFor } from './storeSnapshot.js';

/** How to open a corpus on a Sphinx cluster. */
export interface SphinxCorpusOptions {
  corpus: string;
  /** Where the store is saved; `null` keeps it in memory (and re-sends the whole corpus to the cluster). */
  indexDir: string | null;
  settings: SphinxSettings;
  logger: Logger;
  onProgress?: ((progress: IndexProgress) => void) | undefined;
}

/**
 * Opens a corpus whose search index lives on a Sphinx cluster. The corpus store is kept
 * locally as with the embedded index; the cluster is checked against it (paragraph count
 * and highest id per shard) and a shard that does not hold what the store says is emptied
 * and sent its paragraphs again. Then only changed, added or removed files are re-indexed.
 * @throws SearchUnavailableError or ConfigError when the cluster cannot be used; CorpusError when the corpus holds no text.
 */
export async function openSphinxCorpus(entries: CorpusEntry[], options: SphinxCorpusOptions): Promise<SearchableCorpus<SphinxBackend>> {
  const { logger, onProgress } = options;
  const folder = options.indexDir === null ? null : storeFolderFor(options.indexDir, options.corpus);
  const saved = folder === null ? null : await loadStore(folder);
  if (saved && 'problem' in saved) logger.warn(`Rebuilding the store in ${folder ?? ''}: ${saved.problem}.`, { folder });
  const usable = saved && 'store' in saved ? saved : null;
  const store = usable?.store ?? createStore();
  const index = await SphinxBackend.connect({ ...options.settings, logger, statistics: store });
  try {
    await ensureClusterHolds(index, store, logger);
    const indexing = (done: number, total: number) => onProgress?.({ phase: 'indexing', done, total });
    const changed = await updateCorpus({ store, index }, usable?.manifest.entries ?? {}, entries, logger, indexing);
    await index.flush();
    if (changed > 0 && usable) logger.info(`Updated the Sphinx index for ${changed} changed file(s).`, { changed });
    if (folder !== null && (changed > 0 || !usable)) {
      onProgress?.({ phase: 'saving', done: 0, total: 1 });
      const fingerprints = Object.fromEntries(entries.map((entry) => [entry.key, entry.hash]));
      await saveStore(folder, { corpus: path.resolve(options.corpus), entries: fingerprints, builtAt: new Date().toISOString(), paragraphs: store.paragraphCount }, store);
      onProgress?.({ phase: 'saving', done: 1, total: 1 });
    }
    if (store.paragraphCount === 0) throw new CorpusError('CORPUS_EMPTY', options.corpus, `No article text found in ${options.corpus}.`);
  } catch (error) {
    await index.close().catch(() => undefined);
    throw error;
  }
  return { store, index };
}

/**
 * Makes the cluster hold exactly the store's paragraphs: each shard's paragraph count and
 * highest id are compared with what the store places there (ids only grow, so a shard
 * that missed a write or kept stale rows differs in one or the other); a shard that
 * differs is emptied and sent its paragraphs again from the store.
 */
async function ensureClusterHolds(index: SphinxBackend, store: CorpusStore, logger: Logger): Promise<void> {
  const actual = await index.shardContents();
  const expected = actual.map(() => ({ count: 0, maxId: 0 }));
  const articlesByShard = actual.map((): CorpusStore['articles'] => []);
  for (const article of store.articles) {
    const shard = index.shardFor(article.key);
    const slot = expected[shard];
    if (!slot) continue;
    slot.count += article.paragraphIds.length;
    slot.maxId = Math.max(slot.maxId, ...article.paragraphIds);
    articlesByShard[shard]?.push(article);
  }
  for (const [shard, holds] of actual.entries()) {
    const wanted = expected[shard] ?? { count: 0, maxId: 0 };
    if (holds.count === wanted.count && holds.maxId === wanted.maxId) continue;
    logger.info(`Sphinx shard ${shard} holds ${holds.count} paragraphs, the saved store places ${wanted.count} there: sending them again.`, { shard });
    await index.clearShard(shard);
    for (const article of articlesByShard[shard] ?? []) {
      const paragraphs = article.paragraphIds.flatMap((id) => {
        const paragraph = store.paragraphs[id];
        return paragraph ? [{ id, text: paragraph.text, articleKey: article.key }] : [];
      });
      await index.add(paragraphs);
    }
  }
  await index.flush();
}
