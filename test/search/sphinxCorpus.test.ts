import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { openArchivist, silentLogger, type Archivist, type BackendSettings } from '../../src/index.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { storeStatistics } from '../../src/search/storeSource.js';
import { stateFolderFor } from '../../src/search/sphinx/clusterState.js';
import { openSphinxCorpus } from '../../src/search/sphinx/openSphinxCorpus.js';
import { streamCorpus } from '../../src/search/sphinx/streamCorpus.js';
import type { TermStatistics } from '../../src/search/paragraphSource.js';
import { searchdInstalled, type LocalCluster } from '../../scripts/sphinxCluster.js';
import { copyOfSeeds, SEEDS, temporaryFolder } from '../helpers.js';
import { recordingLogger, useTwoShardCluster } from './localSphinx.js';

const installed = await searchdInstalled();
const SEED_QUESTIONS = path.resolve(import.meta.dirname, '..', 'eval', 'seed-questions-own.jsonl');

async function seedQuestions(): Promise<string[]> {
  return (await readFile(SEED_QUESTIONS, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { q: string }).q);
}

/** What a person sees of every answer. */
async function answersTo(archivist: Archivist, questions: string[]): Promise<string[]> {
  const shown: string[] = [];
  for (const question of questions) {
    const result = await archivist.ask(question);
    shown.push(result.answer ? `${result.answer.text} [${result.answer.source.title ?? ''}; ${result.answer.confidence}]` : `(no answer: ${result.noAnswerCode ?? ''})`);
  }
  return shown;
}

/** Asserts that cluster-held statistics equal the embedded store's for the same folder. */
async function expectStatisticsOf(folder: string, statistics: TermStatistics): Promise<void> {
  const { store } = await buildCorpus(await readCorpus(folder, silentLogger), silentLogger);
  const embedded = storeStatistics(store);
  expect(statistics.paragraphCount).toBe(embedded.paragraphCount);
  expect(statistics.averageLength()).toBe(embedded.averageLength());
  expect([...statistics.termsStartingWith('')]).toEqual([...embedded.termsStartingWith('')]);
  for (const term of Object.keys(store.documentFrequency)) expect(statistics.documentFrequency(term), term).toBe(embedded.documentFrequency(term));
}

describe.skipIf(!installed)(installed ? 'a corpus held on a Sphinx cluster' : 'a corpus held on a Sphinx cluster (skipped: searchd is not installed)', () => {
  const local = useTwoShardCluster();
  const { clusterRows } = local;
  let cluster: LocalCluster;
  let backend: BackendSettings;
  beforeAll(() => {
    ({ cluster, backend } = local);
  });

  it('GIVEN a corpus loaded and saved THEN a restarted bot answers exactly as before without reading its corpus, and says once that it could not catch up with it', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    const questions = await seedQuestions();
    try {
      const first = await openArchivist({ corpus: seeds.dir, indexDir, backend });
      const before = await answersTo(first, questions);
      await first.close();
      const moved = `${seeds.dir}-away`;
      await rename(seeds.dir, moved);
      const logger = recordingLogger();
      const restarted = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger, watch: true });
      expect(await answersTo(restarted, questions)).toEqual(before);
      expect(restarted.stats.paragraphs).toBeGreaterThan(70);
      await restarted.close();
      expect(logger.warnings).toEqual([expect.stringMatching(/^Could not catch up with .*: Corpus not found/)]);
      await rename(moved, seeds.dir);
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN two processes opening the same new corpus on the cluster at once THEN one loads it while the other waits, both answer alike, and every paragraph is on the cluster once', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    const questions = (await seedQuestions()).slice(0, 20);
    try {
      const logger = recordingLogger();
      const [first, second] = await Promise.all([openArchivist({ corpus: seeds.dir, indexDir, backend, logger }), openArchivist({ corpus: seeds.dir, indexDir, backend, logger })]);
      expect(await answersTo(second, questions)).toEqual(await answersTo(first, questions));
      expect(await clusterRows()).toBe(first.stats.paragraphs);
      expect(logger.infos.some((line) => line.includes('waiting for it'))).toBe(true);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN the saved state THEN it holds the articles and term counts but no paragraph text', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    try {
      await (await openArchivist({ corpus: seeds.dir, indexDir, backend })).close();
      const folder = stateFolderFor(indexDir, seeds.dir);
      const saved = (await Promise.all((await readdir(folder)).map((name) => readFile(path.join(folder, name), 'utf8')))).join('\n');
      expect(saved).toContain('vidal'); // the term is counted
      expect(saved).not.toContain('Josefina Vidal, director of the US');
      expect(saved).not.toContain('resumed them in July 2009');
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN files added, changed and removed THEN after a sync the cluster holds exactly the current paragraphs and the statistics equal a fresh embedded build of the folder', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    try {
      const { live } = await openSphinxCorpus({ corpus: seeds.dir, indexDir, settings: cluster.settings, logger: silentLogger });
      await expectStatisticsOf(seeds.dir, live.current().statistics);
      const changed = path.join(seeds.dir, '004_999b9fee6b16123a.txt');
      await writeFile(changed, (await readFile(changed, 'utf8')).replaceAll('Marie Harf', 'Jen Psaki'));
      await writeFile(path.join(seeds.dir, 'zz-new.txt'), 'Ferry talks\n\nThe ferry operators met in Key West on Tuesday to discuss a new route to Havana.\n\nThey agreed on a timetable.\n');
      await rm(path.join(seeds.dir, (await readdir(seeds.dir)).filter((name) => name.endsWith('.txt'))[0] ?? ''));
      expect(await live.sync()).toBe(3);
      await expectStatisticsOf(seeds.dir, live.current().statistics);
      expect(await clusterRows()).toBe(live.current().counts().paragraphs);
      expect(live.current().articles().map((article) => article.key).sort()).toEqual((await readCorpus(seeds.dir, silentLogger)).map((entry) => entry.key).sort());
      expect(await live.sync()).toBe(0);
      await live.close();

      const reopened = await openSphinxCorpus({ corpus: seeds.dir, indexDir, settings: cluster.settings, logger: silentLogger });
      await expectStatisticsOf(seeds.dir, reopened.live.current().statistics);
      await reopened.live.close();
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN the bot watching its folder THEN an added article is answerable and a removed one gone, each after one reload', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger, watch: true });
    const until = async (question: string, accept: (text: string | undefined) => boolean) => {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
        if (accept((await archivist.ask(question)).answer?.text)) return;
      }
      throw new Error(`No reload made "${question}" answer as expected.`);
    };
    try {
      await writeFile(path.join(seeds.dir, 'zz-ferry.txt'), 'Ferry talks\n\nThe ferry operators met in Key West on Tuesday to discuss a new route to Havana.\n');
      await until('Where did the ferry operators meet?', (text) => text?.includes('Key West') === true);
      await rm(path.join(seeds.dir, 'zz-ferry.txt'));
      await until('Where did the ferry operators meet?', (text) => text?.includes('Key West') !== true);
      // A change answers as soon as it is applied; its one line is logged once the state is also saved.
      const reloads = () => logger.infos.filter((line) => line.startsWith('Reloaded'));
      for (const deadline = Date.now() + 5_000; reloads().length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(reloads()).toHaveLength(2);
      expect(archivist.sources().map((source) => source.articleId)).not.toContain('zz-ferry');
    } finally {
      await archivist.close();
      await seeds.cleanup();
    }
  });

  it('GIVEN a saved term statistics file with one byte changed THEN one warning names the damage and the corpus is loaded again, answering as before', async () => {
    const seeds = await copyOfSeeds();
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    const questions = (await seedQuestions()).slice(0, 20);
    try {
      const first = await openArchivist({ corpus: seeds.dir, indexDir, backend });
      const before = await answersTo(first, questions);
      await first.close();
      const folder = stateFolderFor(indexDir, seeds.dir);
      const terms = path.join(folder, (await readdir(folder)).find((name) => name.startsWith('terms-')) ?? '');
      const bytes = await readFile(terms);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0x20;
      await writeFile(terms, bytes);
      const logger = recordingLogger();
      const reopened = await openArchivist({ corpus: seeds.dir, indexDir, backend, logger });
      expect(logger.warnings).toEqual([expect.stringMatching(/cannot be used \(its files are damaged \(checksum mismatch\)\)/)]);
      expect(await answersTo(reopened, questions)).toEqual(before);
      await reopened.close();
    } finally {
      await seeds.cleanup();
    }
  });

  it('GIVEN one analysis thread or two THEN the saved state (ledger and term statistics) is byte for byte the same', async () => {
    const folder = await temporaryFolder();
    try {
      const saved: string[] = [];
      for (const threads of [1, 2]) {
        const indexDir = path.join(folder.dir, `index-${threads}`);
        const archivist = await openArchivist({ corpus: SEEDS, indexDir, backend, analysisThreads: threads });
        await archivist.close();
        const state = stateFolderFor(indexDir, SEEDS);
        const files = (await readdir(state)).filter((name) => name !== 'manifest.json').sort();
        saved.push((await Promise.all(files.map((name) => readFile(path.join(state, name), 'base64')))).join('|'));
      }
      expect(saved[1]).toBe(saved[0]);
    } finally {
      await folder.cleanup();
    }
  });
});

describe('a .jsonl corpus read as a stream', () => {
  it('GIVEN good lines, a blank one and a bad one THEN the stream gives exactly what readCorpus gives, with the same warning', async () => {
    const folder = await temporaryFolder();
    try {
      const file = path.join(folder.dir, 'corpus.jsonl');
      const lines = [
        JSON.stringify({ id: 'a1', title: 'Talks', text: 'Talks resumed in July 2009.\n\nThey were held in New York.' }),
        '',
        '{"id": 7, "text": "not a string id"}',
        JSON.stringify({ id: 'a2', text: 'Café owners in Havana — “quoted” text — met again.' }),
      ];
      await writeFile(file, `${lines.join('\n')}\n`);
      const expectedLogger = recordingLogger();
      const expected = await readCorpus(file, expectedLogger);
      const streamedLogger = recordingLogger();
      const stream = await streamCorpus(file, streamedLogger);
      const streamed = [];
      for await (const entry of stream.entries) streamed.push(entry);
      expect(streamed).toEqual(expected);
      expect(streamedLogger.warnings).toEqual(expectedLogger.warnings);
      expect(stream.progress()).toBe(1);
    } finally {
      await folder.cleanup();
    }
  });
});
