/**
 * `/add url:` through the real discord.js Client against the REST and gateway stand-ins:
 * editors (by user id or by role) add pages, anyone else is refused.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkDesk, openArchivist, silentLogger, type Archivist } from '../../../src/index.js';
import { HTML_FIXTURES, temporaryFolder } from '../../helpers.js';
import { serve, startPageServer, type PageServer } from '../../links/pageServer.js';
import { startHarness, type Harness } from './harness.js';
import { person, slashCommand } from './payloads.js';
import { snowflake } from './standins.js';

const EPHEMERAL = 64;
const EDITOR_ROLE = snowflake();
const editor = person('editor');
const MIAMI_URL = 'https://miamiherald.example.com/news/nation-world/world/americas/article1953741.html';

let pages: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };
let archivist: Archivist;
let harness: Harness;
const corpus = () => path.join(folder.dir, 'corpus');
/** The page server posing as the publisher's own site (the desk resolves every name to 127.0.0.1), so that the page's canonical URL lies on the site it came from. */
const site = () => `http://miamiherald.example.com:${pages.port}`;

beforeAll(async () => {
  folder = await temporaryFolder();
  pages = await startPageServer({ '/miami': serve(await readFile(path.join(HTML_FIXTURES, 'miami-herald-state-department-confirms-talks.html'))) });
  archivist = await openArchivist({ corpus: HTML_FIXTURES, indexDir: null });
  const desk = createLinkDesk({ corpus: corpus(), editors: [editor.id, EDITOR_ROLE], fetch: { allowPrivate: true, timeoutMs: 2000, maxBytes: 5 << 20, maxRedirects: 5, userAgent: 'ArchivistBot/test', resolve: async () => [{ address: '127.0.0.1', family: 4 }] }, logger: silentLogger });
  harness = await startHarness(archivist, {}, desk);
});
afterAll(async () => {
  await harness.stop();
  await archivist.close();
  await pages.close();
  await folder.cleanup();
});

async function savedPages(): Promise<string[]> {
  return (await readdir(corpus(), { recursive: true }).catch(() => [])).filter((name) => name.endsWith('.html'));
}

describe('Discord /add', () => {
  it('GIVEN someone who is not an editor THEN the refusal is polite and private, and nothing is fetched', async () => {
    const before = pages.requests.length;
    const payload = slashCommand('add', { url: `${site()}/miami` });
    const callback = await harness.send(payload);
    expect(callback.body).toMatchObject({ type: 4, data: { content: "Sorry, only the archive's editors can add links. Ask one of them to add it for you.", flags: EPHEMERAL } });
    expect(pages.requests.length).toBe(before);
    expect(await savedPages()).toEqual([]);
  });

  it('GIVEN an editor by user id THEN the reply is deferred privately and edited with the title linked to its URL, publisher, date and paragraphs', async () => {
    const payload = slashCommand('add', { url: `${site()}/miami` }, { who: editor });
    const callback = await harness.send(payload);
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await harness.edited(payload);
    expect(edit.body.content).toBe(`Added to the archive: [State Department confirms US-Cuba migration talks](${MIAMI_URL}) (Miami Herald · 2013-07-16 · 10 paragraphs). It can be asked about in a few seconds.`);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(await savedPages()).toHaveLength(1);
  });

  it('GIVEN an editor by role THEN the page is added (updated: the same canonical URL)', async () => {
    const payload = slashCommand('add', { url: `${site()}/miami#comments` }, { roles: [EDITOR_ROLE] });
    await harness.send(payload);
    const edit = await harness.edited(payload);
    expect(edit.body.content).toMatch(/^Updated in the archive: \[State Department confirms US-Cuba migration talks\]/);
    expect(await savedPages()).toHaveLength(1);
  });

  it('GIVEN an answer from a web page THEN its source shows the title as a link to the page', async () => {
    const payload = slashCommand('ask', { question: 'How many migrant visas must Washington issue to Cubans each year?' });
    await harness.send(payload);
    const edit = await harness.edited(payload);
    const source = edit.body.embeds[0].fields.find((field: { name: string }) => field.name === 'Source');
    expect(source.value).toContain(`[State Department confirms US-Cuba migration talks](${MIAMI_URL}) · Miami Herald · 2013-07-16`);
  });
});
