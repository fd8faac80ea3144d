/**
 * The CLI contract of `archivist add` and `archivist feeds` (issue 22, item 6): what was
 * added goes to stdout, and every failure is one line on stderr, said once.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_FIXTURES, temporaryFolder, runArchivist } from '../helpers.js';
import { serve, startPageServer, type PageServer } from '../links/pageServer.js';


let server: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };
let corpus: string;

beforeAll(async () => {
  folder = await temporaryFolder();
  corpus = path.join(folder.dir, 'corpus');
  await mkdir(corpus);
  // The feed state's folder exists (that `feeds` makes it when missing is issue 25's item 4, elsewhere).
  await mkdir(path.join(folder.dir, 'index-data'));
  await writeFile(path.join(corpus, 'harbour.txt'), 'Harbour reopens\n\nThe harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days, the port authority said.\n');
  server = await startPageServer({ '/bbc': serve(await readFile(path.join(HTML_FIXTURES, 'bbc-meta-only.html'))) });
});
afterAll(async () => {
  await server.close();
  await folder.cleanup();
});

/** Runs the command asynchronously (the page server answers in this process). */
function archivist(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runArchivist([...args, '--corpus', corpus], { cwd: folder.dir, env: { PATH: process.env.PATH ?? '', ARCHIVIST_INDEX_DIR: path.join(folder.dir, 'index-data'), ARCHIVIST_ALLOW_PRIVATE_URLS: 'true' } });
}

describe('archivist feeds', () => {
  it('GIVEN a feed that is refused (not found) THEN one line on stderr naming it, nothing on stdout, exit 1', async () => {
    const { code, stdout, stderr } = await archivist('feeds', `${server.origin}/no-feed.xml`);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Feed not read: ${server.origin}/no-feed\\.xml: .*404`))]);
  });

  it('GIVEN a feed with one good item and one missing page THEN the added item and the count on stdout, the failed item once on stderr', async () => {
    const items = ['/bbc', '/gone'].map((route) => `<item><title>${route}</title><link>${server.origin}${route}</link><guid>${route}</guid></item>`).join('');
    server.routes.set('/feed.xml', serve(`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>${server.origin}/</link><description>d</description>${items}</channel></rss>`, 'application/rss+xml'));
    const { code, stdout, stderr } = await archivist('feeds', `${server.origin}/feed.xml`);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Added "US and Cuba hold migration talks" — BBC/), `${server.origin}/feed.xml: 1 new item(s) added, 1 failed, 0 already in the archive.`]);
    expect(stderr.trim().split('\n')).toEqual([`Not added: ${server.origin}/gone: the page was not found (404 Not Found).`]);
  });
});

describe('archivist add', () => {
  it('GIVEN only links that fail THEN each failure is one line on stderr and stdout stays empty', async () => {
    const { code, stdout, stderr } = await archivist('add', `${server.origin}/missing`, 'not-a-url');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`Not added: ${server.origin}/missing: the page was not found (404 Not Found).`);
    expect(lines[1]).toMatch(/^Not added: not-a-url/);
  });
});
