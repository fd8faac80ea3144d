/** `npm run sphinx:down [-- --data-dir DIR]`: stops the shards `sphinx:up` started (their data stays). */
import { parseArgs } from 'node:util';
import { readLocalCluster, stopLocalCluster } from './sphinxCluster.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.sphinx' } } });
const cluster = await readLocalCluster(values['data-dir']);
if (cluster === null) {
  process.stdout.write(`No cluster was started in ${values['data-dir']}.\n`);
} else {
  try {
    await stopLocalCluster(cluster);
    process.stdout.write(`Sphinx is down (${cluster.nodes.length} shard(s)); the data stays in ${cluster.dataDir}.\n`);
  } catch (error) {
    process.stderr.write(`sphinx:down: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
