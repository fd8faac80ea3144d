/**
 * The one way a cluster-held corpus changes: loading it from nothing, catching up with a
 * corpus that changed while the bot was down, a hot reload, an added page, a feed, or a
 * shard that lost its rows. Entries stream in; those to (re)index are analysed on a pool
 * of worker threads (one per core by default) and their rows are sent in large inserts
 * that overlap the analysis; then the state (ledger, statistics) changes in one step and
 * the rows of changed and removed articles are deleted.
 */
import { availableParallelism } from 'node:os';
import { readArticle, readingWarning } from '../../ingest/article.js';
import type { CorpusEntry } from '../../ingest/readCorpus.js';
import type { Logger } from '../../logger.js';
import { WorkerPool } from '../workerPool.js';
import { workerScript } from '../workerScript.js';
import type { ShardContents, SphinxClient } from './clusterClient.js';
import { rowTerms, type PlacedArticle } from './clusterRows.js';
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

/** An article sent to a worker: where its rows go, and whether it is new to the ledger (or sent again unchanged). */
interface Placed extends PlacedArticle {
  shard: number;
  isNew: boolean;
}

/** A batch of articles sent to a worker, and the worker's answer. */
interface Batch {
  articles: Placed[];
  reply: Promise<RowReply>;
}

/**
 * Brings the cluster and the state in step with the entries of a corpus: new and changed
 * entries are indexed under fresh ids, removed ones deleted, unchanged ones left alone
 * (or sent again, with their ids, to the shards in `plan.emptied`). `publish` receives the
 * new state once the new rows are on the cluster and before old rows are deleted, so that
 * questions never miss an article that is only changing.
 */
export async function syncCorpus(state: ClusterState, entries: AsyncIterable<CorpusEntry>, plan: SyncPlan, publish: (state: ClusterState) => void, options: SyncOptions): Promise<SyncResult> {
  const sync = new CorpusSync(state, plan.emptied, options);
  try {
    return await sync.run(entries, publish);
  } finally {
    await sync.close();
  }
}

/** One sync: what it has sent and what it will take out, until it commits. */
class CorpusSync {
  private readonly saved: Map<string, SavedArticle>;
  private readonly threads: number;
  /** What each shard will hold. */
  private readonly shards: ShardContents[];
  private readonly addedLines: string[] = [];
  private readonly removed: SavedArticle[] = [];
  /** Term counts of the paragraphs added (from the workers) and removed (read from the cluster). */
  private readonly counts: TermCounts = new Map();
  private pool: WorkerPool<RowRequest, RowReply> | null = null;
  private readonly queue: Batch[] = [];
  private batch: Placed[] = [];
  private batchParagraphs = 0;
  private nextId: number;
  private sentences: number;
  private paragraphsAdded = 0;
  private changed = 0;
  private resent = 0;

  constructor(
    private readonly state: ClusterState,
    private readonly emptied: ReadonlySet<number>,
    private readonly options: SyncOptions,
  ) {
    this.saved = savedArticles(state);
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.shards = state.shards.map((contents, shard) => (emptied.has(shard) ? { count: 0, maxId: 0 } : { ...contents }));
    this.nextId = state.nextParagraphId;
    this.sentences = state.sentences;
  }

  async run(entries: AsyncIterable<CorpusEntry>, publish: (state: ClusterState) => void): Promise<SyncResult> {
    const { client } = this.options;
    for (const shard of this.emptied) await client.clearShard(shard);
    let done = 0;
    for await (const entry of entries) {
      this.place(entry);
      if (this.batchParagraphs >= BATCH_PARAGRAPHS) this.dispatch();
      while (this.queue.length >= this.threads * REQUESTS_PER_WORKER) await this.takeOldest();
      this.options.onProgress?.(++done);
    }
    this.dispatch();
    while (this.queue.length > 0) await this.takeOldest();
    await this.finishWorkers();
    for (const article of this.saved.values()) this.remove(article);
    this.changed += this.saved.size;
    const removedByShard = groupByShard(this.removed, client);
    const recount = await this.countRemoved(removedByShard);
    const next = this.nextState();
    publish(next);
    for (const [shard, ids] of removedByShard) if (!this.emptied.has(shard)) await client.delete(shard, ids);
    if (recount) publish({ ...next, statistics: await countTerms(client) });
    for (const shard of this.emptied) await client.compact(shard);
    await checkShards(client, next, this.options.logger);
    return { changed: this.changed, resent: this.resent };
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Decides what an entry needs: nothing, its rows sent again with its ids, or indexing under fresh ids (its old rows then go). */
  private place(entry: CorpusEntry): void {
    const shard = this.options.client.shardFor(entry.key);
    const previous = this.saved.get(entry.key);
    this.saved.delete(entry.key);
    const unchanged = previous !== undefined && previous.fingerprint === entry.hash;
    if (unchanged && !this.emptied.has(shard)) return;
    const read = readArticle(entry.source);
    const { article } = read;
    const file = entry.source.file ?? entry.key;
    const warning = readingWarning(file, read);
    if (warning !== null) this.options.logger.warn(warning, { file });
    const count = article.paragraphs.length;
    const keepsIds = unchanged && count > 0 && previous.ids.length === count && previous.ids.every((id, index) => id === (previous.ids[0] ?? 0) + index);
    if (previous && !keepsIds) this.remove(previous);
    if (count === 0) {
      if (previous) this.changed++;
      return;
    }
    const firstId = keepsIds ? (previous.ids[0] ?? 0) : this.nextId;
    if (keepsIds) this.resent++;
    else {
      this.nextId += count;
      this.changed++;
    }
    this.batch.push({ key: entry.key, fingerprint: entry.hash, firstId, article, shard, isNew: !keepsIds });
    this.batchParagraphs += count;
  }

  /** Sends the batch to the least busy worker (the pool starts with the first batch). */
  private dispatch(): void {
    if (this.batch.length === 0) return;
    this.pool ??= new WorkerPool<RowRequest, RowReply>(workerScript('sphinx/rowWorker.js'), this.threads, this.options.client.settings);
    const articles = this.batch;
    this.queue.push({ articles, reply: this.pool.run({ kind: 'rows', articles: articles.map(({ isNew: _, ...placed }) => placed) }) });
    this.batch = [];
    this.batchParagraphs = 0;
  }

  /** Takes in the oldest batch's answer: its rows are on their way to the cluster. */
  private async takeOldest(): Promise<void> {
    const oldest = this.queue.shift();
    if (!oldest) return;
    const reply = await oldest.reply;
    if (reply.kind !== 'rows') throw new Error('The row worker answered out of turn.');
    for (const [index, written] of reply.articles.entries()) {
      const placed = oldest.articles[index];
      const contents = placed && this.shards[placed.shard];
      if (!placed || !contents) continue;
      contents.count += written.paragraphs;
      if (!placed.isNew) continue;
      this.addedLines.push(written.line);
      this.paragraphsAdded += written.paragraphs;
      this.sentences += written.sentences;
    }
  }

  /** Each worker sends what it still holds and waits for its inserts, then hands over its term counts. */
  private async finishWorkers(): Promise<void> {
    if (this.pool === null) return;
    for (const reply of await this.pool.runOnEach({ kind: 'finish' })) {
      if (reply.kind === 'finish') for (const [term, count] of reply.counts) this.counts.set(term, (this.counts.get(term) ?? 0) + count);
    }
  }

  /** An article whose rows go: out of its shard's count and the sentence count. */
  private remove(article: SavedArticle): void {
    this.removed.push(article);
    const shard = this.options.client.shardFor(article.key);
    const contents = this.shards[shard];
    if (contents && !this.emptied.has(shard)) contents.count -= article.ids.length;
    this.sentences -= article.sentences;
  }

  /**
   * Takes the removed paragraphs out of the term counts, reading their terms from the
   * cluster before they are deleted. Returns whether some could not be read (lost with an
   * emptied shard, or missing), so that the statistics must be counted again from the cluster.
   */
  private async countRemoved(removedByShard: Map<number, number[]>): Promise<boolean> {
    let recount = false;
    for (const [shard, ids] of removedByShard) {
      if (this.emptied.has(shard)) {
        recount = true;
        continue;
      }
      const terms = await this.options.client.termsOf(shard, ids);
      if (terms.size !== ids.length) recount = true;
      for (const text of terms.values()) {
        for (const term of new Set(rowTerms(text))) this.counts.set(term, (this.counts.get(term) ?? 0) - 1);
      }
    }
    return recount;
  }

  /** The state after the sync; the statistics change in place, in this one step. */
  private nextState(): ClusterState {
    const { statistics } = this.state;
    const paragraphsRemoved = this.removed.reduce((sum, article) => sum + article.ids.length, 0);
    statistics.apply(this.counts, this.paragraphsAdded - paragraphsRemoved);
    return {
      ledger: this.state.ledger.changed(new Set(this.removed.map((article) => article.position)), this.addedLines),
      statistics,
      shards: this.shards,
      nextParagraphId: this.nextId,
      sentences: this.sentences,
      corpusFile: this.state.corpusFile,
    };
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
async function countTerms(client: SphinxClient): Promise<TermTable> {
  const counts: TermCounts = new Map();
  let paragraphs = 0;
  for (let shard = 0; shard < client.shardCount; shard++) {
    for (let afterId = 0; ; ) {
      const rows = await client.scanTerms(shard, afterId, SCAN_ROWS);
      for (const row of rows) {
        paragraphs++;
        for (const term of new Set(rowTerms(row.terms))) counts.set(term, (counts.get(term) ?? 0) + 1);
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
