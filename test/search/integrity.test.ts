/**
 * A saved index proves itself (issue 14): every data file carries a checksum in the
 * manifest and the manifest one of its own, so damage of any kind is found before the
 * data is read, and the index is rebuilt with one warning instead of answering from it.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, type AnswerResult } from '../../src/index.js';
import { SEEDS, recordingLogger, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');

let work: { dir: string; cleanup: () => Promise<void> };
let corpus: string;
beforeAll(async () => {
  work = await temporaryFolder();
  corpus = path.join(work.dir, 'seeds');
  await cp(SEEDS, corpus, { recursive: true });
});
afterAll(async () => work.cleanup());

/** The one folder of a corpus's saved index, and its data files. */
async function savedIndex(indexDir: string): Promise<{ folder: string; store: string; postings: string }> {
  const [name] = await readdir(indexDir);
  const folder = path.join(indexDir, name ?? '');
  const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as { files: { store: { name: string }; index: { name: string } } };
  return { folder, store: path.join(folder, manifest.files.store.name), postings: path.join(folder, manifest.files.index.name) };
}

function archivist(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work.dir, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('GIVEN a saved index with a few damaged bytes in its store (issue 14, failure 2)', () => {
  it('THEN `archivist index` repairs it with one warning, and `ask` answers from the rebuilt index', async () => {
    const indexDir = path.join(work.dir, 'index-cli');
    expect(archivist(['index', '--corpus', corpus, '--index-dir', indexDir]).code).toBe(0);
    const { store } = await savedIndex(indexDir);
    const bytes = await readFile(store);
    Buffer.from('\x7fZZ\x00', 'latin1').copy(bytes, Math.floor(bytes.length / 2));
    await writeFile(store, bytes);

    const repaired = archivist(['index', '--corpus', corpus, '--index-dir', indexDir]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/^Indexed 5 articles, 76 paragraphs/);
    expect(repaired.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: Rebuilding the index in .*: its data files are damaged: store-\w+\.jsonl does not match its checksum \(damaged\)\.$/)]);

    const asked = archivist(['ask', '--corpus', corpus, '--index-dir', indexDir, 'When did the OAS suspend Cuba?']);
    expect(asked).toMatchObject({ code: 0, stderr: '' });
    expect(asked.stdout).toContain('1962');
  });
});

describe('GIVEN damage that still parses (issue 14, failure 3)', () => {
  it('THEN a same-length edit of the store ("2009" → "1999") is found and rebuilt, never answered from', async () => {
    const indexDir = path.join(work.dir, 'index-edit');
    await openArchivist({ corpus, indexDir });
    const { store } = await savedIndex(indexDir);
    const text = await readFile(store, 'latin1');
    expect(text).toContain('July 2009');
    await writeFile(store, text.replaceAll('July 2009', 'July 1999'), 'latin1');
    const logger = recordingLogger();
    const reopened = await openArchivist({ corpus, indexDir, logger });
    // Each paragraph is checked when first read (issue 24): the damage shows with the first question that reads it.
    const answer = (await reopened.ask('When did the Obama administration resume the talks?')).answer?.text ?? '';
    expect(logger.warnings).toEqual([expect.stringMatching(/Rebuilding the index .*store-\w+\.jsonl does not match its checksum/)]);
    expect(answer).toContain('July 2009');
    expect(answer).not.toContain('1999');
  });

  it('THEN opened with `checkWholeIndex` (as `archivist index` opens it), the same edit is found before any question', async () => {
    const indexDir = path.join(work.dir, 'index-edit-whole');
    await openArchivist({ corpus, indexDir });
    const { store } = await savedIndex(indexDir);
    await writeFile(store, (await readFile(store, 'latin1')).replaceAll('July 2009', 'July 1999'), 'latin1');
    const logger = recordingLogger();
    const reopened = await openArchivist({ corpus, indexDir, logger, checkWholeIndex: true });
    expect(logger.warnings).toEqual([expect.stringMatching(/^Rebuilding the index in .*: its data files are damaged: store-\w+\.jsonl does not match its checksum \(damaged\)\.$/)]);
    expect((await reopened.ask('When did the Obama administration resume the talks?')).answer?.text).toContain('July 2009');
  });
  it('THEN four bytes overwritten in the middle of the postings are found and rebuilt, and every answer is the clean one', async () => {
    const indexDir = path.join(work.dir, 'index-postings');
    const clean = await openArchivist({ corpus, indexDir });
    const questions = (await readFile(path.join(ROOT, 'test', 'eval', 'seed-questions-own.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { q: string }).q);
    const expected = await Promise.all(questions.map((question) => clean.ask(question)));
    const { postings } = await savedIndex(indexDir);
    const bytes = await readFile(postings);
    bytes.writeUInt32LE(0x00010203, Math.floor(bytes.length / 2) & ~3);
    await writeFile(postings, bytes);
    const logger = recordingLogger();
    const reopened = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/Rebuilding the index .*index-\w+\.postings does not match its checksum/)]);
    expect(await Promise.all(questions.map((question) => reopened.ask(question)))).toEqual(expected);
  });
});

describe('GIVEN a saved index damaged on disk while the index loaded from it answers (issue 24)', () => {
  it('THEN the questions that read it are answered from a rebuilt index, with one warning, and the damaged text is never quoted', async () => {
    const indexDir = path.join(work.dir, 'index-after-load');
    await openArchivist({ corpus, indexDir });
    const before = await savedIndex(indexDir);
    const logger = recordingLogger();
    const serving = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([]);

    // Damaged in place, in the very file the loaded index reads its paragraphs from.
    const text = await readFile(before.store, 'latin1');
    const at = text.indexOf('July 2009');
    expect(at).toBeGreaterThan(text.indexOf('\n'));
    const handle = await open(before.store, 'r+');
    await handle.write(Buffer.from('July 1999', 'latin1'), 0, 9, at);
    await handle.close();

    const question = 'When did the Obama administration resume the talks?';
    const answers = await Promise.all([question, question, 'When did the OAS suspend Cuba?', question].map((asked) => serving.ask(asked)));
    for (const answer of [answers[0], answers[1], answers[3]]) {
      expect(answer?.answer?.text).toContain('July 2009');
      expect(JSON.stringify(answer)).not.toContain('1999');
    }
    expect(answers[2]?.answer?.text).toContain('1962');
    expect(logger.warnings).toEqual([expect.stringMatching(/^Rebuilding the index in .*: its data files are damaged: paragraph \d+ of store-\w+\.jsonl does not match its checksum \(damaged\)\.$/)]);

    // The rebuilt index was saved under new names and loads without a word.
    const after = await savedIndex(indexDir);
    expect(after.store).not.toBe(before.store);
    const quiet = recordingLogger();
    const reopened = await openArchivist({ corpus, indexDir, logger: quiet });
    expect((await reopened.ask(question)).answer?.text).toContain('July 2009');
    expect(quiet.warnings).toEqual([]);
    expect((await serving.ask(question)).answer?.text).toContain('July 2009');
    expect(logger.warnings).toHaveLength(1);
  });
  it('THEN postings damaged on disk after load are never searched: the question is answered from a rebuilt index, with one warning', async () => {
    const indexDir = path.join(work.dir, 'index-postings-after-load');
    await openArchivist({ corpus, indexDir });
    const { postings } = await savedIndex(indexDir);
    const logger = recordingLogger();
    const serving = await openArchivist({ corpus, indexDir, logger });
    const question = 'When did the Obama administration resume the talks?';

    // The second half of the postings (every term's frequencies; the record table after them is left alone) flipped in place.
    const bytes = await readFile(postings);
    const end = bytes.length - 4 - bytes.readUInt32LE(bytes.length - 4);
    for (let at = Math.floor(end / 2); at < end; at++) bytes[at] = bytes[at]! ^ 0xff;
    const handle = await open(postings, 'r+');
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.close();

    expect((await serving.ask(question)).answer?.text).toContain('July 2009');
    expect(logger.warnings).toEqual([expect.stringMatching(/^Rebuilding the index in .*: its data files are damaged: the postings of term \d+ in index-\w+\.postings do not match their checksum \(damaged\)\.$/)]);
    expect((await serving.ask('When did the OAS suspend Cuba?')).answer?.text).toContain('1962');
    expect(logger.warnings).toHaveLength(1);
  });
});

describe('GIVEN random bytes flipped anywhere in a saved index (fast-check)', () => {
  it('THEN every answer afterwards is a clean build\'s, or the index is rebuilt with one warning: never a different answer', async () => {
    // Two small articles keep each rebuild quick; the questions touch both.
    const small = path.join(work.dir, 'small');
    await mkdir(small);
    for (const name of ['002_b60424f30528cec8.txt', '003_af5e38da6ca55989.txt']) await cp(path.join(SEEDS, name), path.join(small, name));
    const questions = ['When did the talks resume?', 'Who suspended the talks?', 'How many visas does the accord grant?', 'Where were the talks held?', 'What did the State Department confirm?'];
    const indexDir = path.join(work.dir, 'index-fuzz');
    const clean = await openArchivist({ corpus: small, indexDir });
    const expected: AnswerResult[] = await Promise.all(questions.map((question) => clean.ask(question)));
    const { folder } = await savedIndex(indexDir);
    const files = await Promise.all((await readdir(folder)).sort().map(async (name) => ({ name, bytes: await readFile(path.join(folder, name)) })));
    expect(files.map((file) => file.name)).toEqual([expect.stringMatching(/^index-/), 'manifest.json', expect.stringMatching(/^store-/)]);

    let rebuilt = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(files.length - 1),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), mask: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }),
        async (which, flips) => {
          await rm(folder, { recursive: true, force: true });
          await mkdir(folder, { recursive: true });
          for (const [index, file] of files.entries()) {
            const bytes = Buffer.from(file.bytes);
            if (index === which) for (const { at, mask } of flips) {
              const position = Math.floor(at * bytes.length);
              bytes[position] = (bytes[position] ?? 0) ^ mask;
            }
            await writeFile(path.join(folder, file.name), bytes);
          }
          const logger = recordingLogger();
          const reopened = await openArchivist({ corpus: small, indexDir, logger });
          const answers = await Promise.all(questions.map((question) => reopened.ask(question)));
          if (logger.warnings.length > 0) {
            expect(logger.warnings).toEqual([expect.stringMatching(/^Rebuilding the index in /)]);
            rebuilt++;
          }
          expect(answers).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 14 },
    );
    // Byte flips that change nothing a reader uses may go unnoticed; damage almost never does.
    expect(rebuilt).toBeGreaterThan(190);
  }, 180_000);
});
