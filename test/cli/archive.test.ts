/**
 * Seeing and managing the archive from the CLI (issue 22, item 5): `show` prints what is
 * read from files and pages (fetched, not saved) or why they are skipped, `list` the
 * articles in the index, and `remove` deletes an article and its sidecar from the corpus
 * folder, which a running bot's reload then takes out; keys outside the folder are refused.
 */
import { copyFile, cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, silentLogger } from '../../src/index.js';
import { HTML_FIXTURES, SEEDS, temporaryFolder, runArchivist } from '../helpers.js';
import { serve, startPageServer, type PageServer } from '../links/pageServer.js';
import { layOut, makePdf } from '../pdfMaker.js';


let server: PageServer;
let work: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  work = await temporaryFolder();
  server = await startPageServer({ '/bbc': serve(await readFile(path.join(HTML_FIXTURES, 'bbc-meta-only.html'))) });
});
afterAll(async () => {
  await server.close();
  await work.cleanup();
});

/** Runs the command in the work folder (the page server answers in this process, so not spawnSync). */
function archivist(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runArchivist(args, { cwd: work.dir, env: { PATH: process.env.PATH ?? '', ARCHIVIST_INDEX_DIR: path.join(work.dir, 'index-data'), ARCHIVIST_ALLOW_PRIVATE_URLS: 'true' } });
}

async function corpusFolder(name: string): Promise<string> {
  const corpus = path.join(work.dir, name);
  await cp(SEEDS, corpus, { recursive: true });
  return corpus;
}

describe('archivist show', () => {
  it('GIVEN a text file, a PDF, an empty file and a missing one THEN each is shown with its metadata and numbered paragraphs, or why it is skipped', async () => {
    const folder = path.join(work.dir, 'show');
    await mkdir(folder);
    await copyFile(path.join(SEEDS, '001_91ce6b5ec52b81cd.txt'), path.join(folder, 'bbc.txt'));
    await writeFile(path.join(folder, 'report.pdf'), makePdf({ pages: [layOut(['Visas are issued to Cubans under the accord of 1994, the State Department said.'])], info: { Title: 'Visa report', CreationDate: 'D:20130717' } }));
    await writeFile(path.join(folder, 'empty.txt'), '');
    const text = await archivist('show', 'show/bbc.txt', 'show/report.pdf');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('== show/bbc.txt\nTitle:     US and Cuba hold migration talks\nDate:      2009-07-15\nPublisher: BBC\n');
    expect(text.stdout).toMatch(/^\[1\] Cubans in a homemade boat .*\n {4}Cubans intercepted at sea/m);
    expect(text.stdout).toMatch(/^\[20\] /m);
    expect(text.stdout).toContain('== show/report.pdf\nTitle:     Visa report\nDate:      2013-07-17\n');
    expect(text.stdout).toContain('[1] Visas are issued to Cubans under the accord of 1994, the State Department said.');
    const json = await archivist('show', '--json', 'show/bbc.txt', 'show/empty.txt', 'show/missing.html', 'show');
    expect(json.code).toBe(1);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ file: 'show/bbc.txt', title: 'US and Cuba hold migration talks', date: '2009-07-15', publisher: 'BBC', byline: null, url: null, skipped: null });
    expect((lines[0]?.paragraphs as string[]).length).toBeGreaterThan(10);
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({ file: 'show/empty.txt', paragraphs: [], skipped: 'it is empty' }),
      expect.objectContaining({ file: 'show/missing.html', skipped: 'there is no such file' }),
      expect.objectContaining({ file: 'show', skipped: expect.stringMatching(/^it is not an article file/) }),
    ]);
  });

  it('GIVEN a web address THEN the page is fetched and shown with its URL, and nothing is saved', async () => {
    const corpus = await corpusFolder('show-url');
    const before = await readdir(corpus, { recursive: true });
    const { code, stdout } = await archivist('show', '--json', `${server.origin}/bbc`, `${server.origin}/missing`, '--corpus', corpus);
    expect(code).toBe(1);
    const [page, missing] = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(page).toMatchObject({ title: 'US and Cuba hold migration talks', publisher: 'BBC', skipped: null });
    expect(page).not.toHaveProperty('file');
    expect(typeof page?.url).toBe('string');
    expect(missing).toMatchObject({ url: `${server.origin}/missing`, paragraphs: [], skipped: expect.stringContaining('not found') });
    expect(await readdir(corpus, { recursive: true })).toEqual(before);
  });
});

describe('archivist list and remove', () => {
  it('GIVEN a corpus THEN list gives each article\'s key, title, date, publisher, paragraph count and URL', async () => {
    const corpus = await corpusFolder('list');
    await writeFile(path.join(corpus, '001_91ce6b5ec52b81cd.meta.json'), JSON.stringify({ url: 'https://news.example/bbc-talks' }));
    const json = await archivist('list', '--json', '--corpus', corpus);
    expect(json.code).toBe(0);
    const articles = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(articles.map((article) => article.key)).toEqual((await readdir(SEEDS)).filter((name) => name.endsWith('.txt')).sort());
    expect(articles[1]).toEqual({ key: '001_91ce6b5ec52b81cd.txt', title: 'US and Cuba hold migration talks', date: '2009-07-15', publisher: 'BBC', byline: null, paragraphs: expect.any(Number), url: 'https://news.example/bbc-talks' });
    const text = await archivist('list', '--corpus', corpus);
    expect(text.stdout).toMatch(/^001_91ce6b5ec52b81cd\.txt — "US and Cuba hold migration talks", BBC, 2009-07-15, \d+ paragraphs, https:\/\/news\.example\/bbc-talks$/m);
    expect(text.stdout.trim().split('\n').at(-1)).toBe('5 articles.');
  });

  it('GIVEN a running bot WHEN an article is removed by URL and another by key THEN their files and sidecar are gone and the bot stops answering from them within 2 s', async () => {
    const corpus = await corpusFolder('remove');
    await writeFile(path.join(corpus, '001_91ce6b5ec52b81cd.meta.json'), JSON.stringify({ url: 'https://news.example/bbc-talks' }));
    const bot = await openArchivist({ corpus, indexDir: path.join(work.dir, 'bot-index'), watch: true, logger: silentLogger });
    try {
      expect((await bot.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
      const { code, stdout, stderr } = await archivist('remove', 'https://news.example/bbc-talks?utm_source=x', '004_999b9fee6b16123a.txt', '--corpus', corpus);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout.trim().split('\n')).toEqual(['Removed remove/001_91ce6b5ec52b81cd.txt and its sidecar.', 'Removed remove/004_999b9fee6b16123a.txt.']);
      expect((await readdir(corpus)).sort()).toEqual(['000_0622fb72b17749b4.txt', '002_b60424f30528cec8.txt', '003_af5e38da6ca55989.txt']);
      const started = performance.now();
      while ((await bot.ask('Who is Marie Harf?')).answer !== null) {
        if (performance.now() - started > 2000) throw new Error('the removed article still answers after 2 s');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(bot.sources().map((source) => source.key)).toEqual(['000_0622fb72b17749b4.txt', '002_b60424f30528cec8.txt', '003_af5e38da6ca55989.txt']);
    } finally {
      await bot.close();
    }
  });

  it('GIVEN keys outside the corpus folder, through a linked folder, or not there THEN each is refused in one line on stderr and nothing is deleted', async () => {
    const corpus = await corpusFolder('refuse');
    const outside = path.join(work.dir, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.txt'), 'Keep me\n\nThis file lives outside the corpus folder and must stay.\n');
    await symlink(outside, path.join(corpus, 'linked'));
    const { code, stdout, stderr } = await archivist('remove', '../outside/keep.txt', path.join(outside, 'keep.txt'), 'linked/keep.txt', 'nope.txt', '000_0622fb72b17749b4.meta.json', '--corpus', corpus);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Not removed: \.\.\/outside\/keep\.txt: it is outside the corpus folder/),
      expect.stringMatching(/^Not removed: .*outside\/keep\.txt: it is outside the corpus folder/),
      expect.stringMatching(/^Not removed: linked\/keep\.txt: it lies outside the corpus folder .* \(through a linked folder\)/),
      'Not removed: nope.txt: there is no such article in the corpus folder.',
      expect.stringMatching(/^Not removed: 000_0622fb72b17749b4\.meta\.json: it is not an article file/),
    ]);
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toContain('Keep me');
    expect(await readdir(corpus)).toHaveLength(6);
  });
});
