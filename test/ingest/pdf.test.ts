/**
 * PDF documents in a corpus folder (issue 22, item 4): paragraphs rebuilt from text lines,
 * title and date from the document info or its first lines, and a PDF that gives no text
 * (a scan, a broken file, a password) named in one warning while the rest is indexed.
 * Every PDF is written by the test (test/pdfMaker.ts).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/ingest/article.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { openArchivist } from '../../src/index.js';
import { layOut, makePdf } from '../pdfMaker.js';
import { recordingLogger, temporaryFolder } from '../helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folderWith(files: Record<string, Buffer | string>): Promise<string> {
  const folder = await temporaryFolder();
  cleanups.push(folder.cleanup);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder.dir, name), content);
  return folder.dir;
}

/** The articles read from a folder, and the warnings. */
async function read(files: Record<string, Buffer | string>) {
  const logger = recordingLogger();
  const entries = await readCorpus(await folderWith(files), logger);
  return { articles: entries.map((entry) => buildArticle(entry.source)), warnings: logger.warnings };
}

const TALKS = 'The United States and Cuba will resume talks on migration in July, officials from both countries said on Monday in Washington.';
const VISAS = 'Under the accord, Washington issues at least 20,000 visas a year to Cubans who want to emigrate, the State Department said.';
const HARBOUR = 'Harbour reopens\n\nThe harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days.\n';

describe('GIVEN a PDF report in a corpus folder', () => {
  it('WHEN its info names a title and a date THEN they are the article\'s, and the wrapped lines read as whole paragraphs', async () => {
    const pdf = makePdf({ pages: [layOut([TALKS, VISAS])], info: { Title: 'Migration talks to resume', CreationDate: 'D:20130717093000Z', Author: 'Jane Doe' } });
    const { articles, warnings } = await read({ 'talks.pdf': pdf });
    expect(warnings).toEqual([]);
    expect(articles).toEqual([expect.objectContaining({ articleId: 'talks', title: 'Migration talks to resume', date: '2013-07-17', byline: 'Jane Doe', paragraphs: [TALKS, VISAS] })]);
  });

  it('WHEN it has no info THEN the title is its heading, the date its dateline, and paragraphs break at indents, go on across a page, and a word split at a line\'s end is joined', async () => {
    const lines = [
      { text: 'State Department confirms migration talks', x: 72, y: 740, size: 18 },
      { text: 'July 17, 2013', x: 72, y: 716 },
      // Paragraphs set without a gap: each opens with an indent.
      { text: 'The talks will be held in Washington, a spokeswoman', x: 90, y: 690 },
      { text: 'said, the first since January 2011.', x: 72, y: 676 },
      { text: 'Officials from both countries will review the 1994', x: 90, y: 662 },
      { text: 'accord that governs the flow of mi-', x: 72, y: 648 },
      { text: 'grants between', x: 72, y: 634 },
      { text: '3', x: 300, y: 40 },
    ];
    const nextPage = [{ text: 'the two countries.', x: 72, y: 740 }];
    const { articles } = await read({ 'confirms.pdf': makePdf({ pages: [lines, nextPage] }) });
    expect(articles[0]).toMatchObject({
      title: 'State Department confirms migration talks',
      date: '2013-07-17',
      paragraphs: ['July 17, 2013', 'The talks will be held in Washington, a spokeswoman said, the first since January 2011.', 'Officials from both countries will review the 1994 accord that governs the flow of migrants between the two countries.'],
    });
  });

  it('WHEN the folder holds a scan, a broken PDF, a file that only claims to be one and a .docx THEN each is named in one warning and the rest is answered from', async () => {
    const folder = await folderWith({
      'scan.pdf': makePdf({ pages: [[], []] }),
      'broken.pdf': makePdf({ pages: [layOut([TALKS])] }).subarray(0, 120),
      'photo.pdf': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
      'notes.docx': Buffer.from('PK\u0003\u0004'),
      'talks.pdf': makePdf({ pages: [layOut([TALKS, VISAS])], info: { Title: 'Migration talks' } }),
      'harbour.txt': HARBOUR,
    });
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: folder, indexDir: null, logger });
    cleanups.push(() => archivist.close());
    const named = (file: string) => logger.warnings.filter((warning) => warning.includes(file));
    expect(named('scan.pdf')).toEqual([expect.stringMatching(/^Skipped .*scan\.pdf: it is a PDF with no text layer \(its 2 pages are images, as in a scan\)/)]);
    expect(named('broken.pdf')).toEqual([expect.stringMatching(/^Skipped .*broken\.pdf: it could not be read as a PDF/)]);
    expect(named('photo.pdf')).toEqual([expect.stringMatching(/^Skipped .*photo\.pdf: it could not be read as a PDF/)]);
    expect(named('notes.docx')).toEqual([expect.stringMatching(/^Skipped .*notes\.docx: \.docx documents are not read/)]);
    expect(logger.warnings).toHaveLength(4);
    expect(archivist.stats.articles).toBe(2);
    const result = await archivist.ask('How many visas does Washington issue to Cubans each year?');
    expect(result.answer?.text).toContain('20,000');
    expect(result.answer?.source).toMatchObject({ title: 'Migration talks' });
  });

  it('WHEN a sidecar names the title and date THEN the sidecar wins over the document info', async () => {
    const { articles } = await read({
      'talks.pdf': makePdf({ pages: [layOut([TALKS])], info: { Title: 'Microsoft Word - talks.docx', CreationDate: 'D:20200101' } }),
      'talks.meta.json': JSON.stringify({ title: 'Talks resume', date: '2013-07-17', url: 'https://example.org/talks.pdf' }),
    });
    expect(articles[0]).toMatchObject({ title: 'Talks resume', date: '2013-07-17', url: 'https://example.org/talks.pdf' });
  });
});
