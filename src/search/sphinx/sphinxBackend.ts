import mysql, { type Pool } from 'mysql2/promise';
import { ConfigError, SearchUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { searchTerms } from '../../text/tokens.js';
import { averageDistinctTerms, scoreBm25Plus, type CorpusStatistics } from '../bm25Plus.js';
import type { IndexedText, ParagraphHit, SearchBackend } from '../searchBackend.js';
import { connectionProblem, ShardWatch } from './health.js';
import { parseAddress, shardIndexName, shardOf } from './shards.js';
import { anyOf, idList, identifier, quoteString, toEngineToken } from './sphinxql.js';

/** Where the cluster is. */
export interface SphinxSettings {
  /** SphinxQL address (`host:port`) of the node that holds the distributed index (reads). */
  address: string;
  /** SphinxQL addresses of the shard nodes, in shard order (writes); shard `i` holds the RT index `${index}_${i}`. */
  shards: string[];
  /** Name of the distributed index. @default 'archivist' */
  index: string;
}

/** What a backend needs besides the cluster's address. */
export interface SphinxBackendOptions extends SphinxSettings {
  logger: Logger;
  /** Corpus-wide term statistics (the corpus store, kept current as articles come and go). */
  statistics: CorpusStatistics;
}

/** Rows of one INSERT; searchd accepts 8 MB statements by default, this stays far below. */
const INSERT_BATCH = 1000;
/** Candidates fetched from the engine per question, then ranked with corpus-wide BM25+. */
const CANDIDATE_POOL = 100;
const CONNECT_TIMEOUT_MS = 2000;
/** Longer than the agents' query timeout, so a slow shard is reported by the engine, not by us. */
const QUERY_TIMEOUT_MS = 10_000;

/** Paragraph count and highest id held by one shard. */
export interface ShardContents {
  count: number;
  maxId: number;
}

/**
 * Search over a Sphinx or Manticore cluster through SphinxQL (the MySQL protocol, text
 * queries only). Articles are spread over RT-index shards by a hash of their key; reads
 * go to one distributed index. The engine supplies the best-matching candidates (its
 * `bm25` ranker); they are then ranked with the embedded index's BM25+ over corpus-wide
 * statistics, so both backends order paragraphs alike and shards' local IDFs do not matter.
 *
 * Writes are buffered per shard and sent in batches (one batch in flight per shard);
 * `search`, `remove`, `flush` and `close` first wait for what is pending.
 */
export class SphinxBackend implements SearchBackend {
  readonly name = 'sphinx';
  private readonly pending: string[][];
  private readonly inFlight: Array<Promise<void>>;
  private writeError: unknown = null;
  private averageLength: number | null = null;
  /** Set once the layout is checked: from then on, lost connections are logged (before, they stop the start-up). */
  private serving = false;

  private constructor(
    private readonly settings: SphinxSettings,
    private readonly reader: Pool,
    private readonly writers: Pool[],
    private readonly watch: ShardWatch,
    private readonly statistics: CorpusStatistics,
  ) {
    this.pending = writers.map(() => []);
    this.inFlight = writers.map(() => Promise.resolve());
  }

  /**
   * Connects to the cluster and checks its layout: the distributed index must exist and
   * cover exactly the shard indexes `${index}_0 … ${index}_${n-1}`, each an RT index with
   * the `text` field and the `terms` string attribute.
   * @throws SearchUnavailableError when a node cannot be reached; ConfigError when the layout is wrong.
   */
  static async connect(options: SphinxBackendOptions): Promise<SphinxBackend> {
    const reader = createPool(options.address);
    const writers = options.shards.map(createPool);
    const watch = new ShardWatch(options.address, options.logger);
    const backend = new SphinxBackend(options, reader, writers, watch, options.statistics);
    try {
      await backend.checkLayout();
      backend.serving = true;
    } catch (error) {
      await backend.end();
      throw error;
    }
    return backend;
  }

  /** The shard (0-based) of an article. */
  shardFor(articleKey: string): number {
    return shardOf(articleKey, this.writers.length);
  }

  /** Queues paragraphs for their shards; full batches are sent at once. */
  async add(paragraphs: IndexedText[]): Promise<void> {
    this.averageLength = null;
    for (const paragraph of paragraphs) {
      const shard = this.shardFor(paragraph.articleKey ?? String(paragraph.id));
      const terms = searchTerms(paragraph.text);
      const row = `(${idList([paragraph.id])},${quoteString(terms.map(toEngineToken).join(' '))},${quoteString(terms.join(' '))})`;
      this.pending[shard]?.push(row);
    }
    for (const [shard, rows] of this.pending.entries()) {
      if (rows.length >= INSERT_BATCH) await this.send(shard);
    }
  }

  /** Sends every pending row and waits until the shards have them. */
  async flush(): Promise<void> {
    for (const shard of this.pending.keys()) await this.send(shard);
    await Promise.all(this.inFlight);
    if (this.writeError !== null) {
      const error = this.writeError;
      this.writeError = null;
      throw error;
    }
  }

  /** Removes paragraphs by id from whichever shard holds them. */
  async remove(ids: number[]): Promise<void> {
    await this.flush();
    if (ids.length === 0) return;
    this.averageLength = null;
    await Promise.all(
      this.writers.map(async (_, shard) => {
        for (let start = 0; start < ids.length; start += INSERT_BATCH) {
          await this.write(shard, `DELETE FROM ${this.shardIndex(shard)} WHERE id IN (${idList(ids.slice(start, start + INSERT_BATCH))})`);
        }
      }),
    );
  }

  /**
   * The `limit` best paragraphs for analysed terms (OR-ed), in one round trip: the
   * distributed query and `SHOW WARNINGS`, which is where a shard that did not answer shows.
   * @throws SearchUnavailableError when the node with the distributed index cannot be reached.
   */
  async search(terms: string[], limit: number): Promise<ParagraphHit[]> {
    await this.flush();
    if (terms.length === 0 || limit <= 0) return [];
    const pool = Math.max(CANDIDATE_POOL, limit);
    const sql =
      `SELECT id, terms FROM ${identifier(this.settings.index)} WHERE MATCH(${quoteString(anyOf(terms))}) ` +
      `LIMIT ${pool} OPTION ranker=bm25, max_matches=${pool}; SHOW WARNINGS`;
    const [rows, warnings] = (await this.read(sql)) as [Array<{ id: number | string; terms: string }>, unknown];
    this.watch.noteWarnings(Array.isArray(warnings) ? (warnings as Array<{ Message?: string }>) : []);
    const candidates = rows.map((row) => ({ id: Number(row.id), terms: row.terms === '' ? [] : row.terms.split(' ') }));
    this.averageLength ??= averageDistinctTerms(this.statistics);
    return scoreBm25Plus(terms, candidates, this.statistics, this.averageLength).slice(0, limit);
  }

  /** Paragraph count and highest id of every shard, in shard order. */
  async shardContents(): Promise<ShardContents[]> {
    await this.flush();
    return Promise.all(
      this.writers.map(async (_, shard) => {
        const [row] = (await this.write(shard, `SELECT COUNT(*) AS n, MAX(id) AS m FROM ${this.shardIndex(shard)}`)) as Array<{ n: number | string; m: number | string | null }>;
        return { count: Number(row?.n ?? 0), maxId: Number(row?.m ?? 0) };
      }),
    );
  }

  /** Empties one shard (before it is sent its paragraphs again). */
  async clearShard(shard: number): Promise<void> {
    await this.flush();
    this.averageLength = null;
    await this.write(shard, `TRUNCATE RTINDEX ${this.shardIndex(shard)}`);
  }

  /** Sends what is pending, then closes the connections. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.end();
    }
  }

  private async end(): Promise<void> {
    await Promise.allSettled([this.reader.end(), ...this.writers.map((pool) => pool.end())]);
  }

  private async checkLayout(): Promise<void> {
    const { index, address, shards } = this.settings;
    const expected = shards.map((_, shard) => shardIndexName(index, shard));
    const parts = (await this.describe(address, () => this.read(`DESCRIBE ${identifier(index)}`), index)) as Array<Record<string, string>>;
    const covered = parts.filter((row) => row.Agent !== undefined).map((row) => row.Agent?.split(':').pop() ?? '');
    this.watch.learnAgents(parts.flatMap((row) => (row.Type?.startsWith('remote') && row.Agent ? [row.Agent] : [])));
    if (covered.length === 0 || [...covered].sort().join(',') !== [...expected].sort().join(',')) {
      throw new ConfigError(
        `The Sphinx index ${index} at ${address} should be a distributed index over ${expected.join(', ')} (one per SPHINX_SHARDS address), ` +
          `but it covers ${covered.length > 0 ? covered.join(', ') : 'no shard'}. See the README, "Outgrowing one machine".`,
      );
    }
    await Promise.all(
      expected.map(async (name, shard) => {
        const fields = (await this.describe(shards[shard] ?? '?', () => this.write(shard, `DESCRIBE ${identifier(name)}`), name)) as Array<{ Field?: string; Type?: string }>;
        const has = (field: string, type: string) => fields.some((row) => row.Field === field && row.Type === type);
        if (!has('text', 'field') || !has('terms', 'string')) {
          throw new ConfigError(`The Sphinx index ${name} at ${shards[shard] ?? '?'} needs rt_field = text and rt_attr_string = terms. See the README, "Outgrowing one machine".`);
        }
      }),
    );
  }

  /** Runs a DESCRIBE; an error from the node (no such index) becomes a ConfigError naming it. */
  private async describe(address: string, statement: () => Promise<unknown>, index: string): Promise<unknown> {
    try {
      return await statement();
    } catch (error) {
      if (error instanceof SearchUnavailableError) throw error;
      throw new ConfigError(`Sphinx at ${address} has no usable index ${index} (${(error as Error).message}). See the README, "Outgrowing one machine".`, { cause: error });
    }
  }

  /** Moves a shard's pending rows into one INSERT, after the shard's previous batch. */
  private async send(shard: number): Promise<void> {
    const rows = this.pending[shard] ?? [];
    if (rows.length === 0) return;
    this.pending[shard] = [];
    await this.inFlight[shard];
    const statement = `REPLACE INTO ${this.shardIndex(shard)} (id, text, terms) VALUES ${rows.join(',')}`;
    this.inFlight[shard] = this.write(shard, statement).then(
      () => undefined,
      (error: unknown) => void (this.writeError ??= error),
    );
  }

  private shardIndex(shard: number): string {
    return identifier(shardIndexName(this.settings.index, shard));
  }

  /** A statement on the distributed node. */
  private async read(sql: string): Promise<unknown> {
    return this.run(this.reader, this.settings.address, sql);
  }

  /** A statement on one shard's node. */
  private async write(shard: number, sql: string): Promise<unknown> {
    const pool = this.writers[shard];
    if (!pool) throw new Error(`No shard ${shard}`);
    return this.run(pool, this.settings.shards[shard] ?? '?', sql);
  }

  /**
   * Runs a statement. A connection failure is retried once (a pooled connection may
   * predate a restart of the node); a second one becomes a SearchUnavailableError, and
   * the node is watched until it answers again. Errors the node answers with are rethrown.
   */
  private async run(pool: Pool, address: string, sql: string): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [result] = await pool.query({ sql, timeout: QUERY_TIMEOUT_MS });
        this.watch.reachable(address);
        return result;
      } catch (error) {
        const problem = connectionProblem(error);
        if (problem === null) throw error;
        if (attempt < 2) continue;
        if (this.serving) this.watch.unreachable(address, problem);
        throw new SearchUnavailableError(`Cannot reach the Sphinx search engine at ${address} (${problem}): start it (npm run sphinx:up) or check SPHINX_ADDRESS and SPHINX_SHARDS.`, { cause: error });
      }
    }
  }
}

function createPool(address: string): Pool {
  const { host, port } = parseAddress(address);
  return mysql.createPool({ host, port, connectionLimit: 4, maxIdle: 4, connectTimeout: CONNECT_TIMEOUT_MS, multipleStatements: true, enableKeepAlive: true });
}
