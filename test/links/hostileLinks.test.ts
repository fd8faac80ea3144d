/**
 * Issue #25, rows 1, 5, 6, 7 and 11: what a page says about itself never rewrites the
 * archive, and feeds remember, fail item by item and feed by feed, and never show a password.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLink, openArchivist, pollFeeds, silentLogger, type FetchSettings } from '../../src/index.js';
import { savedPathFor } from '../../src/links/archivePath.js';
import { recordingLogger, runArchivist, temporaryFolder } from '../helpers.js';
import { serve, startPageServer, type PageServer } from './pageServer.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const REAL_STORY = 'https://www.nytimes.com/2019/real-story';

const page = (title: string, text: string, head = '') =>
  `<!doctype html><html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${[1, 2, 3].map((n) => `<p>${text} This is paragraph ${n} of the story, long enough to read as article text.</p>`).join('')}</article></body></html>`;
const canonical = (url: string) => `<link rel="canonical" href="${url}">`;
/** A page that takes seconds of CPU time to read (4.5 MB of paragraphs), past the tests' 0.3 s deadline. */
const SLOW_PAGE = `<html><body><article>${Array.from({ length: 40_000 }, (_, n) => `<p>Paragraph ${n} of a very long page about the harbour of Port Elyse and its storms.</p>`).join('')}</article></body></html>`;

function rss(items: Array<{ guid: string; link?: string }>): string {
  const entries = items.map((item) => `<item><title>${item.guid}</title>${item.link ? `<link>${item.link}</link>` : ''}<guid isPermaLink="false">${item.guid}</guid></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>${server.origin}/</link><description>News</description>${entries}</channel></rss>`;
}

let server: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };

function settings(): FetchSettings {
  // www.nytimes.com resolves to the test server, which stands in for the paper's own site.
  return { allowPrivate: true, timeoutMs: 5000, maxBytes: 5 << 20, maxRedirects: 5, userAgent: 'ArchivistBot/test', resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
}

/** Runs the archivist command with private addresses allowed (the test server is on 127.0.0.1) and no chat or feed settings. */
function archivist(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runArchivist(args, { cwd: ROOT, env: { ...process.env, ARCHIVIST_ALLOW_PRIVATE_URLS: 'true', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', ARCHIVIST_FEEDS: '', ...env } });
}

beforeAll(async () => {
  folder = await temporaryFolder();
  server = await startPageServer({
    '/2019/real-story': serve(page('The real story', 'The mayor of Port Elyse resigned on Tuesday after the harbour scandal.', canonical(REAL_STORY))),
    '/spoof': serve(page('A spoof', 'The mayor of Port Elyse was crowned king of the moon on Tuesday.', canonical(REAL_STORY))),
    '/escape': serve(page('Escaping', 'A page that tries to save itself outside the archive.', canonical('http://../'))),
    '/slow': serve(SLOW_PAGE),
    '/item/1': serve(page('First item', 'The first item of the feed tells of the harbour.')),
    '/item/3': serve(page('Third item', 'The third item of the feed tells of the lighthouse.')),
  });
});
afterAll(async () => {
  await server.close();
  await folder.cleanup();
});

describe('a page cannot rewrite the archive (#25 row 1)', () => {
  it('GIVEN an archived NYT story WHEN a page on 127.0.0.1 claims its URL as canonical THEN it is saved under its own address, the story is untouched, and answers still quote and cite it', async () => {
    const corpus = path.join(folder.dir, 'spoof-corpus');
    const real = await addLink(`http://www.nytimes.com:${server.port}/2019/real-story`, { corpus, fetch: settings(), logger: silentLogger });
    expect(real).toMatchObject({ ok: true, status: 'added', url: REAL_STORY });
    if (!real.ok) return;
    const before = await readFile(real.file);
    const logger = recordingLogger();
    const { resolve: _standIn, ...direct } = settings();
    const spoof = await addLink(`${server.origin}/spoof`, { corpus, fetch: direct, logger });
    expect(spoof).toMatchObject({ ok: true, status: 'added', url: `${server.origin}/spoof` });
    expect(logger.warnings).toEqual([`${server.origin}/spoof names ${REAL_STORY} as its address, which is not on its own site: it is kept under the address it was fetched from, ${server.origin}/spoof.`]);
    expect(await readFile(real.file)).toEqual(before);
    const bot = await openArchivist({ corpus, indexDir: null });
    const answer = await bot.ask('Why did the mayor of Port Elyse resign?', { minConfidence: 0 });
    await bot.close();
    expect(answer.answer?.text).toContain('resigned on Tuesday after the harbour scandal');
    expect(answer.answer?.source.url).toBe(REAL_STORY);
  });

  it('GIVEN a page whose canonical is http://../ THEN it is saved inside links/, under the host it came from', async () => {
    const corpus = path.join(folder.dir, 'escape-corpus');
    const result = await addLink(`${server.origin}/escape`, { corpus, fetch: settings(), logger: silentLogger });
    expect(result).toMatchObject({ ok: true, url: `${server.origin}/escape` });
    expect(await readdir(corpus)).toEqual(['links']);
    expect((await readdir(path.join(corpus, 'links'), { recursive: true })).sort()).toEqual(['127.0.0.1', expect.stringMatching(/^127\.0\.0\.1\/escape-[0-9a-f]{8}\.html$/), expect.stringMatching(/^127\.0\.0\.1\/escape-[0-9a-f]{8}\.meta\.json$/)]);
  });

  it('GIVEN hosts such as "..", "." or an IPv6 address THEN every saved path lies inside links/', () => {
    const corpus = path.join(folder.dir, 'paths');
    for (const url of ['http://../', 'http://./x', 'http://%2e%2e/..%2f..%2fetc', 'http://[::1]:8080/a/../../b', 'http://...../']) {
      const saved = path.relative(path.join(corpus, 'links'), savedPathFor(corpus, url));
      expect(saved.split(path.sep)[0], url).not.toBe('..');
      expect(saved.split(path.sep), url).toHaveLength(2);
    }
  });

  it('GIVEN an article a person filed outside links/ under a URL WHEN a page from that site is added THEN the person\'s file is left as it is, and the add says why', async () => {
    const corpus = path.join(folder.dir, 'person-corpus');
    await mkdir(corpus, { recursive: true });
    await writeFile(path.join(corpus, 'story.txt'), 'The real story\n\nA person typed this story in by hand.\n');
    await writeFile(path.join(corpus, 'story.meta.json'), JSON.stringify({ url: REAL_STORY }));
    const result = await addLink(`http://www.nytimes.com:${server.port}/2019/real-story`, { corpus, fetch: settings(), logger: silentLogger });
    expect(result).toMatchObject({ ok: false, reason: 'archived-from-elsewhere' });
    expect(await readFile(path.join(corpus, 'story.txt'), 'utf8')).toContain('typed this story in by hand');
  });
});

describe('feeds that remember (#25 rows 5, 6, 7, 11)', () => {
  it('GIVEN a feed whose second item cannot be read, listed before another feed THEN the third item is added, the state is saved, and the next feed is polled', async () => {
    const corpus = path.join(folder.dir, 'bad-item-corpus');
    server.routes.set('/bad-item.xml', serve(rss([{ guid: 'one', link: `${server.origin}/item/1` }, { guid: 'two', link: `${server.origin}/slow` }, { guid: 'three', link: `${server.origin}/item/3` }]), 'application/rss+xml'));
    server.routes.set('/other.xml', serve(rss([{ guid: 'other', link: `${server.origin}/item/3?from=other` }]), 'application/rss+xml'));
    const stateFile = path.join(folder.dir, 'bad-item-state', 'feeds.json');
    const options = { corpus, fetch: settings(), logger: silentLogger, stateFile, reading: { cpuSeconds: 0.3, memoryMb: 512 } };
    const reports = await pollFeeds([`${server.origin}/bad-item.xml`, `${server.origin}/other.xml`], options);
    expect(reports[0]?.added.map((added) => added.title)).toEqual(['First item', 'Third item']);
    expect(reports[0]?.failed).toEqual([expect.objectContaining({ reason: 'too-slow-to-read', message: `${server.origin}/slow: it took too long to read (more than 0.3 s of CPU time).` })]);
    expect(reports[1]).toMatchObject({ added: [expect.objectContaining({ title: 'Third item' })] });
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(state.seen[`${server.origin}/bad-item.xml`]).toEqual(['one', 'two', 'three']);
  });

  it('GIVEN a feed listing 6,000 items THEN every item still listed is remembered (no cap), and items no longer listed are forgotten', async () => {
    const corpus = path.join(folder.dir, 'many-corpus');
    const stateFile = path.join(folder.dir, 'many-state.json');
    const items = Array.from({ length: 6000 }, (_, n) => ({ guid: `item-${n}` }));
    server.routes.set('/many.xml', serve(rss(items), 'application/rss+xml'));
    const options = { corpus, fetch: settings(), logger: silentLogger, stateFile };
    await pollFeeds([`${server.origin}/many.xml`], options);
    const [again] = await pollFeeds([`${server.origin}/many.xml`], options);
    expect(again?.known).toBe(6000);
    server.routes.set('/many.xml', serve(rss(items.slice(0, 10)), 'application/rss+xml'));
    await pollFeeds([`${server.origin}/many.xml`], options);
    expect(JSON.parse(await readFile(stateFile, 'utf8')).seen[`${server.origin}/many.xml`]).toHaveLength(10);
  });

  it('GIVEN `feeds --index-dir` naming a folder that does not exist THEN the poll ends well and a second poll knows every item', async () => {
    const corpus = path.join(folder.dir, 'new-dir-corpus');
    server.routes.set('/one.xml', serve(rss([{ guid: 'one', link: `${server.origin}/item/1` }]), 'application/rss+xml'));
    const indexDir = path.join(folder.dir, 'not', 'yet', 'there');
    const first = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir, `${server.origin}/one.xml`]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const again = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir, `${server.origin}/one.xml`]);
    expect(again.stdout).toContain(`${server.origin}/one.xml: 0 new item(s) added, 0 failed, 1 already in the archive.`);
  });

  it('GIVEN a feed URL with user:password@ THEN the credentials are sent, never shown (not in output, logs or state), and a refusal is reported as a 401', async () => {
    const expected = `Basic ${Buffer.from('user:s3cretPW').toString('base64')}`;
    server.routes.set('/private.xml', (request, response) => {
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="desk"' });
        response.end();
        return;
      }
      serve(rss([{ guid: 'one', link: `${server.origin}/item/1` }]), 'application/rss+xml')(request, response);
    });
    const indexDir = path.join(folder.dir, 'private-index');
    const corpus = path.join(folder.dir, 'private-corpus');
    const good = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir, `http://user:s3cretPW@127.0.0.1:${server.port}/private.xml`]);
    expect(good.stdout).toContain(`http://user:***@127.0.0.1:${server.port}/private.xml: 1 new item(s) added, 0 failed, 0 already in the archive.`);
    const wrong = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir, `http://user:wr0ngPW@127.0.0.1:${server.port}/private.xml`]);
    expect(wrong.stderr).toContain(`Feed not read: http://127.0.0.1:${server.port}/private.xml: the site did not accept the user name and password given in the address (401 Unauthorized).`);
    const state = (await readdir(indexDir)).map((name) => path.join(indexDir, name));
    const written = [good.stdout, good.stderr, wrong.stdout, wrong.stderr, ...(await Promise.all(state.map((file) => readFile(file, 'utf8'))))].join('\n');
    expect(written).not.toMatch(/s3cretPW|wr0ngPW/);
    expect(written).not.toContain('connection failed');
  });
});
