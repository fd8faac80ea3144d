/**
 * One writer at a time (issue 14, failure 4): `archivist index` runs that meet on one
 * index folder take turns, the second uses the first's result, and a lock left by a killed
 * process is taken over.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist } from '../../src/index.js';
import { lockPathFor } from '../../src/search/indexLock.js';
import { indexFolderFor, isUnusable, loadSnapshot, readManifest } from '../../src/search/persist.js';
import { temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
const RECORDS = 20_000;

const SENTENCES = [
  'The delegations met in Havana to discuss migration.',
  'Officials said the talks were useful and respectful.',
  'The accord grants at least twenty thousand visas a year.',
  'Coast guard crews returned the migrants picked up at sea.',
  'The next round of talks will be held in Washington.',
  'Both sides agreed to keep the channel of dialogue open.',
];

let work: { dir: string; cleanup: () => Promise<void> };
let corpus: string;
let indexDir: string;
beforeAll(async () => {
  work = await temporaryFolder();
  corpus = path.join(work.dir, 'records.jsonl');
  indexDir = path.join(work.dir, 'index-data');
});
afterAll(async () => work.cleanup());

/**
 * A corpus of short records. From one round to the next a different 1/60 of them is
 * revised (some 670 records change), so every round after the first is an update large
 * enough to be built by a worker and read back: where the races were.
 */
async function writeCorpus(round: number, records = RECORDS): Promise<void> {
  const lines: string[] = [];
  for (let id = 0; id < records; id++) {
    const revision = id % 60 === round % 60 ? ` (revision ${round})` : '';
    lines.push(JSON.stringify({ id: `r${id}`, title: `Record ${id}`, text: `${SENTENCES[id % SENTENCES.length]} Report ${id}${revision}.` }));
  }
  await writeFile(corpus, `${lines.join('\n')}\n`);
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `archivist index` on the corpus (debug log on stderr); `onSpawn` gets the child. */
function index(onSpawn?: (kill: () => void) => void): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'index', '--corpus', corpus, '--index-dir', indexDir], { cwd: work.dir, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

/** The saved index is whole: its manifest and both data files check out, and nothing else is in the folder. */
async function expectValidIndex(): Promise<void> {
  const folder = indexFolderFor(indexDir, corpus);
  const manifest = await readManifest(folder);
  if (manifest === null || isUnusable(manifest)) throw new Error(`no usable manifest: ${JSON.stringify(manifest)}`);
  const saved = await loadSnapshot(folder, manifest);
  expect(isUnusable(saved) ? saved.problem : 'usable').toBe('usable');
  expect((await readdir(folder)).sort()).toEqual([manifest.files.index.name, 'manifest.json', manifest.files.store.name].sort());
  expect(await readdir(indexDir)).toEqual([path.basename(folder)]);
}

describe('GIVEN two `archivist index` runs at once on a 20,000-record corpus', () => {
  it('THEN in each of 5 rounds (a build, then updates) both succeed, one writes while the other waits and uses its result, and the index is valid', async () => {
    for (let round = 1; round <= 5; round++) {
      await writeCorpus(round);
      const runs = await Promise.all([index(), index()]);
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(`Indexed ${RECORDS} articles, ${RECORDS} paragraphs, ${2 * RECORDS} sentences.\n`);
      }
      const built = runs.filter((run) => run.stderr.includes('"msg":"Saved a new index."'));
      const reused = runs.filter((run) => run.stderr.includes('"msg":"Loaded the saved index as it is."'));
      expect([built.length, reused.length]).toEqual([1, 1]);
      expect(reused[0]?.stderr).toMatch(/"msg":"Waited [\d.]+ s for another Archivist process writing the index in /);
      await expectValidIndex();
    }
    const archivist = await openArchivist({ corpus, indexDir });
    expect((await archivist.ask('How many visas does the accord grant?')).answer?.text).toContain('twenty thousand visas');
  }, 240_000);

  it('THEN a lock left by a killed builder is taken over, and the next run leaves a valid index', async () => {
    await writeCorpus(6, 3000);
    const lock = lockPathFor(indexFolderFor(indexDir, corpus));
    const killed = await index((kill) => {
      const check = setInterval(() => {
        void stat(lock).then(
          () => {
            clearInterval(check);
            kill();
          },
          () => undefined,
        );
      }, 20);
    });
    expect(killed.code).toBeNull();
    expect((await stat(lock)).isDirectory()).toBe(true);
    // As if the killed process had gone quiet long ago (its lock is no longer touched).
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const next = await index();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/^Indexed 3000 articles/);
    await expectValidIndex();
    expect(JSON.parse(await readFile(path.join(indexFolderFor(indexDir, corpus), 'manifest.json'), 'utf8')).paragraphs).toBe(3000);
  }, 120_000);
});
