/**
 * One bad page never stops the rest (issue 22, item 1; issue 25, row 2): hostile markup
 * made here is read without a throw, each page is indexed or named in one warning, deep
 * nesting is cut at a stated depth in time that grows about linearly, and a running bot
 * keeps taking in other files and tries a bad one again when it changes.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readArticle } from '../../src/ingest/article.js';
import { extractHtmlArticle } from '../../src/ingest/html/htmlArticle.js';
import { MAX_NESTING } from '../../src/ingest/html/limitNesting.js';
import { openArchivist } from '../../src/index.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { HTML_FIXTURES, recordingLogger, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder(): Promise<string> {
  const made = await temporaryFolder();
  cleanups.push(made.cleanup);
  return made.dir;
}

const PROSE = 'The county board voted on Tuesday to rebuild the Harbor Road bridge, which has been closed to trucks since a flood damaged its piers in 2019 and left the eastern farms cut off from the market town.';
const ARTICLE = `<p>${PROSE}</p><p>Engineers said the new bridge would take two years to build and would carry loaded grain trucks, school buses and the fire brigade's ladder engine without any weight limit at all.</p>`;
/** Every word the page cleaner reads as chrome in a class or id. */
const CHROME_WORDS = 'nav navbar navigation menu mega-menu breadcrumb breadcrumbs skip-link masthead header footer foot toolbar cookie cookies consent gdpr newsletter newsletters subscribe subscription signup paywall regwall byline dateline comment comments disqus related recommended recirc more-stories most-read most-popular mostpopular popular trending promo advert adverts advertisement ad ads dfp sponsored outbrain taboola share sharing sharetools social popup modal banner';
const deepDivs = (depth: number, inner = `<p>${PROSE}</p>`) => `<!doctype html><html><head><title>Deep</title></head><body><p>${PROSE}</p>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;

/** Hostile pages by file name, and whether each holds the article. */
const HOSTILE: Record<string, { html: string | Buffer; read: boolean }> = {
  'chrome-frame.html': { html: `<html class="${CHROME_WORDS}" id="header"><head class="${CHROME_WORDS}"><title>Bridge</title></head><body class="${CHROME_WORDS}" id="share-footer"><div>${ARTICLE}</div></body></html>`, read: true },
  'no-body.html': { html: `<title>Bridge</title>${ARTICLE}`, read: true },
  'xhtml.html': { html: `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><head><title>Bridge</title><meta name="x" content="y"/></head><body><div>${ARTICLE}<br/></div></body></html>`, read: true },
  'deep.html': { html: deepDivs(100_000), read: true },
  'frameset.html': { html: '<!doctype html><html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>', read: false },
  'svg-only.html': { html: '<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="10">Chart</text><g><circle r="4"/></g></svg>', read: false },
  'empty-page.html': { html: '<!doctype html><html><head></head><body></body></html>', read: false },
  'empty.html': { html: '', read: false },
  'binary.html': { html: randomBytes(4096), read: false },
};

describe('GIVEN hostile markup', () => {
  it('THEN the reader never throws: each page is read, or is empty of article text', () => {
    for (const [name, { html, read }] of Object.entries(HOSTILE)) {
      const { paragraphs } = extractHtmlArticle(typeof html === 'string' ? html : html.toString('latin1'));
      if (read) expect(paragraphs.join(' '), name).toContain('Harbor Road bridge');
      else expect(paragraphs.filter((paragraph) => paragraph.includes('Harbor Road')), name).toEqual([]);
    }
  });

  it(`THEN 100k nested <div>s are cut at ${MAX_NESTING} levels, with a note saying so, and their text kept`, () => {
    const { paragraphs, notes } = extractHtmlArticle(deepDivs(100_000, `<p>${PROSE.replace('county', 'parish')}</p>`));
    expect(paragraphs.filter((paragraph) => paragraph.includes('parish board'))).toHaveLength(1);
    expect(notes).toEqual([`its markup nests 100,003 levels deep, and what lies below level ${MAX_NESTING} was read as plain text`]);
  });

  it('THEN `archivist index` over a folder of them exits 0, indexes the readable ones and names each other one in one warning', async () => {
    const dir = await folder();
    const corpus = path.join(dir, 'corpus');
    await mkdir(corpus);
    for (const [name, { html }] of Object.entries(HOSTILE)) await writeFile(path.join(corpus, name), html);
    const result = spawnSync(process.execPath, [BIN, 'index', '--corpus', corpus, '--index-dir', path.join(dir, 'index-data')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(result.status, result.stderr).toBe(0);
    const readable = Object.entries(HOSTILE).filter(([, page]) => page.read).map(([name]) => name);
    expect(result.stdout).toMatch(new RegExp(`^Indexed ${readable.length} articles`));
    const warnings = result.stderr.trim().split('\n');
    for (const [name, { read }] of Object.entries(HOSTILE)) {
      const naming = warnings.filter((line) => line.includes(`/${name} `) || line.includes(`/${name}:`));
      if (name === 'deep.html') expect(naming).toEqual([expect.stringMatching(/^warning: Read .*deep\.html in part: its markup nests 100,003 levels deep/)]);
      else expect(naming, name).toHaveLength(read ? 0 : 1);
    }
    expect(warnings.find((line) => line.includes('frameset.html'))).toMatch(/^warning: Skipped .*frameset\.html: no article text found in it\.$/);
    expect(warnings.find((line) => line.includes('binary.html'))).toMatch(/: it is binary, not text\.$/);
  });
});

describe('GIVEN deep nesting grown tenfold', () => {
  it('THEN reading time grows about tenfold, not a hundredfold (generous margin: the machine is shared)', () => {
    const time = (depth: number) => {
      const html = deepDivs(depth);
      const started = performance.now();
      extractHtmlArticle(html);
      return performance.now() - started;
    };
    time(2_000); // warm up
    const small = Math.min(time(3_000), time(3_000));
    const large = Math.min(time(30_000), time(30_000));
    expect(large / small).toBeLessThan(30);
  });
});

describe('GIVEN mutations of the real-page fixtures (property)', () => {
  it('THEN each page is indexed or named in a warning, and nothing throws', async () => {
    const pages = await Promise.all((await readdir(HTML_FIXTURES)).filter((name) => name.endsWith('.html')).map((name) => readFile(path.join(HTML_FIXTURES, name), 'latin1')));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 4000 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<div>', '</div>', '</body>', '<html class="nav">', '<!--', '<script>', '"', '<p', '<svg>', '<table><tr><td>', '</html></html>', '\u0000', '<frameset>', `<body class="${CHROME_WORDS}">`)) }),
      fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat({ max: 400 }), times: fc.integer({ min: 2, max: 50 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: pages.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (pageIndex, mutations) => {
        let html = pages[pageIndex] ?? '';
        for (const change of mutations) {
          const at = change.at % (html.length + 1);
          if (change.kind === 'cut') html = html.slice(0, at) + html.slice(at + change.length);
          else if (change.kind === 'insert') html = html.slice(0, at) + change.text + html.slice(at);
          else html = html.slice(0, at) + html.slice(at, at + change.length).repeat(change.times) + html.slice(at + change.length);
        }
        const logger = recordingLogger();
        const source = { articleId: 'mutated', file: 'mutated.html', kind: 'html' as const, text: html };
        expect(() => readArticle(source)).not.toThrow();
        const { store } = await buildCorpus([{ key: 'mutated.html', hash: 'h', source }], logger);
        const named = logger.warnings.filter((warning) => warning.includes('mutated.html'));
        if (store.articles.length === 0) expect(named).toHaveLength(1);
        else expect(store.articles[0]?.paragraphIds.length).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe('GIVEN a running bot and a bad page dropped into its folder', () => {
  it('THEN the page is named once, other new files are still taken in, and the page is read again when it changes', async () => {
    const dir = await folder();
    const corpus = path.join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'bridge.html'), `<html><head><title>Bridge vote</title></head><body>${ARTICLE}</body></html>`);
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus, indexDir: path.join(dir, 'index-data'), watch: true, logger });
    cleanups.push(() => archivist.close());
    const answered = async (question: string, needle: string) => {
      for (const started = Date.now(); Date.now() - started < 5000; await new Promise((resolve) => setTimeout(resolve, 50))) {
        if ((await archivist.ask(question)).answer?.text.includes(needle)) return true;
      }
      return false;
    };
    await writeFile(path.join(corpus, 'frames.html'), HOSTILE['frameset.html']?.html ?? '');
    await writeFile(path.join(corpus, 'ferry.html'), '<html><body><p>A weekly ferry between Key West and Havana will start on 3 March, the operator said on Monday in a statement about the new route across the straits.</p></body></html>');
    expect(await answered('When will the ferry between Key West and Havana start?', '3 March')).toBe(true);
    await writeFile(path.join(corpus, 'harbour.html'), '<html><body><p>Two inspectors from the maritime agency toured the harbour of Mariel on 9 April and found the new container cranes ready for the first ships of the season.</p></body></html>');
    expect(await answered('When did the inspectors tour the harbour of Mariel?', '9 April')).toBe(true);
    expect(logger.warnings.filter((warning) => warning.includes('frames.html'))).toEqual([expect.stringMatching(/^Skipped .*frames\.html: no article text found in it\.$/)]);
    await writeFile(path.join(corpus, 'frames.html'), '<html><body><p>The lighthouse on Sand Key was relit on 12 May after a year of repairs, the coast guard said, and its beam now reaches the shipping lanes again.</p></body></html>');
    expect(await answered('When was the lighthouse on Sand Key relit?', '12 May')).toBe(true);
  });
});
