import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/answer/scoring.js';
import { createArchivist } from '../../src/archivist.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { openArchivist, silentLogger, type Archivist, type AskOptions } from '../../src/index.js';
import { createLiveCorpus } from '../../src/search/liveCorpus.js';
import { servedStore } from '../../src/search/storeSource.js';
import { fingerprintsOf, prepareIndex } from '../../src/search/prepareIndex.js';
import { copyOfSeeds } from '../helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function watchedSeeds(): Promise<{ corpus: string; archivist: Archivist; logs: string[] }> {
  const seeds = await copyOfSeeds();
  const logs: string[] = [];
  const logger = { error() {}, warn() {}, debug() {}, info: (message: string) => void logs.push(message) };
  const archivist = await openArchivist({ corpus: seeds.dir, indexDir: path.join(seeds.dir, '..', 'index-data'), watch: true, logger });
  cleanups.push(async () => {
    await archivist.close();
    await seeds.cleanup();
  });
  return { corpus: seeds.dir, archivist, logs };
}

/** Asks (with `options`) until `accept` holds for the answer text, for at most `deadlineMs`; returns the time it took. */
async function answeredWithin(archivist: Archivist, question: string, accept: (answer: string | undefined) => boolean, options: AskOptions = {}, deadlineMs = 2000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if (accept((await archivist.ask(question, options)).answer?.text)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`"${question}" was not answered as expected within ${deadlineMs} ms`);
}

/** The store file of the one index saved under `indexDir`. */
async function savedStoreFile(indexDir: string): Promise<string> {
  const [name] = await readdir(indexDir);
  const folder = path.join(indexDir, name ?? '');
  const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as { files: { store: { name: string } } };
  return path.join(folder, manifest.files.store.name);
}

/** Whether this process holds `file` open, removed or not (Linux lists each descriptor's file in /proc/self/fd). */
function holdsOpen(file: string): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
    } catch {
      return false; // the descriptor readdir itself used, closed since
    }
  });
}

/** A copy of the seeds with its index saved, as a live corpus (reloaded by the test, not watched) and an archivist answering from it. */
async function liveSeeds() {
  const seeds = await copyOfSeeds();
  cleanups.push(seeds.cleanup);
  const indexDir = path.join(seeds.dir, '..', 'index-data');
  const entries = await readCorpus(seeds.dir, silentLogger);
  const corpus = await prepareIndex(seeds.dir, indexDir, entries, { logger: silentLogger });
  const live = createLiveCorpus({ corpusPath: seeds.dir, indexDir, logger: silentLogger, fingerprints: fingerprintsOf(entries), corpus });
  const archivist = createArchivist({ current: () => servedStore(live.current()) }, DEFAULT_MODEL, () => live.settle());
  return { seeds, indexDir, live, archivist };
}

const FERRY = 'Ferry service resumes\n\nA weekly ferry between Key West and Havana will start on 3 March, the operator said on Monday in a statement about the new route.\n';

describe('a watched corpus folder', () => {
  it('GIVEN a question word the corpus lacks, and then a file using a longer form of it THEN the longer form is found after the reload', async () => {
    const { corpus, archivist } = await watchedSeeds();
    // "it" names nothing, so the confidence stays low: what is tested is that the sentence is found at all, and ranked first.
    const question = 'Who inspected it?';
    // Before the file, only words of a related meaning match ("reviewed"): nothing relevant.
    expect((await archivist.ask(question)).noAnswerCode).toBe('no-match');
    await writeFile(path.join(corpus, 'zz_inspectors.txt'), 'Harbour visit\n\nTwo inspectors from the maritime agency toured the harbour of Mariel on 3 March.\n');
    await answeredWithin(archivist, question, (answer) => answer?.startsWith('Two inspectors') === true, { minConfidence: 0 });
  });

  it('GIVEN a file added THEN it is answerable within 2 s, without a restart, and one reload line is logged', async () => {
    const { corpus, archivist, logs } = await watchedSeeds();
    expect((await archivist.ask('When will the ferry between Key West and Havana start?')).answer).toBeNull();
    await writeFile(path.join(corpus, 'zz_ferry.txt'), FERRY);
    await answeredWithin(archivist, 'When will the ferry between Key West and Havana start?', (text) => text?.includes('3 March') === true);
    expect(archivist.stats.articles).toBe(6);
    await archivist.close(); // waits for the reload to finish saving, which it logs
    expect(logs.filter((line) => line.startsWith('Reloaded'))).toHaveLength(1);
  });

  it('GIVEN a file changed THEN its new text is answerable within 2 s', async () => {
    const { corpus, archivist } = await watchedSeeds();
    await appendFile(path.join(corpus, '002_b60424f30528cec8.txt'), '\n\nThe delegations also agreed that the next round of talks would be held in the city of Cienfuegos, officials from both countries said afterwards.\n');
    await answeredWithin(archivist, 'Where will the next round of talks be held?', (text) => text?.includes('Cienfuegos') === true);
  });

  it('GIVEN a file removed THEN its answers are gone within 2 s', async () => {
    const { corpus, archivist } = await watchedSeeds();
    expect((await archivist.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
    await rm(path.join(corpus, '004_999b9fee6b16123a.txt'));
    await answeredWithin(archivist, 'Who is Marie Harf?', (text) => text === undefined);
    expect(archivist.sources().map((source) => source.articleId)).not.toContain('004_999b9fee6b16123a');
  });

  it('GIVEN a reload under way THEN a question asked meanwhile is answered from the old state, and then from the new one', async () => {
    const { seeds, indexDir, live, archivist } = await liveSeeds();
    const file = path.join(seeds.dir, '004_999b9fee6b16123a.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('Marie Harf', 'Jen Psaki'));
    const reloading = live.reload();
    const during = await archivist.ask('Who is Marie Harf?');
    expect(await reloading).toBe(1);
    expect(during.answer?.text).toContain('Marie Harf');
    expect((await archivist.ask('Who is Marie Harf?')).answer).toBeNull();
    expect((await archivist.ask('Who is Jen Psaki?')).answer?.text).toContain('Jen Psaki');
    const reopened = await openArchivist({ corpus: seeds.dir, indexDir, logger: { ...silentLogger, info: (message) => expect(message).not.toMatch(/Updated/) } });
    expect((await reopened.ask('Who is Jen Psaki?')).answer?.text).toContain('Jen Psaki');
  });

  it.skipIf(!existsSync('/proc/self/fd'))('GIVEN a reload applied in place and saved THEN the paragraphs saved before it still answer, read from the new store file, and the replaced one is no longer held open', async () => {
    const { seeds, indexDir, live, archivist } = await liveSeeds();
    const replaced = await savedStoreFile(indexDir);
    expect(holdsOpen(replaced)).toBe(true);
    await writeFile(path.join(seeds.dir, 'zz_ferry.txt'), FERRY);
    expect(await live.reload()).toBe(1);
    const saved = await savedStoreFile(indexDir);
    expect(saved).not.toBe(replaced);
    expect(holdsOpen(replaced)).toBe(false);
    expect((await archivist.ask('When did the OAS suspend Cuba?')).answer?.text).toContain('1962');
    expect((await archivist.ask('When will the ferry between Key West and Havana start?')).answer?.text).toContain('3 March');
    expect(holdsOpen(saved)).toBe(true);
  });
});
