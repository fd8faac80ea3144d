import type { Logger } from '../../logger.js';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT']);

/**
 * Why a statement failed when the node could not be reached or the connection broke
 * (an error code such as `ECONNREFUSED`), or `null` when the node answered with an error.
 */
export function connectionProblem(error: unknown): string | null {
  const { code, fatal } = (error ?? {}) as { code?: unknown; fatal?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
  if (fatal === true) return typeof code === 'string' ? code : 'connection lost';
  if (error instanceof Error && /closed state/i.test(error.message)) return 'connection closed';
  return null;
}

/**
 * Keeps track of which nodes and shards answer, and logs each change once: a warning
 * when a node becomes unreachable or a shard stops answering distributed queries, an
 * info line when it is back. Shards are named by their index and agent address.
 */
export class ShardWatch {
  private readonly agentIndexes = new Map<string, string>();
  private readonly silentAgents = new Set<string>();
  private readonly unreachableNodes = new Set<string>();

  constructor(private readonly readAddress: string, private readonly logger: Logger) {}

  /** Learns the agents of the distributed index (`host:port:index`, mirrors joined by `|`). */
  learnAgents(specs: readonly string[]): void {
    for (const spec of specs.flatMap((value) => value.split('|'))) {
      const match = /^(.+:\d+):(\w+)$/.exec(spec.trim());
      if (match?.[1] && match[2]) this.agentIndexes.set(match[1], match[2]);
    }
  }

  /** Reads `SHOW WARNINGS` after a distributed query: which agents did not answer. */
  noteWarnings(rows: ReadonlyArray<{ Message?: string }>): void {
    const silent = new Map<string, string>();
    for (const { Message: message = '' } of rows) {
      const agent = /agent ([^\s]+:\d+)/.exec(message)?.[1];
      if (agent) silent.set(agent, message);
      else this.logger.debug('Sphinx warning', { warning: message });
    }
    for (const [agent, warning] of silent) {
      if (this.silentAgents.has(agent)) continue;
      this.silentAgents.add(agent);
      const shard = this.agentIndexes.get(agent) ?? 'unknown';
      this.logger.warn(`Sphinx shard ${shard} (agent ${agent}) did not answer; answering from the other shards until it is back.`, { shard, agent, warning });
    }
    for (const agent of [...this.silentAgents]) {
      if (silent.has(agent)) continue;
      this.silentAgents.delete(agent);
      this.logger.info(`Sphinx shard ${this.agentIndexes.get(agent) ?? 'unknown'} (agent ${agent}) answers again.`, { agent });
    }
  }

  /** A statement to `address` succeeded. */
  reachable(address: string): void {
    if (this.unreachableNodes.delete(address)) this.logger.info(`Sphinx at ${address} answers again.`, { address });
  }

  /** Statements to `address` fail to connect. */
  unreachable(address: string, problem: string): void {
    if (this.unreachableNodes.has(address)) return;
    this.unreachableNodes.add(address);
    const effect = address === this.readAddress ? 'questions get "search is unavailable" until it is back' : 'indexing stops until it is back';
    this.logger.warn(`Sphinx at ${address} cannot be reached (${problem}); ${effect}.`, { address, problem });
  }
}
