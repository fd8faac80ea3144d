/**
 * Worker-thread entry of the cluster's loading pool. For each batch of articles it is sent
 * it makes their rows (`articleRows`) and queues them for their shards, which it writes
 * itself, in large inserts (one in flight per shard), so that rows never cross threads;
 * it answers with each article's ledger line and sizes. It keeps the term counts of what
 * it made, and hands them over when asked to finish (once its inserts are done).
 */
import { workerData } from 'node:worker_threads';
import { silentLogger } from '../../logger.js';
import { serveRequests } from '../workerPool.js';
import { SphinxClient, type SphinxSettings } from './clusterClient.js';
import { articleRows, type ArticleRows, type PlacedArticle } from './clusterRows.js';
import { ShardWriter } from './shardWriter.js';

/** What the pool asks: to write the rows of a batch of articles, or to finish (send what is queued, hand over the term counts). */
export type RowRequest = { kind: 'rows'; articles: Array<PlacedArticle & { shard: number }> } | { kind: 'finish' };

/** An article as written, without its rows or term counts. */
export type WrittenArticle = Omit<ArticleRows, 'values' | 'termCounts'>;

/** The articles of a batch as written, or the term counts gathered once every insert is done. */
export type RowReply = { kind: 'rows'; articles: WrittenArticle[] } | { kind: 'finish'; counts: Array<[string, number]> };

const client = SphinxClient.forWriting(workerData as SphinxSettings, silentLogger);
let writer = new ShardWriter(client);
let counts = new Map<string, number>();

serveRequests<RowRequest, RowReply>(async (request) => {
  if (request.kind === 'finish') {
    const done = writer;
    writer = new ShardWriter(client);
    await done.flush();
    const gathered = [...counts];
    counts = new Map();
    return { kind: 'finish', counts: gathered };
  }
  const made = request.articles.map((placed) => ({ shard: placed.shard, ...articleRows(placed) }));
  const written: WrittenArticle[] = [];
  for (const { shard, values, termCounts, ...article } of made) {
    for (const [term, count] of termCounts) counts.set(term, (counts.get(term) ?? 0) + count);
    await writer.add(shard, values);
    written.push(article);
  }
  return { kind: 'rows', articles: written };
});
