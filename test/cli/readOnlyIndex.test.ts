/**
 * Issue #25 row 8: when the index cannot be saved (the disk is full), `ask` and `repl`
 * answer from the intact saved index plus the change read into memory, and say once what
 * could not be saved. The disk is made full at Node's fs boundary by a preloaded module
 * (test/fixtures/preload/diskFull.mjs); the program runs unchanged.
 */
import { spawnSync } from 'node:child_process';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
const DISK_FULL = path.join(ROOT, 'test', 'fixtures', 'preload', 'diskFull.mjs');
const HARBOUR = 'Harbour reopens after storm\n\nThe harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days, the port authority said in a statement to reporters.\n';
const QUESTION = 'How many days did the storm close the harbour of Port Elyse?';

let work: { dir: string; cleanup: () => Promise<void> };
let corpus: string;
let indexDir: string;

/** Runs the command in an empty environment (no `.env`), optionally on a full disk under the index folder. */
function archivist(args: string[], options: { diskFull?: boolean; input?: string } = {}) {
  const preload = options.diskFull ? ['--import', DISK_FULL] : [];
  const env = { PATH: process.env.PATH ?? '', ARCHIVIST_CORPUS: corpus, ARCHIVIST_INDEX_DIR: indexDir, ARCHIVIST_TEST_FULL_DIR: indexDir };
  return spawnSync(process.execPath, [...preload, BIN, ...args], { cwd: work.dir, env, encoding: 'utf8', input: options.input ?? '', timeout: 60_000 });
}

async function savedFiles(): Promise<Record<string, string>> {
  const names = (await readdir(indexDir, { recursive: true })).sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(path.join(indexDir, name), 'utf8').catch(() => '(folder)');
  return files;
}

beforeAll(async () => {
  work = await temporaryFolder();
  corpus = path.join(work.dir, 'corpus');
  indexDir = path.join(work.dir, 'index-data');
  await cp(SEEDS, corpus, { recursive: true });
  expect(archivist(['index']).status).toBe(0);
  await writeFile(path.join(corpus, 'harbour.txt'), HARBOUR);
});
afterAll(async () => work.cleanup());

describe('a disk that cannot take the index (#25 row 8)', () => {
  it('GIVEN a changed corpus and a full disk WHEN asking THEN the answer comes from the saved index plus the change, the failure is said once, and the saved index is left whole', async () => {
    const before = await savedFiles();
    const result = archivist(['ask', QUESTION], { diskFull: true });
    expect(result.stdout).toContain('nine days');
    const warnings = result.stderr.trim().split('\n').filter((line) => !line.startsWith('{'));
    expect(warnings).toEqual([expect.stringMatching(/^warning: Could not save the index in .*index-data\/corpus-[0-9a-f]{8} \(ENOSPC: the disk is full\): answering from the saved index and the changes read into memory; the saved index is left as it was\.$/)]);
    expect(result.status).toBe(0);
    expect(await savedFiles()).toEqual(before);
  });

  it('GIVEN the same in the REPL THEN it answers too', () => {
    const result = archivist(['repl'], { diskFull: true, input: `${QUESTION}\n` });
    expect(result.stdout).toContain('nine days');
    expect(result.stderr.match(/Could not save the index/g)).toHaveLength(1);
    expect(result.status).toBe(0);
  });
});
