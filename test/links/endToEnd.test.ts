import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, silentLogger, startFeedPolling, type Archivist } from '../../src/index.js';
import { HTML_FIXTURES, runArchivist, temporaryFolder } from '../helpers.js';
import { serve, startPageServer, type PageServer } from './pageServer.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** What the bot knows before links are added: one article on another subject. */
const HARBOUR = 'Harbour reopens after storm\n\nThe harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days, the port authority said in a statement to reporters.\n';

let server: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };

/** Runs the archivist command as a person would, with private addresses allowed (the test server is on 127.0.0.1). */
function archivist(args: string[], settings: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, ARCHIVIST_INDEX_DIR: path.join(folder.dir, 'index-data'), ARCHIVIST_ALLOW_PRIVATE_URLS: 'true', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', ARCHIVIST_FEEDS: '', ...settings };
  return runArchivist(args, { cwd: ROOT, env });
}

/** A running bot's core: a watched copy of a corpus folder. */
async function runningBot(corpus: string): Promise<Archivist> {
  return openArchivist({ corpus, indexDir: path.join(folder.dir, `index-${path.basename(corpus)}`), watch: true, logger: silentLogger });
}

/** Asks until the answer holds `expected` (within 2 s of `since`); returns the answer and the time it took. */
async function answeredWithin2s(bot: Archivist, question: string, expected: string, since: number) {
  while (performance.now() - since < 2000) {
    const result = await bot.ask(question);
    if (result.answer?.text.includes(expected)) return { answer: result.answer, ms: performance.now() - since };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`"${question}" was not answered with "${expected}" within 2 s`);
}

function rss(items: Array<{ guid: string; link: string; title: string }>): string {
  const entries = items.map((item) => `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid><pubDate>Tue, 16 Jul 2013 22:52:00 GMT</pubDate></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Americas</title><link>${server.origin}/</link><description>News</description>${entries}</channel></rss>`;
}

beforeAll(async () => {
  folder = await temporaryFolder();
  server = await startPageServer({
    '/independent': serve(await readFile(path.join(HTML_FIXTURES, 'independent-resume-migration-talks.html'))),
    '/miami': serve(await readFile(path.join(HTML_FIXTURES, 'miami-herald-state-department-confirms-talks.html'))),
    '/bbc': serve(await readFile(path.join(HTML_FIXTURES, 'bbc-meta-only.html'))),
  });
});
afterAll(async () => {
  await server.close();
  await folder.cleanup();
});

describe('archivist add URL', () => {
  it('GIVEN a running bot WHEN a page is added THEN the command prints its title, date, publisher and paragraphs, and the bot answers from it within 2 s, cited with its URL', async () => {
    const corpus = path.join(folder.dir, 'add-corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'harbour.txt'), HARBOUR);
    const bot = await runningBot(corpus);
    try {
      const question = 'When did the Bush administration suspend the migration talks, saying Cuba had stymied them?';
      expect((await bot.ask(question)).answer).toBeNull();
      const { code, stdout, stderr } = await archivist(['add', `${server.origin}/independent`, `${server.origin}/missing`, '--corpus', corpus]);
      const added = performance.now();
      expect(stdout.trim().split('\n')).toEqual([
        // The page names independent.example.co.uk as its address, but came from 127.0.0.1: it is kept under the address it came from.
        expect.stringMatching(/^Added "US, Cuba agree to resume migration talks" — The Independent, 2009-05-31, 20 paragraphs \(.*links\/127\.0\.0\.1\/independent-[0-9a-f]{8}\.html\)$/),
      ]);
      expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
        `warning: ${server.origin}/independent names https://independent.example.co.uk/news/world/americas/us-cuba-agree-to-resume-migration-talks-1694311.html as its address, which is not on its own site: it is kept under the address it was fetched from, ${server.origin}/independent.`,
        `Not added: ${server.origin}/missing: the page was not found (404 Not Found).`,
      ]);
      expect(code).toBe(1); // one of the two links failed
      const { answer, ms } = await answeredWithin2s(bot, question, 'January 2004', added);
      expect(answer.source).toMatchObject({ title: 'US, Cuba agree to resume migration talks', publisher: 'The Independent', date: '2009-05-31', url: `${server.origin}/independent` });
      expect(ms).toBeLessThan(2000);
    } finally {
      await bot.close();
    }
  });
});

describe('feeds', () => {
  it('GIVEN a feed polled by the running bot THEN its new item is answerable within 2 s, cited with its URL; `archivist feeds` then adds only what is new, across restarts', async () => {
    const corpus = path.join(folder.dir, 'feed-corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'harbour.txt'), HARBOUR);
    server.routes.set('/feed.xml', serve(rss([{ guid: 'mh-1953741', link: `${server.origin}/miami?utm_source=rss`, title: 'State Department confirms US-Cuba migration talks' }]), 'application/rss+xml; charset=utf-8'));
    const stateFile = path.join(folder.dir, 'feed-state.json');
    const bot = await runningBot(corpus);
    const polling = startFeedPolling([`${server.origin}/feed.xml`], 15, { corpus, fetch: { allowPrivate: true, timeoutMs: 2000, maxBytes: 5 << 20, maxRedirects: 5, userAgent: 'ArchivistBot/test' }, logger: silentLogger, stateFile });
    const started = performance.now();
    try {
      const { answer } = await answeredWithin2s(bot, 'How many migrant visas does the accord require Washington to issue to Cubans each year?', '20,000', started);
      expect(answer.source).toMatchObject({ title: 'State Department confirms US-Cuba migration talks', publisher: 'Miami Herald', url: `${server.origin}/miami` });
    } finally {
      await polling.stop();
      await bot.close();
    }
    // A new process with the same state: the Miami item is known; the feed's new Atom sibling adds BBC once.
    server.routes.set('/atom.xml', serve(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>BBC Americas</title><id>urn:bbc:americas</id><updated>2009-07-15T10:21:00Z</updated><entry><title>US and Cuba hold migration talks</title><id>urn:bbc:8151437</id><link href="${server.origin}/bbc"/><updated>2009-07-15T10:21:00Z</updated></entry></feed>`, 'application/atom+xml'));
    const settings = { ARCHIVIST_FEEDS: `${server.origin}/feed.xml, ${server.origin}/atom.xml` };
    const indexDir = path.dirname(stateFile);
    const first = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir], settings);
    expect(first.stdout).toContain(`${server.origin}/atom.xml: 1 new item(s) added, 0 failed, 0 already in the archive.`);
    expect(first.stdout).toMatch(/Added "US and Cuba hold migration talks" — BBC, 2009-07-15, \d+ paragraphs/);
    const again = await archivist(['feeds', '--corpus', corpus, '--index-dir', indexDir], settings);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${server.origin}/atom.xml: 0 new item(s) added, 0 failed, 1 already in the archive.`);
    const saved = (await readdir(path.join(corpus, 'links'), { recursive: true })).filter((name) => name.endsWith('.html'));
    expect(saved).toHaveLength(2);
  });
});
