import mysql, { type Pool, type TypeCast } from 'mysql2/promise';
import { ConfigError, SearchUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { SHARD_COLUMNS } from './clusterRows.js';
import { connectionProblem, ShardWatch } from './health.js';
import { parseAddress, shardIndexName, shardOf } from './shards.js';
import { anyOf, idList, identifier, quoteString } from './sphinxql.js';

/** Where the cluster is. */
export interface SphinxSettings {
  /** SphinxQL address (`host:port`) of the node that holds the distributed index (reads). */
  address: string;
  /** SphinxQL addresses of the shard nodes, in shard order (writes); shard `i` holds the RT index `${index}_${i}`. */
  shards: string[];
  /** Name of the distributed index. @default 'archivist' */
  index: string;
}

/** Paragraph count and highest id held by one shard. */
export interface ShardContents {
  count: number;
  maxId: number;
}

/**
 * A row a search returns: the paragraph's id, its analysed terms, and the records the
 * answer stage reads, as UTF-8 JSON bytes (empty when there is none), decoded only for the
 * few rows that are chosen.
 */
export interface ClusterRow {
  id: number;
  terms: string;
  paragraph: Buffer;
  article: Buffer;
  next: Buffer;
  before: Buffer;
}

/** The string attributes every shard's RT index needs, besides the `text` field. */
const STRING_ATTRIBUTES = SHARD_COLUMNS.filter((column) => column !== 'id' && column !== 'text');
/** Columns read as bytes: the records, large and mostly not needed (see `ClusterRow`). */
const RECORD_COLUMNS: ReadonlySet<string> = new Set(['paragraph', 'article', 'next', 'before']);
const CONNECT_TIMEOUT_MS = 2000;
/** Longer than the agents' query timeout, so a slow shard is reported by the engine, not by us. */
const QUERY_TIMEOUT_MS = 10_000;
/** Writes (large inserts, scans) may take longer than a question. */
const WRITE_TIMEOUT_MS = 120_000;
/** Ids per DELETE or fetch statement. */
const ID_BATCH = 1000;

/**
 * A Sphinx or Manticore cluster through SphinxQL (the MySQL protocol, text queries only):
 * its layout checked once, questions sent to the distributed index, writes sent straight
 * to each shard's RT index. A lost shard or node is logged once when it goes and once when
 * it is back (see `ShardWatch`).
 */
export class SphinxClient {
  /** Set once the layout is checked: from then on, lost connections are logged (before, they stop the start-up). */
  private serving = false;

  private constructor(
    /** Where the cluster is. */
    readonly settings: SphinxSettings,
    private readonly reader: Pool,
    private readonly writers: Pool[],
    private readonly watch: ShardWatch,
  ) {}

  /**
   * Connects to the cluster and checks its layout: the distributed index must exist and
   * cover exactly the shard indexes `${index}_0 … ${index}_${n-1}`, each an RT index with
   * the `text` field and the string attributes rows are written with.
   * @throws SearchUnavailableError when a node cannot be reached; ConfigError when the layout is wrong.
   */
  static async connect(settings: SphinxSettings, logger: Logger): Promise<SphinxClient> {
    const client = new SphinxClient(settings, createPool(settings.address), settings.shards.map(createPool), new ShardWatch(settings.address, logger));
    try {
      await client.checkLayout();
      client.serving = true;
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** A client for writing rows only, without the layout check (for a loading worker, once the opening thread has checked it). */
  static forWriting(settings: SphinxSettings, logger: Logger): SphinxClient {
    const client = new SphinxClient(settings, createPool(settings.address), settings.shards.map(createPool), new ShardWatch(settings.address, logger));
    client.serving = true;
    return client;
  }

  /** Number of shards. */
  get shardCount(): number {
    return this.writers.length;
  }

  /** The shard (0-based) of an article. */
  shardFor(articleKey: string): number {
    return shardOf(articleKey, this.writers.length);
  }

  /**
   * The `limit` best rows for analysed terms (OR-ed) by the engine's `bm25` ranker, with
   * their records, in one round trip: the distributed query and `SHOW WARNINGS`, which is
   * where a shard that did not answer shows.
   * @throws SearchUnavailableError when the node with the distributed index cannot be reached.
   */
  async search(terms: readonly string[], limit: number): Promise<ClusterRow[]> {
    if (terms.length === 0 || limit <= 0) return [];
    const sql =
      `SELECT ${STRING_ATTRIBUTES.map(identifier).join(', ')}, id FROM ${identifier(this.settings.index)} WHERE MATCH(${quoteString(anyOf(terms))}) ` +
      `LIMIT ${limit} OPTION ranker=bm25, max_matches=${limit}; SHOW WARNINGS`;
    const [rows, warnings] = (await this.run(this.reader, this.settings.address, sql, QUERY_TIMEOUT_MS)) as [Array<Omit<ClusterRow, 'id'> & { id: string }>, unknown];
    this.watch.noteWarnings(Array.isArray(warnings) ? (warnings as Array<{ Message?: string }>) : []);
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /** Writes rows (SphinxQL value tuples in `SHARD_COLUMNS` order, joined by commas) to a shard, replacing rows of the same ids. */
  async insert(shard: number, values: string): Promise<void> {
    await this.write(shard, `REPLACE INTO ${this.shardIndex(shard)} (${SHARD_COLUMNS.join(', ')}) VALUES ${values}`);
  }

  /** Deletes rows by id from a shard. */
  async delete(shard: number, ids: readonly number[]): Promise<void> {
    for (let start = 0; start < ids.length; start += ID_BATCH) {
      await this.write(shard, `DELETE FROM ${this.shardIndex(shard)} WHERE id IN (${idList(ids.slice(start, start + ID_BATCH))})`);
    }
  }

  /** The analysed terms of the rows a shard holds among `ids` (rows it does not hold are absent). */
  async termsOf(shard: number, ids: readonly number[]): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    for (let start = 0; start < ids.length; start += ID_BATCH) {
      const batch = ids.slice(start, start + ID_BATCH);
      const rows = (await this.write(shard, `SELECT id, terms FROM ${this.shardIndex(shard)} WHERE id IN (${idList(batch)}) LIMIT ${batch.length} OPTION max_matches=${batch.length}`)) as Array<{ id: number | string; terms: string }>;
      for (const row of rows) found.set(Number(row.id), row.terms);
    }
    return found;
  }

  /** Up to `limit` rows of a shard with ids above `afterId`, ascending: ids and analysed terms (to recount the statistics). */
  async scanTerms(shard: number, afterId: number, limit: number): Promise<Array<{ id: number; terms: string }>> {
    const rows = (await this.write(shard, `SELECT id, terms FROM ${this.shardIndex(shard)} WHERE id > ${Math.max(0, Math.floor(afterId))} ORDER BY id ASC LIMIT ${limit} OPTION max_matches=${limit}`)) as Array<{ id: number | string; terms: string }>;
    return rows.map((row) => ({ id: Number(row.id), terms: row.terms }));
  }

  /** Paragraph count and highest id of every shard, in shard order. */
  async shardContents(): Promise<ShardContents[]> {
    return Promise.all(
      this.writers.map(async (_, shard) => {
        const [row] = (await this.write(shard, `SELECT COUNT(*) AS n, MAX(id) AS m FROM ${this.shardIndex(shard)}`)) as Array<{ n: number | string; m: number | string | null }>;
        return { count: Number(row?.n ?? 0), maxId: Number(row?.m ?? 0) };
      }),
    );
  }

  /**
   * After a shard was sent many rows at once: its RAM chunk is written out as a disk chunk
   * and the shard's disk chunks are merged into one in the background (the engine's own
   * `OPTIMIZE`), which makes its queries cheaper than over many RAM segments and chunks.
   */
  async compact(shard: number): Promise<void> {
    await this.write(shard, `FLUSH RAMCHUNK ${this.shardIndex(shard)}`);
    await this.write(shard, `OPTIMIZE INDEX ${this.shardIndex(shard)}`);
  }

  /** Empties one shard. */
  async clearShard(shard: number): Promise<void> {
    await this.write(shard, `TRUNCATE RTINDEX ${this.shardIndex(shard)}`);
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await Promise.allSettled([this.reader.end(), ...this.writers.map((pool) => pool.end())]);
  }

  private async checkLayout(): Promise<void> {
    const { index, address, shards } = this.settings;
    const expected = shards.map((_, shard) => shardIndexName(index, shard));
    const parts = (await this.describe(address, () => this.run(this.reader, address, `DESCRIBE ${identifier(index)}`, QUERY_TIMEOUT_MS), index)) as Array<Record<string, string>>;
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
        const missing = [...(has('text', 'field') ? [] : ['rt_field = text']), ...STRING_ATTRIBUTES.filter((attribute) => !has(attribute, 'string')).map((attribute) => `rt_attr_string = ${attribute}`)];
        if (missing.length > 0) {
          throw new ConfigError(`The Sphinx index ${name} at ${shards[shard] ?? '?'} lacks ${missing.join(', ')}. See the README, "Outgrowing one machine".`);
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

  private shardIndex(shard: number): string {
    return identifier(shardIndexName(this.settings.index, shard));
  }

  /** A statement on one shard's node. */
  private async write(shard: number, sql: string): Promise<unknown> {
    const pool = this.writers[shard];
    if (!pool) throw new Error(`No shard ${shard}`);
    return this.run(pool, this.settings.shards[shard] ?? '?', sql, WRITE_TIMEOUT_MS);
  }

  /**
   * Runs a statement. A connection failure is retried once (a pooled connection may
   * predate a restart of the node); a second one becomes a SearchUnavailableError, and
   * the node is watched until it answers again. Errors the node answers with are rethrown.
   */
  private async run(pool: Pool, address: string, sql: string, timeout: number): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [result] = await pool.query({ sql, timeout });
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
  // Statements are complete as written (values escaped into them, see sphinxql.ts): no placeholder scan over multi-megabyte inserts.
  const queryFormat = (sql: string) => sql;
  // Records are read as bytes (a slice of the packet, no copy); every other value as a UTF-8 string (numbers are
  // converted where used). Sphinx labels its strings utf8_general_ci, which mysql2 would decode as CESU-8 through
  // a slow generic decoder (20 ms a question for 100 rows of records).
  const typeCast: TypeCast = (field) => (RECORD_COLUMNS.has(field.name) ? (field.buffer() ?? Buffer.alloc(0)) : field.string('utf8'));
  return mysql.createPool({ host, port, connectionLimit: 4, maxIdle: 4, connectTimeout: CONNECT_TIMEOUT_MS, multipleStatements: true, enableKeepAlive: true, queryFormat, typeCast });
}
