/**
 * Issue #25 row 4: while a worker chews on a page an editor adds in Discord, Slack's acks
 * stay under 1 s and Discord still answers questions. Both run through their real libraries
 * against the local stand-ins, in one process, over one core.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkDesk, silentLogger } from '../../src/index.js';
import { temporaryFolder } from '../helpers.js';
import { serve, startPageServer, type PageServer } from '../links/pageServer.js';
import { startHarness, waitUntil, type Harness } from './discord/harness.js';
import { person, slashCommand } from './discord/payloads.js';
import { startHttpHarness, type HttpHarness } from './slack/helpers/harness.js';

/** 4.5 MB of paragraphs: seconds of CPU time to read, past the 1.5 s the desk allows here. */
const CHEWY_PAGE = `<html><body><article>${Array.from({ length: 40_000 }, (_, n) => `<p>Paragraph ${n} of a very long page about the harbour of Port Elyse and its storms.</p>`).join('')}</article></body></html>`;
const editor = person('editor');

let pages: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };
let slack: HttpHarness;
let discord: Harness;

beforeAll(async () => {
  folder = await temporaryFolder();
  pages = await startPageServer({ '/chewy': serve(CHEWY_PAGE) });
  slack = await startHttpHarness();
  const desk = createLinkDesk({
    corpus: path.join(folder.dir, 'corpus'),
    editors: [editor.id],
    fetch: { allowPrivate: true, timeoutMs: 5000, maxBytes: 5 << 20, maxRedirects: 5, userAgent: 'ArchivistBot/test' },
    logger: silentLogger,
    reading: { cpuSeconds: 1.5, memoryMb: 1024 },
  });
  discord = await startHarness(slack.archivist, {}, desk);
});
afterAll(async () => {
  await discord.stop();
  await slack.close();
  await pages.close();
  await folder.cleanup();
});

describe('reading a page never blocks answering', () => {
  it('GIVEN an editor adding a page that takes long to read in Discord WHEN people write in Slack and ask in Discord meanwhile THEN every Slack ack comes within 1 s, Discord answers, and the page is then named "took too long to read"', async () => {
    const add = slashCommand('add', { url: `${pages.origin}/chewy` }, { who: editor });
    await discord.send(add);
    const addReplied = () => discord.rest.requests.find((request) => request.method === 'PATCH' && request.path.includes(add.token));
    // Slack events one after another, each sent as soon as the last is acked, for as long as the page is read: a blocked thread would hold one of them.
    const acks: number[] = [];
    const slackTraffic = (async () => {
      while (addReplied() === undefined) {
        const sent = performance.now();
        const { status } = await slack.sendEvent({ type: 'message', channel: 'COTHER01', user: 'U0READER1', text: 'Morning, all.' });
        expect(status).toBe(200);
        acks.push(performance.now() - sent);
      }
    })();
    await waitUntil(() => pages.requests.find((request) => request.url === '/chewy'), 'the page to be fetched');
    const ask = slashCommand('ask', { question: 'Who is Josefina Vidal?' });
    await discord.send(ask);
    const answer = await discord.edited(ask);
    const stillReading = addReplied() === undefined;
    // Reading takes seconds of wall time on a busy machine before the 1.5 s of CPU time run out.
    const reply = await waitUntil(addReplied, 'the reply to /add', 50_000);
    await slackTraffic;

    expect(answer.body.embeds[0].description).toContain('Josefina Vidal');
    expect(stillReading).toBe(true);
    expect(acks.length).toBeGreaterThan(5);
    expect(Math.max(...acks)).toBeLessThan(1000);
    expect(reply.body.content).toBe(`I could not add that link. ${pages.origin}/chewy: it took too long to read (more than 1.5 s of CPU time).`);
  }, 60_000);
});
