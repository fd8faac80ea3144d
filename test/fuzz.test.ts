/**
 * Fuzzing the two ways text comes in (issue 14): questions and article files made of
 * random Unicode, control characters, invalid UTF-8, huge lines and chat mention syntax.
 * Nothing crashes, every input gets exactly one outcome, and memory stays bounded.
 * Seconds in CI; `ARCHIVIST_FUZZ_RUNS=10` (a multiplier) runs ten times as many cases.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isArchivistError, openArchivist, type AnswerResult, type Archivist } from '../src/index.js';
import { SEEDS, recordingLogger, temporaryFolder } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
const SCALE = Math.max(1, Number(process.env.ARCHIVIST_FUZZ_RUNS ?? 1) || 1);
const NO_ANSWER_CODES = ['empty-question', 'question-too-long', 'no-searchable-words', 'no-match', 'low-confidence', 'search-unavailable'];

/** Pieces of hostile text: mentions of every chat platform, markdown, control and invisible characters, words of the corpus. */
const hostilePiece = fc.oneof(
  fc.constantFrom('<!channel>', '<!here>', '@everyone', '@here', '<@U0123ABCD>', '<#C0123|general>', '<@&1100000000000000002>', '<!subteam^S0123|@team>', '<https://example.org|link>'),
  fc.constantFrom('**bold**', '`code`', '```\nblock\n```', '> quote', '[x](javascript:alert(1))', '<script>', '&amp;', '|||', '\\', '"', "'"),
  fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\r', '\t', '\u2028', '\u200b', '\ufeff', '\ufffd', '\ud800', 'e\u0301', '👍🏽', '𝕿', 'ﷺ'),
  fc.constantFrom('talks', 'Cuba', 'migration', 'when', 'who', '1962', '20,000', 'U.S.', 'July 2009', 'Havana'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const hostileText = fc.array(hostilePiece, { maxLength: 25 }).map((pieces) => pieces.join(' '));
/** Text, sometimes a huge line of it. */
const question = fc.oneof(
  { weight: 8, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.tuple(hostileText, fc.integer({ min: 100, max: 3000 })).map(([text, times]) => `${text}x`.repeat(times)) },
);

let work: { dir: string; cleanup: () => Promise<void> };
let archivist: Archivist;
beforeAll(async () => {
  work = await temporaryFolder();
  archivist = await openArchivist({ corpus: SEEDS, indexDir: null });
});
afterAll(async () => {
  await archivist.close();
  await work.cleanup();
});

function expectWellFormed(result: AnswerResult): void {
  expect(typeof result.question).toBe('string');
  expect(result.question.length).toBeLessThanOrEqual(4000);
  if (result.answer === null) expect(NO_ANSWER_CODES).toContain(result.noAnswerCode);
  else expect(result.answer.text.length).toBeGreaterThan(0);
}

describe('GIVEN fuzzed questions', () => {
  it('THEN every question gets one well-formed result, and memory stays bounded', async () => {
    const before = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(question, async (text) => {
        expectWellFormed(await archivist.ask(text));
      }),
      { numRuns: 300 * SCALE, seed: 1414 },
    );
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
  }, 120_000 * SCALE);

  it('THEN the batch CLI writes exactly one JSON line per input line, invalid UTF-8 and huge lines included, in a small heap', () => {
    const lines = fc.sample(question, { numRuns: 150 * SCALE, seed: 1415 }).map((text) => Buffer.from(text.replace(/\r?\n|\r/g, ' ')));
    // Bytes that are not UTF-8, and one line of 20 MB that must not be held whole.
    lines.push(Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from([0x80, 0x80, 0x20, 0x74, 0x61, 0x6c, 0x6b, 0x73]), Buffer.alloc(20 * 1024 * 1024, 'y'));
    const input = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    const result = spawnSync(process.execPath, ['--max-old-space-size=192', BIN, 'ask', '--corpus', SEEDS, '--index-dir', path.join(work.dir, 'index-data')], { input, cwd: work.dir, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 1 << 28, timeout: 120_000 * SCALE });
    expect(result.status, result.stderr.toString()).toBe(0);
    const out = result.stdout.toString().split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(lines.length);
    for (const line of out) expectWellFormed(JSON.parse(line) as AnswerResult);
  }, 180_000 * SCALE);
});

/** An article file's bytes: hostile text in paragraphs, raw bytes, or a huge line. */
const articleBytes = fc.oneof(
  fc.array(hostileText, { maxLength: 12 }).map((paragraphs) => Buffer.from(paragraphs.join('\n\n'))),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.tuple(hostileText, fc.integer({ min: 10, max: 400 })).map(([text, times]) => Buffer.from(`${text}. `.repeat(times))),
  fc.constantFrom(Buffer.from('Talks resumed in Havana\n\nThe United States and Cuba resumed migration talks in Havana on Monday, officials from both countries said in a joint statement.\n')),
);
const articleFile = fc.record({ name: fc.stringMatching(/^[a-z0-9_-]{1,12}\.(?:txt|md)$/), bytes: articleBytes });

describe('GIVEN fuzzed article files', () => {
  it('THEN opening the corpus never crashes, and every file is indexed or named in a warning', async () => {
    let corpusNumber = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(articleFile, { minLength: 1, maxLength: 4, selector: (file) => file.name }), fc.option(hostileText), async (files, sidecarTitle) => {
        const corpus = path.join(work.dir, `corpus-${corpusNumber++}`);
        await mkdir(corpus);
        for (const file of files) await writeFile(path.join(corpus, file.name), file.bytes);
        if (sidecarTitle !== null) await writeFile(path.join(corpus, files[0]?.name.replace(/\.\w+$/, '.meta.json') ?? 'x.meta.json'), `{"title": ${JSON.stringify(sidecarTitle)}, "date": ${JSON.stringify(sidecarTitle)}}`);
        const logger = recordingLogger();
        let opened: Archivist | null = null;
        try {
          opened = await openArchivist({ corpus, indexDir: null, logger });
        } catch (error) {
          // Only a corpus with no article text at all may refuse to open, and it says so.
          expect(isArchivistError(error) && error.code, String(error)).toBe('CORPUS_EMPTY');
        }
        const indexed = new Set(opened?.sources().map((source) => path.basename(source.file ?? '')) ?? []);
        for (const file of files) {
          const named = logger.warnings.some((warning) => warning.includes(file.name));
          expect(indexed.has(file.name) || named, `${file.name} is neither indexed nor named in a warning`).toBe(true);
        }
        if (opened) expectWellFormed(await opened.ask(`When did ${files[0]?.bytes.toString('utf8').slice(0, 40) ?? ''} resume?`));
        await opened?.close();
      }),
      { numRuns: 40 * SCALE, seed: 1416 },
    );
  }, 180_000 * SCALE);
});
