/**
 * `npm run eval:extraction [-- FOLDER]`: how well article bodies and metadata are read from
 * real pages. FOLDER (default `../shared/realpages`) holds `pages/NAME.html` as served and
 * `expected/NAME.html` + `expected/NAME.json`, the body and metadata a reference reader
 * gives. Prints, per page and overall, the benchmark's shingle precision, recall and F1 of
 * Archivist's body and of Mozilla Readability alone on the raw page, and the date (the
 * day) and byline found against those expected. Then the same body scores on the
 * repository's own page fixtures (`test/fixtures/html`), whose expected body is the
 * article as its publisher wrote it (not a reader's output).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readArticle } from '../src/ingest/article.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { overallScore, scorePage, type PageScore } from './extractionScore.js';

interface ExpectedMetadata {
  byline?: string | null;
  publishedTime?: string | null;
}

interface PageResult {
  name: string;
  ours: PageScore;
  readability: PageScore;
  date: { found: string | null; expected: string | null };
  byline: { found: string | null; expected: string | null };
  notes: string[];
}

interface TextNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextNode>;
}

/** Elements whose edges separate words (a block, a cell, a line break); inline ones (`<a>`, `<b>`) do not. */
const BLOCK_ELEMENT = /^(?:P|DIV|LI|UL|OL|DL|DT|DD|H[1-6]|BLOCKQUOTE|PRE|FIGURE|FIGCAPTION|TABLE|TR|TD|TH|SECTION|ARTICLE|HEADER|FOOTER|ASIDE|NAV|MAIN|BR|HR)$/;

/** A subtree's text as a reader sees it: a space at the edges of blocks, none inside a word split by inline markup. */
function textOf(root: TextNode): string {
  const parts: string[] = [];
  const stack: Array<TextNode | ' '> = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TextNode | ' ';
    if (node === ' ') {
      parts.push(' ');
      continue;
    }
    if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    const block = BLOCK_ELEMENT.test(node.nodeName.toUpperCase());
    if (block) parts.push(' ');
    if (block) stack.push(' ');
    for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push(node.childNodes[index] as TextNode);
  }
  return parts.join('');
}

function readabilityAlone(html: string): string {
  const { document } = parseHTML(html);
  const content = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { serializer: (node) => node }).parse()?.content as unknown as TextNode | undefined;
  return content ? textOf(content) : '';
}

/** The day of an expected `publishedTime` ("2019-04-28 06:01:07", "2015-07-10T09:53:00-04:00"). */
function expectedDay(value: string | null | undefined): string | null {
  return /^\d{4}-\d{2}-\d{2}/.exec(value ?? '')?.[0] ?? null;
}

/** A byline reduced to its words, lower-case, without a leading "By". */
function nameWords(value: string): string {
  return (value.toLowerCase().match(/\p{L}+/gu) ?? []).join(' ').replace(/^by /, '');
}

/** Whether the byline found names the expected author (the reference's own bylines may carry a date or a role after the name). */
function sameByline(found: string | null, expected: string | null): boolean {
  if (found === null || expected === null) return found === expected;
  const [ours, theirs] = [nameWords(found), nameWords(expected)];
  return ours !== '' && (ours === theirs || theirs.startsWith(ours) || ours.startsWith(theirs));
}

async function evaluatePage(folder: string, name: string): Promise<PageResult> {
  const bytes = await readFile(path.join(folder, 'pages', `${name}.html`));
  const html = decodeBytes(bytes, { html: true })?.text ?? '';
  const expectedHtml = await readFile(path.join(folder, 'expected', `${name}.html`), 'utf8');
  const expectedMetadata = JSON.parse(await readFile(path.join(folder, 'expected', `${name}.json`), 'utf8')) as ExpectedMetadata;
  const expectedText = textOf(parseHTML(`<!doctype html><html><body>${expectedHtml}</body></html>`).document.body as unknown as TextNode);
  const { article, notes } = readArticle({ articleId: name, file: `${name}.html`, kind: 'html', text: html });
  return {
    name,
    ours: scorePage(article.paragraphs.join('\n'), expectedText),
    readability: scorePage(readabilityAlone(html), expectedText),
    date: { found: article.date, expected: expectedDay(expectedMetadata.publishedTime) },
    byline: { found: article.byline, expected: expectedMetadata.byline?.replace(/\s+/g, ' ').trim() || null },
    notes,
  };
}

/** Body scores on the page fixtures, whose `expected.json` lists each page's article paragraphs. */
async function fixtureScores(): Promise<{ ours: PageScore[]; readability: PageScore[] }> {
  const fixtures = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'html');
  const expected = JSON.parse(await readFile(path.join(fixtures, 'expected.json'), 'utf8')) as Record<string, { body: string[] }>;
  const ours: PageScore[] = [];
  const readability: PageScore[] = [];
  for (const [file, { body }] of Object.entries(expected)) {
    const html = decodeBytes(await readFile(path.join(fixtures, file)), { html: true })?.text ?? '';
    const { article } = readArticle({ articleId: file, file, kind: 'html', text: html });
    ours.push(scorePage(article.paragraphs.join('\n'), body.join('\n')));
    readability.push(scorePage(readabilityAlone(html), body.join('\n')));
  }
  return { ours, readability };
}

const figure = (value: number) => value.toFixed(3);
const f1 = ({ precision, recall }: PageScore) => (precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));

async function main(): Promise<void> {
  const folder = process.argv[2] ?? path.join('..', 'shared', 'realpages');
  const names = (await readdir(path.join(folder, 'pages'))).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -5)).sort();
  const results: PageResult[] = [];
  for (const name of names) results.push(await evaluatePage(folder, name));
  const lines = ['| page | precision | recall | F1 | Readability alone F1 | date found / expected | byline found / expected |', '|---|---|---|---|---|---|---|'];
  for (const { name, ours, readability, date, byline, notes } of results) {
    const dateCell = date.expected === null ? (date.found ?? '–') : `${date.found ?? 'none'} ${date.found === date.expected ? '=' : '≠'} ${date.expected}`;
    const bylineCell = byline.expected === null ? (byline.found ?? '–') : `${byline.found ?? 'none'} ${sameByline(byline.found, byline.expected) ? '=' : '≠'} ${byline.expected}`;
    lines.push(`| ${name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} | ${figure(ours.precision)} | ${figure(ours.recall)} | ${figure(f1(ours))} | ${figure(f1(readability))} | ${dateCell} | ${bylineCell} |`);
  }
  const ours = overallScore(results.map((result) => result.ours));
  const alone = overallScore(results.map((result) => result.readability));
  const datesExpected = results.filter((result) => result.date.expected !== null);
  const bylinesExpected = results.filter((result) => result.byline.expected !== null);
  const worst = [...results].sort((a, b) => a.ours.recall - b.ours.recall)[0];
  lines.push(
    '',
    '| reader | F1 | precision | recall | lowest recall |',
    '|---|---|---|---|---|',
    `| Archivist | ${figure(ours.f1)} | ${figure(ours.precision)} | ${figure(ours.recall)} | ${worst ? `${figure(worst.ours.recall)} (${worst.name})` : '–'} |`,
    `| Readability alone (raw page) | ${figure(alone.f1)} | ${figure(alone.precision)} | ${figure(alone.recall)} | ${figure(Math.min(...results.map((result) => result.readability.recall)))} |`,
    '',
    `Pages: ${results.length}. Dates: ${datesExpected.filter((result) => result.date.found === result.date.expected).length} of ${datesExpected.length} expected found (the day); ${results.filter((result) => result.date.expected === null && result.date.found !== null).length} more pages dated where none is expected.`,
    `Bylines: ${bylinesExpected.filter((result) => sameByline(result.byline.found, result.byline.expected)).length} of ${bylinesExpected.length} expected found; ${results.filter((result) => result.byline.expected === null && result.byline.found !== null).length} more where none is expected.`,
  );
  const fixtures = await fixtureScores();
  const [oursOnFixtures, aloneOnFixtures] = [overallScore(fixtures.ours), overallScore(fixtures.readability)];
  lines.push(
    '',
    `The ${fixtures.ours.length} page fixtures of test/fixtures/html (expected: the publisher's article paragraphs):`,
    '',
    '| reader | F1 | precision | recall |',
    '|---|---|---|---|',
    `| Archivist | ${figure(oursOnFixtures.f1)} | ${figure(oursOnFixtures.precision)} | ${figure(oursOnFixtures.recall)} |`,
    `| Readability alone (raw page) | ${figure(aloneOnFixtures.f1)} | ${figure(aloneOnFixtures.precision)} | ${figure(aloneOnFixtures.recall)} |`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
