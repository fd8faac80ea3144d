import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, type Archivist, type BackendSettings } from '../../src/index.js';
import { shardOf } from '../../src/search/sphinx/shards.js';
import { freePorts, killNode, searchdInstalled, startNode, stopLocalCluster, type LocalCluster } from '../../scripts/sphinxCluster.js';
import { copyOfSeeds, SEEDS } from '../helpers.js';
import { recordingLogger, useTwoShardCluster } from './localSphinx.js';

const installed = await searchdInstalled();
const QUESTION_FILES = [path.resolve(import.meta.dirname, '..', 'eval', 'seed-questions-own.jsonl'), path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'seed-questions.jsonl')];

async function seedQuestions(): Promise<string[]> {
  const files = await Promise.all(QUESTION_FILES.map((file) => readFile(file, 'utf8').catch(() => '')));
  return files.flatMap((text) => text.split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { q: string }).q));
}

/** What a person sees of an answer: the sentence, or the reason there is none. */
function shown(result: Awaited<ReturnType<Archivist['ask']>>): string {
  return result.answer?.text ?? `(no answer: ${result.noAnswerCode ?? ''})`;
}

describe.skipIf(!installed)(installed ? 'the Sphinx backend on two local shards' : 'the Sphinx backend (skipped: searchd is not installed; apt-get install -y sphinxsearch)', () => {
  const local = useTwoShardCluster();
  const { sphinxQl, clusterRows } = local;
  let cluster: LocalCluster;
  let backend: BackendSettings;
  beforeAll(() => {
    ({ cluster, backend } = local);
  });

  it('GIVEN the seeds THEN the eval questions get the same answers as from the embedded index', async () => {
    const questions = await seedQuestions();
    expect(questions.length).toBeGreaterThan(80);
    const embedded = await openArchivist({ corpus: SEEDS, indexDir: null });
    const sphinx = await openArchivist({ corpus: SEEDS, indexDir: null, backend });
    try {
      const differences: string[] = [];
      for (const question of questions) {
        const [expected, actual] = [shown(await embedded.ask(question)), shown(await sphinx.ask(question))];
        if (expected !== actual) differences.push(`${question}\n  embedded: ${expected}\n  sphinx:   ${actual}`);
      }
      // Both backends rank with the same BM25+ over the same statistics: no difference is expected.
      expect(differences).toEqual([]);
      expect(await clusterRows()).toBe(sphinx.stats.paragraphs);
    } finally {
      await Promise.all([embedded.close(), sphinx.close()]);
    }
  });

  it('GIVEN an article changed on disk THEN re-opening replaces its paragraphs on the cluster, and an unchanged corpus is not sent again', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    try {
      const first = await openArchivist({ corpus: seeds.dir, indexDir, backend });
      expect((await first.ask('Who is Marie Harf?')).answer?.text).toContain('spokeswoman Marie Harf');
      await first.close();
      const file = path.join(seeds.dir, '004_999b9fee6b16123a.txt');
      await writeFile(file, (await readFile(file, 'utf8')).replaceAll('Marie Harf', 'Jen Psaki').replaceAll('Harf', 'Psaki'));

      const logger = recordingLogger();
      const second = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger });
      expect((await second.ask('Who is Jen Psaki?')).answer?.text).toContain('spokeswoman Jen Psaki');
      expect((await second.ask('Who is Marie Harf?')).answer?.text ?? '').not.toContain('Marie Harf');
      expect(await clusterRows('harf')).toBe(0);
      expect(await clusterRows('psaki')).toBeGreaterThan(0);
      expect(await clusterRows()).toBe(second.stats.paragraphs);
      expect(logger.infos).toEqual([expect.stringMatching(/Updated the Sphinx index for 1 changed file/)]);
      await second.close();

      const quiet = recordingLogger();
      const third = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger: quiet });
      expect(quiet.infos).toEqual([]);
      expect((await third.ask('Who is Jen Psaki?')).answer?.text).toContain('Jen Psaki');
      await third.close();
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN a shard that lost its data THEN re-opening sends that shard its paragraphs again, and only that shard', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    try {
      await (await openArchivist({ corpus: seeds.dir, indexDir, backend })).close();
      await sphinxQl(1, 'TRUNCATE RTINDEX archivist_1');
      const logger = recordingLogger();
      const reopened = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger });
      expect(logger.infos).toEqual([expect.stringMatching(/^Sphinx shard 1 holds 0 paragraphs, the saved store places \d+ there: sending them again\.$/)]);
      expect(await clusterRows()).toBe(reopened.stats.paragraphs);
      await reopened.close();
      const quiet = recordingLogger();
      await (await openArchivist({ corpus: seeds.dir, indexDir, backend, logger: quiet })).close();
      expect(quiet.infos).toEqual([]);
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN a shard killed mid-run THEN answers keep coming from the other shard, and a warning names the lost shard', async () => {
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: SEEDS, indexDir: null, backend, logger });
    const lost = cluster.nodes[1];
    if (!lost) throw new Error('two shards expected');
    const shardOfAnswer = (file: string | null | undefined) => shardOf(path.relative(SEEDS, path.resolve(file ?? '')), 2);
    try {
      const before = await archivist.ask('Who is Josefina Vidal?');
      expect(shardOfAnswer(before.answer?.source.file)).toBe(0);
      await killNode(lost);
      const started = performance.now();
      const after = await archivist.ask('Who is Josefina Vidal?');
      expect(performance.now() - started).toBeLessThan(2000);
      expect(shown(after)).toBe(shown(before));
      expect(logger.warnings).toEqual([expect.stringMatching(new RegExp(`shard archivist_1 \\(agent ${lost.apiAddress}\\) did not answer`))]);
      for (const question of await seedQuestions()) {
        const result = await archivist.ask(question);
        expect(result.noAnswerCode).not.toBe('search-unavailable');
        if (result.answer) expect(shardOfAnswer(result.answer.source.file)).toBe(0);
      }
      expect(logger.warnings).toHaveLength(1);
      await startNode(lost);
      await archivist.ask('Who is Josefina Vidal?');
      expect(logger.infos).toContainEqual(expect.stringMatching(/shard archivist_1 .* answers again/));
    } finally {
      await startNode(lost);
      await archivist.close();
    }
  });

  it('GIVEN the whole engine down THEN the clear reply, and answers again once it is back, without reopening', async () => {
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: SEEDS, indexDir: null, backend, logger });
    try {
      const before = shown(await archivist.ask('when did talks resume?'));
      await stopLocalCluster(cluster);
      const down = await archivist.ask('when did talks resume?');
      expect(down).toMatchObject({ answer: null, noAnswerCode: 'search-unavailable', noAnswerReason: 'Search is unavailable right now; try again in a minute.' });
      await archivist.ask('Who is Josefina Vidal?');
      expect(logger.warnings).toEqual([`Sphinx at ${cluster.settings.address} cannot be reached (ECONNREFUSED); questions get "search is unavailable" until it is back.`]);
      for (const node of cluster.nodes) await startNode(node);
      expect(shown(await archivist.ask('when did talks resume?'))).toBe(before);
      expect(logger.infos).toContainEqual(`Sphinx at ${cluster.settings.address} answers again.`);
    } finally {
      for (const node of cluster.nodes) await startNode(node);
      await archivist.close();
    }
  });

  it('GIVEN an engine that cannot be reached at start-up THEN opening fails with one line saying what to do', async () => {
    const [unused = 0] = await freePorts(1);
    const nowhere: BackendSettings = { kind: 'sphinx', address: `127.0.0.1:${unused}`, shards: [`127.0.0.1:${unused}`], index: 'archivist' };
    await expect(openArchivist({ corpus: SEEDS, indexDir: null, backend: nowhere })).rejects.toThrow(
      new RegExp(`^Cannot reach the Sphinx search engine at 127\\.0\\.0\\.1:${unused} \\(ECONNREFUSED\\): start it \\(npm run sphinx:up\\)`),
    );
  });

  it('GIVEN shard settings that do not match the distributed index THEN opening fails naming both', async () => {
    const wrong: BackendSettings = { ...cluster.settings, kind: 'sphinx', shards: cluster.settings.shards.slice(0, 1) };
    await expect(openArchivist({ corpus: SEEDS, indexDir: null, backend: wrong })).rejects.toThrow(/should be a distributed index over archivist_0 .* but it covers archivist_0, archivist_1/);
  });
});
