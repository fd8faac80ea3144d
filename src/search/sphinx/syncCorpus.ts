/**
 * The one way a cluster-held corpus changes: loading it from nothing, catching up with a
 * corpus that changed while the bot was down, a hot reload, an added page, a feed, or a
 * shard that lost its rows. Entries stream in; those to (re)index are analysed on a pool
 * of worker threads (one per core by default) and their rows are sent in large inserts
 * that overlap the analysis; then the state (ledger, statistics) changes in one step and
 * the rows of changed and removed articles are deleted.
 */
import { availableParallelism } from 'node:os';
import { buildArticle } from '../../ingest/article.js';
import type { CorpusEntry } from '../../ingest/readCorpus.js';
import type { Logger } from '../../logger.js';
import { WorkerPool } from '../workerPool.js';
import { workerScript } from '../workerScript.js';
import type { ShardContents, SphinxClient } from './clusterClient.js';
import type { PlacedArticle } from './clusterRows.js';
import type { ClusterState } from './clusterState.js';
import type { RowReply, RowRequest } from './rowWorker.js';
import { TermTable, type TermCounts } from './termTable.js';

/** Paragraphs per request to a worker. */
const BATCH_PARAGRAPHS = 200;
/** Requests outstanding per worker: one being analysed, one waiting. */
const REQUESTS_PER_WORKER = 2;
/** Rows per statement when the statistics are counted again from the cluster. */
const SCAN_ROWS = 10_000;

/** How to sync. */
export interface SyncOptions {
  client: SphinxClient;
  logger: Logger;
  /** Worker threads that analyse paragraphs. @default one per core */
  threads?: number | undefined;
  /** Called as entries are read, with the number read so far. */
  onProgress?: ((done: number) => void) | undefined;
}

/** Shards to empty first: every shard for a first load (from an empty state), or those that lost or missed rows. */
export interface SyncPlan {
  /** Shards emptied before the sync; their unchanged articles are sent again with their ids. */
  emptied: ReadonlySet<number>;
}

/** What a sync did. */
export interface SyncResult {
  /** Entries added, changed or removed. */
  changed: number;
  /** Entries sent again unchanged (to shards that lost rows). */
  resent: number;
}

/** An article of the saved state, as the sync compares it. */
interface SavedArticle {
  key: string;
  position: number;
  fingerprint: string;
  ids: number[];
  sentences: number;
}

/** A batch of articles sent to a worker, and whether each is new to the ledger. */
interface Batch {
  articles: Array<PlacedArticle & { shard: number; isNew: boolean }>;
  reply: Promise<RowReply>;
}

/**
 * Brings the cluster and the state in step with the entries of a corpus: new and changed
 * entries are indexed under fresh ids, removed ones deleted, unchanged ones left alone
 * (or sent again, with their ids, to the shards in `plan.resend`). `publish` receives the
 * new state once the new rows are on the cluster and before old rows are deleted, so that
 * questions never miss an article that is only changing.
 */
export async function syncCorpus(state: ClusterState, entries: AsyncIterable<CorpusEntry>, plan: SyncPlan, publish: (state: ClusterState) => void, options: SyncOptions): Promise<SyncResult> {
  const { client, logger } = options;
  const { emptied } = plan;
  for (const shard of emptied) await client.clearShard(shard);
  const saved = savedArticles(state);
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const shards = state.shards.map((contents, shard) => (emptied.has(shard) ? { count: 0, maxId: 0 } : { ...contents }));
  const addedLines: string[] = [];
  const removed: SavedArticle[] = [];
  const replaced = new Set<string>();
  let pool: WorkerPool<RowRequest, RowReply> | null = null;
  const queue: Batch[] = [];
  let batch: Batch['articles'] = [];
  let batchParagraphs = 0;
  let nextId = state.nextParagraphId;
  let sentences = state.sentences;
  let paragraphsAdded = 0;
  let changed = 0;
  let resent = 0;
  let done = 0;

  const dispatch = () => {
    if (batch.length === 0) return;
    pool ??= new WorkerPool<RowRequest, RowReply>(workerScript('sphinx/rowWorker.js'), threads, client.settings);
    const articles = batch;
    queue.push({ articles, reply: pool.run({ kind: 'rows', articles: articles.map(({ key, fingerprint, firstId, article, shard }) => ({ key, fingerprint, firstId, article, shard })) }) });
    batch = [];
    batchParagraphs = 0;
  };
  /** Takes in the oldest batch's answer: its articles' rows are on their way to the cluster. */
  const takeOldest = async () => {
    const oldest = queue.shift();
    if (!oldest) return;
    const reply = await oldest.reply;
    if (reply.kind !== 'rows') throw new Error('The row worker answered out of turn.');
    for (const [index, rows] of reply.articles.entries()) {
      const placed = oldest.articles[index];
      if (!placed) continue;
      const contents = shards[placed.shard] as ShardContents;
      contents.maxId = Math.max(contents.maxId, placed.firstId + rows.paragraphs - 1);
      if (!placed.isNew) continue;
      contents.count += rows.paragraphs;
      addedLines.push(rows.line);
      paragraphsAdded += rows.paragraphs;
      sentences += rows.sentences;
    }
  };

  try {
    for await (const entry of entries) {
      done++;
      const shard = client.shardFor(entry.key);
      const previous = saved.get(entry.key);
      saved.delete(entry.key);
      const unchanged = previous !== undefined && previous.fingerprint === entry.hash;
      if (unchanged && !emptied.has(shard)) continue;
      const article = buildArticle(entry.source);
      if (previous && !unchanged) {
        removed.push(previous);
        replaced.add(entry.key);
      }
      if (article.paragraphs.length === 0) {
        logger.warn(`Skipped ${entry.source.file ?? entry.key}: no article text found in it.`, { file: entry.source.file ?? entry.key });
        if (previous && unchanged) removed.push(previous);
        changed += previous ? 1 : 0;
        continue;
      }
      const keepsIds = unchanged && previous.ids.length === article.paragraphs.length && previous.ids.every((id, index) => id === (previous.ids[0] ?? 0) + index);
      if (unchanged && !keepsIds) removed.push(previous);
      const firstId = keepsIds ? (previous.ids[0] ?? 0) : nextId;
      if (!keepsIds) nextId += article.paragraphs.length;
      if (keepsIds) resent++;
      else changed++;
      batch.push({ key: entry.key, fingerprint: entry.hash, firstId, article, shard, isNew: !keepsIds });
      batchParagraphs += article.paragraphs.length;
      if (batchParagraphs >= BATCH_PARAGRAPHS) dispatch();
      while (queue.length >= threads * REQUESTS_PER_WORKER) await takeOldest();
      options.onProgress?.(done);
    }
    dispatch();
    while (queue.length > 0) await takeOldest();
    const counts: TermCounts = new Map();
    if (pool !== null) {
      // Each worker sends what it still holds and waits for its inserts, then hands over its term counts.
      for (const reply of await (pool as WorkerPool<RowRequest, RowReply>).runOnEach({ kind: 'finish' })) {
        if (reply.kind === 'finish') for (const [term, count] of reply.counts) counts.set(term, (counts.get(term) ?? 0) + count);
      }
    }
    removed.push(...saved.values());
    changed += saved.size;
    // What the removed paragraphs counted in the statistics: read from the cluster before they are deleted.
    const removedByShard = groupByShard(removed, client);
    // Rows lost with an emptied shard can no longer be read to take them out of the statistics.
    let recount = [...emptied].some((shard) => (state.shards[shard]?.count ?? 0) > 0);
    for (const [shard, ids] of removedByShard) {
      if (emptied.has(shard)) continue;
      const terms = await client.termsOf(shard, ids);
      if (terms.size !== ids.length) recount = true;
      for (const text of terms.values()) {
        for (const term of new Set(text === '' ? [] : text.split(' '))) counts.set(term, (counts.get(term) ?? 0) - 1);
      }
    }
    const paragraphsRemoved = removed.reduce((sum, article) => sum + article.ids.length, 0);
    for (const article of removed) {
      const shard = client.shardFor(article.key);
      const contents = shards[shard];
      if (contents && !emptied.has(shard)) contents.count -= article.ids.length;
      sentences -= article.sentences;
    }
    const { statistics } = state;
    statistics.apply(counts, paragraphsAdded - paragraphsRemoved);
    const next: ClusterState = {
      ledger: state.ledger.changed(new Set(removed.map((article) => article.position)), addedLines),
      statistics,
      shards,
      nextParagraphId: nextId,
      sentences,
      corpusFile: state.corpusFile,
    };
    publish(next);
    for (const [shard, ids] of removedByShard) if (!emptied.has(shard)) await client.delete(shard, ids);
    if (recount) publish({ ...next, statistics: await countTerms(client) });
    await checkShards(client, next, logger);
    if (replaced.size > 0) logger.debug('Replaced changed articles on the cluster.', { articles: replaced.size });
    return { changed, resent };
  } finally {
    await (pool as WorkerPool<RowRequest, RowReply> | null)?.close();
  }
}

/** The saved state's articles by key. */
function savedArticles(state: ClusterState): Map<string, SavedArticle> {
  const saved = new Map<string, SavedArticle>();
  for (const { position, fingerprint, sentences, article } of state.ledger.entries()) {
    saved.set(article.key, { key: article.key, position, fingerprint, ids: article.paragraphIds, sentences });
  }
  return saved;
}

/** The paragraph ids of articles, per shard (an article's rows are on the shard of its key). */
function groupByShard(articles: SavedArticle[], client: SphinxClient): Map<number, number[]> {
  const byShard = new Map<number, number[]>();
  for (const article of articles) {
    const shard = client.shardFor(article.key);
    const ids = byShard.get(shard) ?? [];
    ids.push(...article.ids);
    byShard.set(shard, ids);
  }
  return byShard;
}

/**
 * Counts the term statistics again from the terms the cluster holds (after a shard lost
 * rows whose terms can no longer be read to take them out): one pass over every shard.
 */
export async function countTerms(client: SphinxClient): Promise<TermTable> {
  const counts: TermCounts = new Map();
  let paragraphs = 0;
  for (let shard = 0; shard < client.shardCount; shard++) {
    for (let afterId = 0; ; ) {
      const rows = await client.scanTerms(shard, afterId, SCAN_ROWS);
      for (const row of rows) {
        paragraphs++;
        for (const term of new Set(row.terms === '' ? [] : row.terms.split(' '))) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      if (rows.length < SCAN_ROWS) break;
      afterId = rows.at(-1)?.id ?? afterId;
    }
  }
  const table = TermTable.empty();
  table.apply(counts, paragraphs);
  return table;
}

/** After a sync: each shard should hold the paragraphs the state places there; the highest ids are taken from the cluster. */
async function checkShards(client: SphinxClient, state: ClusterState, logger: Logger): Promise<void> {
  const actual = await client.shardContents();
  for (const [shard, holds] of actual.entries()) {
    const expected = state.shards[shard];
    if (!expected) continue;
    if (holds.count !== expected.count) {
      logger.warn(`Sphinx shard ${shard} holds ${holds.count} paragraphs after the update, the state places ${expected.count} there: it will be sent them again at the next start.`, { shard });
      continue;
    }
    expected.maxId = holds.maxId;
  }
}
