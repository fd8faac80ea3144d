/**
 * A two-shard Sphinx cluster on loopback for a test file (started before its tests,
 * stopped after them), with what the tests ask of it as an operator would.
 */
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll } from 'vitest';
import type { BackendSettings, Logger } from '../../src/index.js';
import { freePorts, startLocalCluster, stopLocalCluster, type LocalCluster } from '../../scripts/sphinxCluster.js';
import { temporaryFolder } from '../helpers.js';

/** A logger that keeps warnings and info lines, for assertions. */
export function recordingLogger(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, error() {}, debug() {}, info: (message) => void infos.push(message), warn: (message) => void warnings.push(message) };
}

/** The cluster of a test file, and SphinxQL on its nodes. */
export interface TestCluster {
  readonly cluster: LocalCluster;
  readonly backend: BackendSettings;
  /** Runs one SphinxQL statement on a shard's node. */
  sphinxQl(shard: number, sql: string): Promise<unknown>;
  /** Rows the cluster holds over all shards (those matching `words`, when given). */
  clusterRows(words?: string): Promise<number>;
}

/** Starts two shards before the file's tests (agents time out after 1 s) and stops them after. */
export function useTwoShardCluster(): TestCluster {
  let cluster: LocalCluster | undefined;
  let removeData: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const folder = await temporaryFolder();
    removeData = folder.cleanup;
    const [sql0 = 0, sql1 = 0, api0 = 0, api1 = 0] = await freePorts(4);
    cluster = await startLocalCluster({ dataDir: path.join(folder.dir, 'sphinx'), sqlPorts: [sql0, sql1], apiPorts: [api0, api1], agentQueryTimeoutMs: 1000 });
  });
  afterAll(async () => {
    if (cluster) await stopLocalCluster(cluster);
    await removeData?.();
  });
  const started = (): LocalCluster => {
    if (!cluster) throw new Error('The test cluster is not started yet.');
    return cluster;
  };
  const sphinxQl = async (shard: number, sql: string): Promise<unknown> => {
    const [host, port] = started().nodes[shard]?.sqlAddress.split(':') ?? [];
    const connection = await mysql.createConnection({ host: host ?? '', port: Number(port) });
    try {
      return (await connection.query(sql))[0];
    } finally {
      await connection.end();
    }
  };
  return {
    get cluster() {
      return started();
    },
    get backend(): BackendSettings {
      return { kind: 'sphinx', ...started().settings };
    },
    sphinxQl,
    clusterRows: async (words) => {
      let total = 0;
      for (const shard of started().nodes.keys()) {
        const where = words === undefined ? '' : ` WHERE MATCH('${words}')`;
        const rows = (await sphinxQl(shard, `SELECT COUNT(*) AS n FROM archivist_${shard}${where}`)) as Array<{ n: number }>;
        total += Number(rows[0]?.n ?? 0);
      }
      return total;
    },
  };
}
