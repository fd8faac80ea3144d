import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildArticle, type Article } from '../../src/ingest/article.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { openArchivist, silentLogger } from '../../src/index.js';
import { HTML_FIXTURES } from '../helpers.js';


interface Expected {
  title: string;
  publisher: string;
  date: string;
  byline: string | null;
  url: string;
  /** The article's paragraphs (the seed's body), which must be kept. */
  body: string[];
  /** Article furniture that may be kept or dropped (a standfirst, a dateline). */
  optional: string[];
}

const expected = JSON.parse(await readFile(path.join(HTML_FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
const articles = new Map<string, Article>((await readCorpus(HTML_FIXTURES, silentLogger)).map((entry) => [entry.key, buildArticle(entry.source)]));

/** Every text block of a page outside its article body: what a page shows besides the article (menus, banners, lists, comments, footers). */
async function chromeBlocksOf(file: string, facts: Expected): Promise<string[]> {
  const bytes = await readFile(path.join(HTML_FIXTURES, file));
  const { document } = parseHTML(decodeBytes(bytes, { html: true })?.text ?? '');
  const keep = new Set([...facts.body, ...facts.optional, facts.title].map((text) => text.toLowerCase()));
  const blocks = [...document.querySelectorAll('p, li, h1, h2, h3, h4, td, div, span, a, figcaption, section, footer, header, ul, ol')]
    .filter((element) => element.children.length === 0 || element.querySelector('p, li, div, ul, ol, h1, h2, h3, h4') === null)
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text.length > 0 && !keep.has(text.toLowerCase()));
  return [...new Set(blocks)];
}

describe('articles read from web pages', () => {
  for (const [file, facts] of Object.entries(expected)) {
    it(`GIVEN ${file} THEN its metadata is the page's own: title, publisher, date, byline and canonical URL`, () => {
      const article = articles.get(file);
      expect(article).toMatchObject({ title: facts.title, publisher: facts.publisher, date: facts.date, byline: facts.byline, url: facts.url });
    });

    it(`GIVEN ${file} THEN every body paragraph is kept, from the page's own blocks, and no chrome block is`, async () => {
      const paragraphs = articles.get(file)?.paragraphs ?? [];
      const optional = new Set(facts.optional);
      expect(paragraphs.filter((paragraph) => !optional.has(paragraph))).toEqual(facts.body);
      const chrome = await chromeBlocksOf(file, facts);
      expect(chrome.length).toBeGreaterThanOrEqual(5);
      expect(paragraphs.filter((paragraph) => chrome.includes(paragraph))).toEqual([]);
    });
  }

  it('GIVEN the fixtures THEN the extraction figures are reported: share of body paragraphs kept and chrome paragraphs leaked', async () => {
    let body = 0;
    let kept = 0;
    let leaked = 0;
    let chromeBlocks = 0;
    for (const [file, facts] of Object.entries(expected)) {
      const paragraphs = new Set(articles.get(file)?.paragraphs ?? []);
      body += facts.body.length;
      kept += facts.body.filter((paragraph) => paragraphs.has(paragraph)).length;
      const allowed = new Set([...facts.body, ...facts.optional]);
      leaked += [...paragraphs].filter((paragraph) => !allowed.has(paragraph)).length;
      chromeBlocks += (await chromeBlocksOf(file, facts)).length;
    }
    console.log(`HTML extraction on ${Object.keys(expected).length} fixture pages: ${kept}/${body} body paragraphs kept (${((100 * kept) / body).toFixed(1)}%), ${leaked} chrome paragraphs leaked of ${chromeBlocks} chrome blocks.`);
    expect(leaked).toBe(0);
    expect(kept).toBe(body);
  });

  const QUESTIONS: Array<[string, string, string]> = [
    ['havana-times-migration-talks.html', 'Who chaired the meeting for the State Department?', 'Alex Lee'],
    ['independent-resume-migration-talks.html', 'When did the OAS suspend Cuba?', '1962'],
    ['miami-herald-state-department-confirms-talks.html', 'How many Cuban migrants received U.S. visas in the fiscal year?', '25,000'],
    ['bbc-meta-only.html', 'Who headed the Cuban delegation?', 'Dagoberto Rodriguez'],
    ['hemisphere-review-windows-1252.html', 'When were the U.S. delegates invited to Havana to continue the discussions?', 'December'],
  ];
  for (const [file, question, expectedText] of QUESTIONS) {
    it(`GIVEN a corpus of web pages WHEN asked "${question}" THEN the answer comes from the body of ${file}, cited with its title, publisher, date and URL`, async () => {
      const archivist = await openArchivist({ corpus: HTML_FIXTURES, indexDir: null });
      const { answer } = await archivist.ask(question);
      await archivist.close();
      const facts = expected[file]!;
      expect(answer?.text).toContain(expectedText);
      expect(facts.body.some((paragraph) => paragraph.includes(answer?.text ?? '\u0000'))).toBe(true);
      expect(answer?.source).toMatchObject({ title: facts.title, publisher: facts.publisher, date: facts.date, url: facts.url, file: expect.stringContaining(file) });
      expect(answer?.text).not.toContain('\uFFFD');
    });
  }

  it('GIVEN every chrome block of the pages asked as a question THEN no answer is ever chrome text', async () => {
    const archivist = await openArchivist({ corpus: HTML_FIXTURES, indexDir: null });
    const chrome = (await Promise.all(Object.entries(expected).map(([file, facts]) => chromeBlocksOf(file, facts)))).flat();
    const asked = chrome.filter((block) => block.split(' ').length >= 4);
    expect(asked.length).toBeGreaterThan(40);
    for (const block of asked) {
      const result = await archivist.ask(block.slice(0, 900), { top: 3, minConfidence: 0 });
      for (const answer of [result.answer, ...result.alternatives]) {
        if (answer) expect(chrome.filter((text) => text.includes(answer.text)), `asked: ${block}`).toEqual([]);
      }
    }
    await archivist.close();
  });

  it('GIVEN <html> and <body> whose classes name chrome ("html_header_top", "menu-type-x") THEN the page is still read, and its article indexed', () => {
    const prose = 'The county board voted on Tuesday to rebuild the Harbor Road bridge, which has been closed to trucks since a flood damaged its piers in 2019. ';
    const html = `<!doctype html><html class="no-js html_header_top"><head><title>Bridge vote</title></head><body class="menu-type-dropdown nav-no-loaded"><div><p>${prose.repeat(3)}</p><p>${prose.repeat(2)}</p></div></body></html>`;
    const article = buildArticle({ articleId: 'bridge', file: 'bridge.html', kind: 'html', text: html });
    expect(article.paragraphs.length).toBe(2);
    expect(article.paragraphs[0]).toContain('Harbor Road bridge');
  });
});
