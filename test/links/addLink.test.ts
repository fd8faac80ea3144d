import type { LookupAddress } from 'node:dns';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLink, addLinks, openArchivist, silentLogger, type AddLinkResult, type FetchSettings } from '../../src/index.js';
import { HTML_FIXTURES, recordingLogger, temporaryFolder } from '../helpers.js';
import { redirect, serve, startPageServer, type PageServer } from './pageServer.js';

const HAVANA = await readFile(path.join(HTML_FIXTURES, 'havana-times-migration-talks.html'));
const HAVANA_URL = 'https://havanatimes.example.org/news/cuba-us-migration-talks-held-despite-nk-boat-seizure/';
const WINDOWS_1252 = await readFile(path.join(HTML_FIXTURES, 'hemisphere-review-windows-1252.html'));

let server: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };

/** A resolver standing in for DNS: named hosts resolve to the given address, others do not exist. */
function resolverOf(hosts: Record<string, string>): NonNullable<FetchSettings['resolve']> {
  return async (hostname: string): Promise<LookupAddress[]> => {
    const address = hosts[hostname];
    if (address === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
}

/** The test server posing as the Havana Times' own site (its name resolves to 127.0.0.1), so that the page's canonical URL lies on the site it came from. */
const havanaSite = () => `http://havanatimes.example.org:${server.port}`;

function settings(overrides: Partial<FetchSettings> = {}): FetchSettings {
  return { allowPrivate: true, timeoutMs: 2000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5, userAgent: 'ArchivistBot/test', resolve: resolverOf({ 'havanatimes.example.org': '127.0.0.1' }), ...overrides };
}

async function add(url: string, fetch: Partial<FetchSettings> = {}, corpus = path.join(folder.dir, 'corpus')): Promise<AddLinkResult> {
  return addLink(url, { corpus, fetch: settings(fetch), logger: silentLogger });
}

beforeAll(async () => {
  folder = await temporaryFolder();
  server = await startPageServer({
    '/havana': serve(HAVANA),
    '/havana-again': serve(HAVANA),
    '/hemisphere': serve(WINDOWS_1252, 'text/html; charset=windows-1252'),
    '/broken': serve('<h1>Oops</h1>', 'text/html', 503),
    '/forbidden': serve('<h1>No</h1>', 'text/html', 403),
    '/slow': () => undefined,
    '/big': serve(`<html><body>${'<p>Filler paragraph of a very long page that goes on and on.</p>'.repeat(200)}</body></html>`),
    '/big-chunked': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      for (let index = 0; index < 200; index++) response.write('<p>Filler paragraph of a very long page that goes on and on.</p>');
      response.end();
    },
    '/report.pdf': serve('%PDF-1.4', 'application/pdf'),
    '/chrome-only': serve('<html><head><title>Home</title></head><body><nav><ul><li>News</li><li>Sport</li></ul></nav><footer>Copyright 2013</footer></body></html>'),
    '/loop': redirect('/loop'),
    '/hop1': redirect('/hop2'),
    '/hop2': redirect('/havana-again'),
  });
});
afterAll(async () => {
  await server.close();
  await folder.cleanup();
});

describe('archivist add: a page saved into the corpus', () => {
  it('GIVEN a news page THEN it is saved with a sidecar holding its canonical URL and fetch time, and the summary gives title, date, publisher and paragraphs', async () => {
    const result = await add(`${havanaSite()}/havana?utm_source=twitter`);
    expect(result).toMatchObject({ ok: true, status: 'added', url: HAVANA_URL, title: 'Cuba-US Migration Talks Held Despite NK Boat Seizure', publisher: 'Havana Times', date: '2013-07-17', paragraphs: 21 });
    if (!result.ok) return;
    expect(await readFile(result.file)).toEqual(HAVANA);
    const sidecar = JSON.parse(await readFile(result.file.replace(/\.html$/, '.meta.json'), 'utf8'));
    expect(sidecar).toEqual({ url: HAVANA_URL, fetchedFrom: `${havanaSite()}/havana?utm_source=twitter`, fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), charset: 'utf-8' });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('ArchivistBot/test');
  });

  it('GIVEN the same page again, by another address with the same canonical URL THEN the saved copy is updated, not duplicated, and a sidecar title a person wrote is kept', async () => {
    const first = await add(`${havanaSite()}/havana`);
    if (!first.ok) throw new Error(first.message);
    const sidecarPath = first.file.replace(/\.html$/, '.meta.json');
    await writeFile(sidecarPath, JSON.stringify({ ...JSON.parse(await readFile(sidecarPath, 'utf8')), title: 'Migration talks (edited title)' }));
    const again = await add(`${havanaSite()}/hop1`);
    expect(again).toMatchObject({ ok: true, status: 'updated', file: first.file, title: 'Migration talks (edited title)' });
    const files = await readdir(path.dirname(path.resolve(first.file)));
    expect(files.filter((name) => !name.startsWith('.'))).toHaveLength(2);
  });

  it('GIVEN one command with two addresses of the same page, into a fresh corpus THEN the first is added and the second updates it: one page, one sidecar', async () => {
    const corpus = path.join(folder.dir, 'batch-corpus');
    const results = await addLinks([`${havanaSite()}/havana`, `${havanaSite()}/havana-again?utm_campaign=x`], { corpus, fetch: settings(), logger: silentLogger });
    expect(results.map((result) => (result.ok ? result.status : result.message))).toEqual(['added', 'updated']);
    const first = results[0];
    expect(results[1]).toMatchObject({ ok: true, url: HAVANA_URL, file: first?.ok ? first.file : '' });
    const saved = await readdir(corpus, { recursive: true });
    expect(saved.filter((name) => /\.(?:html|json)$/.test(name)).sort()).toHaveLength(2);
  });

  it('GIVEN a Windows-1252 page served with that charset THEN the charset is kept in the sidecar, the text reads right, and the saved sidecars read without a warning', async () => {
    const result = await add(`${server.origin}/hemisphere`);
    expect(result).toMatchObject({ ok: true, title: 'Engaging With Cuba', publisher: 'Hemisphere Review' });
    if (!result.ok) return;
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: path.join(folder.dir, 'corpus'), indexDir: null, logger });
    expect(logger.warnings).toEqual([]);
    const answer = await archivist.ask('Whose participation in the OAS will meet its purposes and principles?', { minConfidence: 0 });
    expect(answer.answer?.text).toContain('Cuba’s participation');
    await archivist.close();
  });
});

describe('archivist add: every failure gets one line', () => {
  const cases: Array<[string, () => Promise<AddLinkResult>, string, RegExp]> = [
    ['a 404', () => add(`${server.origin}/nowhere`), 'not-found', /: the page was not found \(404 Not Found\)\.$/],
    ['a 5xx', () => add(`${server.origin}/broken`), 'server-error', /: the site failed to answer \(503 Service Unavailable\); try again later\.$/],
    ['a 403', () => add(`${server.origin}/forbidden`), 'http-error', /: the site refused the request \(403 Forbidden\)\.$/],
    ['a time-out', () => add(`${server.origin}/slow`, { timeoutMs: 300 }), 'timeout', /: no answer within 0\.3 s \(timed out\)\.$/],
    ['a page too big (declared length)', () => add(`${server.origin}/big`, { maxBytes: 4096 }), 'too-big', /: larger than 4 KB, the most a page may be\.$/],
    ['a page too big (streamed)', () => add(`${server.origin}/big-chunked`, { maxBytes: 4096 }), 'too-big', /: larger than 4 KB/],
    ['not HTML', () => add(`${server.origin}/report.pdf`), 'not-html', /: not an HTML page \(its content type is application\/pdf\)\.$/],
    ['a DNS failure', () => add('http://nowhere.example/story', { resolve: resolverOf({}) }), 'dns', /^http:\/\/nowhere\.example\/story: the host name nowhere\.example could not be resolved \(DNS\)\.$/],
    ['a refused address', () => add(`${server.origin}/havana`, { allowPrivate: false }), 'refused-address', /: 127\.0\.0\.1 is a private, loopback or link-local address \(127\.0\.0\.1\); such addresses are refused unless ARCHIVIST_ALLOW_PRIVATE_URLS allows them\.$/],
    ['a host resolving to a private address', () => add('http://intranet.example/wiki', { allowPrivate: false, resolve: resolverOf({ 'intranet.example': '10.0.0.5' }) }), 'refused-address', /intranet\.example is a private, loopback or link-local address \(10\.0\.0\.5\)/],
    ['the cloud metadata address', () => add('http://169.254.169.254/latest/meta-data/', { allowPrivate: false }), 'refused-address', /\(169\.254\.169\.254\)/],
    ['a redirect loop', () => add(`${server.origin}/loop`), 'too-many-redirects', /: more than 5 redirects\.$/],
    ['no article text', () => add(`${server.origin}/chrome-only`), 'no-article-text', /: no article text found on the page\.$/],
    ['not a web address', () => add('ftp://example.org/file'), 'bad-url', /^ftp:\/\/example\.org\/file: only http:\/\/ and https:\/\/ addresses can be added\.$/],
  ];
  for (const [what, attempt, reason, line] of cases) {
    it(`GIVEN ${what} THEN the result says so in one line and nothing is saved`, async () => {
      const corpus = path.join(folder.dir, `failure-${reason}`);
      await mkdir(corpus, { recursive: true });
      const result = await attempt();
      expect(result).toMatchObject({ ok: false, reason });
      if (result.ok) return;
      expect(result.message).toMatch(line);
      expect(result.message).not.toContain('\n');
      expect(await readdir(corpus)).toEqual([]);
    });
  }

  it('GIVEN a public-looking host that redirects to 127.0.0.1 WHEN private addresses are not allowed THEN the redirect is refused before it is followed', async () => {
    // news.example.com is the only host allowed to resolve privately (standing in for a public site); the redirect's target is not.
    server.routes.set('/to-loopback', redirect(`${server.origin}/havana`));
    server.routes.set('/to-internal-name', redirect(`http://internal.example:${server.port}/havana`));
    const fetch = { allowPrivate: new Set(['news.example.com']), resolve: resolverOf({ 'news.example.com': '127.0.0.1', 'internal.example': '127.0.0.1' }) };
    const before = server.requests.length;
    const direct = await add(`http://news.example.com:${server.port}/to-loopback`, fetch);
    expect(direct).toMatchObject({ ok: false, reason: 'refused-address' });
    const named = await add(`http://news.example.com:${server.port}/to-internal-name`, fetch);
    expect(named).toMatchObject({ ok: false, reason: 'refused-address', message: expect.stringContaining('internal.example is a private, loopback or link-local address (127.0.0.1)') });
    // Only the two public-looking requests reached the server; the redirects' targets never did.
    expect(server.requests.slice(before).map((request) => request.url)).toEqual(['/to-loopback', '/to-internal-name']);
    const allowed = await add(`http://news.example.com:${server.port}/havana`, fetch);
    // Its canonical URL lies on another site (havanatimes.example.org): it is kept under the address it came from.
    expect(allowed).toMatchObject({ ok: true, url: `http://news.example.com:${server.port}/havana`, publisher: 'Havana Times' });
  });
});
