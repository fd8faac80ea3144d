import { createHash } from 'node:crypto';

/** A `searchd` node's SphinxQL listener. */
export interface NodeAddress {
  host: string;
  port: number;
}

/** Parses `host:port` (the port of the node's SphinxQL listener, `mysql41`). */
export function parseAddress(address: string): NodeAddress {
  const match = /^(.+):(\d{1,5})$/.exec(address.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${address}" is not host:port`);
  return { host: match[1], port };
}

/** The RT index of shard `shard` (0-based): the index prefix, `_`, the shard number. */
export function shardIndexName(prefix: string, shard: number): string {
  return `${prefix}_${shard}`;
}

/**
 * The shard (0-based) an article lives on: a stable hash of its key, so that every
 * process and every restart places it on the same shard for a given shard count.
 */
export function shardOf(articleKey: string, shardCount: number): number {
  return createHash('sha256').update(articleKey, 'utf8').digest().readUInt32BE(0) % shardCount;
}
