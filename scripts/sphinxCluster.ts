/**
 * A Sphinx cluster on this machine: one `searchd` per shard on loopback ports, each
 * holding one RT index, and shard 0's node also holding the distributed index over all of
 * them. Used by `npm run sphinx:up` / `sphinx:down`, the tests and the benchmark.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { parseAddress } from '../src/search/sphinx/shards.js';
import type { SphinxSettings } from '../src/search/sphinx/clusterClient.js';

const run = promisify(execFile);

/** What to start. */
export interface LocalClusterOptions {
  /** Folder for configs, data, logs and pid files (created). */
  dataDir: string;
  /** SphinxQL port of each shard's node, in shard order (their number is the shard count). */
  sqlPorts: number[];
  /** Port of each node's agent (binary API) listener, which the distributed index queries. */
  apiPorts: number[];
  /** Name of the distributed index; shard `i` is `${index}_${i}`. @default 'archivist' */
  index?: string;
  /** How long the distributed index waits for a shard's answer, in ms. @default 3000 */
  agentQueryTimeoutMs?: number;
}

/** One `searchd` of a local cluster. */
export interface LocalNode {
  shard: number;
  sqlAddress: string;
  apiAddress: string;
  configFile: string;
  pidFile: string;
}

/** A running local cluster: its nodes and the settings that point Archivist at it. */
export interface LocalCluster {
  dataDir: string;
  nodes: LocalNode[];
  settings: SphinxSettings;
}

const CLUSTER_FILE = 'cluster.json';
const HOST = '127.0.0.1';

/** Whether `searchd` (Debian package `sphinxsearch`) is installed. */
export async function searchdInstalled(): Promise<boolean> {
  return run('searchd', ['--help']).then(
    () => true,
    (error: { code?: unknown }) => error.code !== 'ENOENT',
  );
}

/** `count` TCP ports that were free a moment ago on loopback. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, HOST, () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** The `searchd` configuration of one node. */
function nodeConfig(options: LocalClusterOptions, shard: number): string {
  const index = options.index ?? 'archivist';
  const dir = path.resolve(options.dataDir, `shard-${shard}`);
  const rt = `index ${index}_${shard}
{
  type          = rt
  path          = ${dir}/${index}_${shard}
  rt_field      = text
  rt_attr_string = terms
  rt_attr_string = paragraph
  rt_attr_string = article
  rt_attr_string = next
  rt_attr_string = before
  charset_table = 0..9, a..z, _
  rt_mem_limit  = 256M
}
`;
  const agents = options.apiPorts.slice(1).map((port, position) => `  agent         = ${HOST}:${port}:${index}_${position + 1}`);
  const distributed = `index ${index}
{
  type          = distributed
  local         = ${index}_0
${agents.join('\n')}
  agent_connect_timeout = 300
  agent_query_timeout   = ${options.agentQueryTimeoutMs ?? 3000}
}
`;
  const searchd = `searchd
{
  listen        = ${HOST}:${options.sqlPorts[shard]}:mysql41
  listen        = ${HOST}:${options.apiPorts[shard]}
  log           = ${dir}/searchd.log
  pid_file      = ${dir}/searchd.pid
  binlog_path   = ${dir}
  workers       = threads
}
`;
  return [rt, shard === 0 ? distributed : '', searchd].join('\n');
}

/**
 * Writes the configs and starts every node (reusing data already in `dataDir`), then
 * waits until each answers SphinxQL.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  if (options.sqlPorts.length === 0 || options.sqlPorts.length !== options.apiPorts.length) throw new Error('Give one SphinxQL port and one API port per shard.');
  const dataDir = path.resolve(options.dataDir);
  const nodes: LocalNode[] = [];
  for (const [shard, sqlPort] of options.sqlPorts.entries()) {
    const dir = path.join(dataDir, `shard-${shard}`);
    await mkdir(dir, { recursive: true });
    const configFile = path.join(dir, 'searchd.conf');
    await writeFile(configFile, nodeConfig(options, shard));
    nodes.push({ shard, sqlAddress: `${HOST}:${sqlPort}`, apiAddress: `${HOST}:${options.apiPorts[shard]}`, configFile, pidFile: path.join(dir, 'searchd.pid') });
  }
  const index = options.index ?? 'archivist';
  const cluster: LocalCluster = { dataDir, nodes, settings: { address: nodes[0]?.sqlAddress ?? '', shards: nodes.map((node) => node.sqlAddress), index } };
  await writeFile(path.join(dataDir, CLUSTER_FILE), JSON.stringify(cluster, null, 2));
  for (const node of nodes) await startNode(node);
  return cluster;
}

/** The cluster last started in `dataDir`, or null. */
export async function readLocalCluster(dataDir: string): Promise<LocalCluster | null> {
  const text = await readFile(path.join(path.resolve(dataDir), CLUSTER_FILE), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as LocalCluster);
}

/** Stops every node of a cluster (waiting until each has saved its data). */
export async function stopLocalCluster(cluster: LocalCluster): Promise<void> {
  await Promise.all(cluster.nodes.map(stopNode));
}

/** Starts one node (it daemonizes) and waits until it answers SphinxQL. */
export async function startNode(node: LocalNode): Promise<void> {
  if (await answers(node.sqlAddress)) return;
  try {
    await run('searchd', ['--config', node.configFile]);
  } catch (error) {
    const output = String((error as { stdout?: unknown }).stdout ?? '').split('\n').filter((line) => /FATAL|ERROR/.test(line));
    throw new Error(`searchd for shard ${node.shard} did not start: ${output.join(' ') || (error as Error).message}`);
  }
  try {
    await waitFor(() => answers(node.sqlAddress), `shard ${node.shard} to answer on ${node.sqlAddress}`);
  } catch (error) {
    const log = await readFile(path.join(path.dirname(node.configFile), 'searchd.log'), 'utf8').catch(() => '');
    const last = log.split('\n').filter((line) => /FATAL|ERROR|WARNING/.test(line)).slice(-2).join(' ');
    throw new Error(`${(error as Error).message}${last ? ` searchd.log: ${last}` : ''}`);
  }
}

/** Stops one node cleanly (`searchd --stopwait`). */
async function stopNode(node: LocalNode): Promise<void> {
  if (!(await answers(node.sqlAddress))) return;
  await run('searchd', ['--config', node.configFile, '--stopwait']);
  await waitFor(async () => !(await answers(node.sqlAddress)), `shard ${node.shard} to stop`);
}

/** Kills one node abruptly (SIGKILL), as a crash would. */
export async function killNode(node: LocalNode): Promise<void> {
  const pid = Number((await readFile(node.pidFile, 'utf8')).trim());
  process.kill(pid, 'SIGKILL');
  await waitFor(async () => !(await answers(node.sqlAddress)), `shard ${node.shard} to die`);
}

async function answers(address: string): Promise<boolean> {
  const { host, port } = parseAddress(address);
  try {
    const connection = await mysql.createConnection({ host, port, connectTimeout: 1000 });
    await connection.query('SHOW STATUS');
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
