/**
 * Issue #25 rows 3 and 4: pages are read in worker threads under a CPU-time deadline and a
 * memory cap; a page past either is named, the worker replaced, the next page read; and a
 * page holding one enormous "word" is indexed at once, the word cut, with a warning.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist } from '../../src/index.js';
import { readEntriesOffThread, readPageOffThread, ReadingError } from '../../src/search/offThreadReader.js';
import { recordingLogger, temporaryFolder } from '../helpers.js';

/** 4.5 MB of paragraphs: seconds of CPU time to read, far past the 0.3 s these tests allow. */
const SLOW_PAGE = `<html><body><article>${Array.from({ length: 40_000 }, (_, n) => `<p>Paragraph ${n} of a very long page about the harbour of Port Elyse and its storms.</p>`).join('')}</article></body></html>`;
const SMALL_PAGE = '<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>The harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days.</p></article></body></html>';
const fetched = (html: string) => ({ bytes: Buffer.from(html), charset: 'utf-8', url: 'http://news.example/page' });
const TIGHT = { cpuSeconds: 0.3, memoryMb: 512 };

let folder: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  folder = await temporaryFolder();
});
afterAll(async () => folder.cleanup());

async function failure(promise: Promise<unknown>): Promise<ReadingError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  if (!(error instanceof ReadingError)) throw new Error(`expected a ReadingError, got ${String(error)}`);
  return error;
}

describe('reading off the serving thread', () => {
  it('GIVEN a page that takes longer than the CPU-time deadline THEN it is named "took too long to read", this thread kept running meanwhile, and the next page is read by a fresh worker', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const slow = await failure(readPageOffThread(fetched(SLOW_PAGE), TIGHT));
    clearInterval(timer);
    expect(slow).toMatchObject({ problem: 'too-slow', message: 'it took too long to read (more than 0.3 s of CPU time)' });
    expect(ticks).toBeGreaterThan(5);
    const next = await readPageOffThread(fetched(SMALL_PAGE), TIGHT);
    expect(next.article?.paragraphs).toEqual(['The harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days.']);
  });

  it('GIVEN a page that needs more memory than the cap THEN it is named "too large to read"', async () => {
    const large = await failure(readPageOffThread(fetched(SLOW_PAGE), { cpuSeconds: 60, memoryMb: 16 }));
    expect(large).toMatchObject({ problem: 'too-large', message: 'it is too large to read (it needed more than the 16 MB of memory a reader may use)' });
  });

  it('GIVEN corpus files read in one batch, one of them too slow THEN only that one is skipped, named in one warning, and the others are read in order', async () => {
    const logger = recordingLogger();
    const source = (name: string, text: string) => ({ key: name, source: { articleId: name, file: name, kind: 'html' as const, text } });
    const read = await readEntriesOffThread([source('a.html', SMALL_PAGE), source('slow.html', SLOW_PAGE), source('c.html', SMALL_PAGE)], logger, TIGHT);
    expect(read.map((each) => each?.article.title ?? null)).toEqual(['Harbour reopens', null, 'Harbour reopens']);
    expect(logger.warnings).toEqual(['Skipped slow.html: it took too long to read (more than 0.3 s of CPU time).']);
  });
});

describe('one enormous word (#25 row 3)', () => {
  it('GIVEN a 300 KB page holding one 300,000-character word THEN it is indexed at once, the word cut to 200 characters with one warning, and the rest answers', async () => {
    const corpus = path.join(folder.dir, 'long-word');
    await mkdir(corpus);
    const word = 'ab1'.repeat(100_000);
    await writeFile(path.join(corpus, 'harbour.html'), `<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>The harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days.</p><p>${word}</p><p>The port authority said so in a statement to reporters.</p></article></body></html>`);
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus, indexDir: path.join(folder.dir, 'index-data'), logger });
    const result = await archivist.ask('How many days did the storm close the harbour?');
    await archivist.close();
    expect(logger.warnings).toEqual([expect.stringMatching(/^Cut 1 run of characters without a space in .*harbour\.html to 200 characters/)]);
    expect(result.answer?.text).toContain('nine days');
  });
});
