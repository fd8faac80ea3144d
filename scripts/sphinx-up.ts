/**
 * `npm run sphinx:up [-- --shards N --port P --data-dir DIR]`: starts N local `searchd`
 * shards (default 2) on loopback, SphinxQL on ports P…P+N-1 (default 9306, as
 * SPHINX_ADDRESS and SPHINX_SHARDS default to), agents on P+100…, data in `.sphinx/`.
 * Prints the settings that point Archivist at them.
 */
import { parseArgs } from 'node:util';
import { LOCAL_SPHINX } from '../src/config.js';
import { parseAddress } from '../src/search/sphinx/shards.js';
import { searchdInstalled, startLocalCluster } from './sphinxCluster.js';

const { values } = parseArgs({
  options: {
    shards: { type: 'string', default: '2' },
    port: { type: 'string', default: String(parseAddress(LOCAL_SPHINX.address).port) },
    'data-dir': { type: 'string', default: '.sphinx' },
  },
});
const shards = Number(values.shards);
const port = Number(values.port);
if (!Number.isInteger(shards) || shards < 1 || shards > 16 || !Number.isInteger(port) || port < 1024 || port + 100 + shards > 65535) {
  process.stderr.write('sphinx:up takes --shards 1…16 and --port 1024…65000.\n');
  process.exit(2);
}
if (!(await searchdInstalled())) {
  process.stderr.write('searchd is not installed: apt-get install -y sphinxsearch (Debian), or install Manticore Search.\n');
  process.exit(2);
}
const ports = Array.from({ length: shards }, (_, shard) => port + shard);
try {
  const cluster = await startLocalCluster({ dataDir: values['data-dir'], sqlPorts: ports, apiPorts: ports.map((sqlPort) => sqlPort + 100) });
  process.stdout.write(`Sphinx is up: ${shards} shard(s), data in ${cluster.dataDir}. Point Archivist at it with:\n`);
  process.stdout.write(`SEARCH_BACKEND=sphinx SPHINX_ADDRESS=${cluster.settings.address} SPHINX_SHARDS=${cluster.settings.shards.join(',')}\n`);
} catch (error) {
  process.stderr.write(`sphinx:up: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
