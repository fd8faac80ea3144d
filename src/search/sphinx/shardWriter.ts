import type { SphinxClient } from './clusterClient.js';

/**
 * Statement size at which a shard's rows are sent: well under searchd's default
 * `max_packet_size` (8 MB), large enough that a statement carries hundreds of rows.
 */
const STATEMENT_CHARACTERS = 3_000_000;

/**
 * Batches rows per shard into large inserts, with one insert in flight per shard. Adding
 * rows to a shard whose batch is full waits for the shard's previous insert, so what is
 * held is at most about two statements per shard, however fast rows are made. The first
 * failed insert is thrown by the next `add` or by `flush`.
 */
export class ShardWriter {
  private readonly pending: string[][];
  private readonly sizes: number[];
  private readonly inFlight: Array<Promise<void>>;
  private failure: { error: unknown } | null = null;

  constructor(private readonly client: SphinxClient) {
    this.pending = Array.from({ length: client.shardCount }, () => []);
    this.sizes = this.pending.map(() => 0);
    this.inFlight = this.pending.map(() => Promise.resolve());
  }

  /** Queues rows (value tuples joined by commas) for a shard; sends the shard's batch once it is full. */
  async add(shard: number, values: string): Promise<void> {
    this.throwFailure();
    this.pending[shard]?.push(values);
    this.sizes[shard] = (this.sizes[shard] ?? 0) + values.length;
    if ((this.sizes[shard] ?? 0) >= STATEMENT_CHARACTERS) await this.send(shard);
  }

  /** Sends everything queued and waits until every shard has it. */
  async flush(): Promise<void> {
    for (const shard of this.pending.keys()) await this.send(shard);
    await Promise.all(this.inFlight);
    this.throwFailure();
  }

  /** Queues the insert of a shard's batch after the shard's previous insert, and waits for that one. */
  private async send(shard: number): Promise<void> {
    const batch = this.pending[shard] ?? [];
    if (batch.length === 0) return;
    this.pending[shard] = [];
    this.sizes[shard] = 0;
    const previous = this.inFlight[shard] ?? Promise.resolve();
    this.inFlight[shard] = previous
      .then(() => (this.failure ? undefined : this.client.insert(shard, batch.join(','))))
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
    await previous;
    this.throwFailure();
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
