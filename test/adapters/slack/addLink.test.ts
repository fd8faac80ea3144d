import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnswerMessage } from '../../../adapters/slack/format.js';
import { createLinkDesk, openArchivist, silentLogger } from '../../../src/index.js';
import { HTML_FIXTURES, temporaryFolder } from '../../helpers.js';
import { serve, startPageServer, type PageServer } from '../../links/pageServer.js';
import { startHttpHarness, visibleText, type HttpHarness } from './helpers/harness.js';
import { TEAM_ID, nextId, postToSlackEndpoint, slashCommandForm } from './helpers/slackRequests.js';
import type { RecordedCall } from './helpers/slackStandIn.js';

const FORM = { contentType: 'application/x-www-form-urlencoded' } as const;
const EDITOR = 'U0EDITOR1';
const HAVANA_URL = 'https://havanatimes.example.org/news/cuba-us-migration-talks-held-despite-nk-boat-seizure/';

let h: HttpHarness;
let pages: PageServer;
let folder: { dir: string; cleanup: () => Promise<void> };
const corpus = () => path.join(folder.dir, 'corpus');
/** The page server posing as the publisher's own site (the desk resolves every name to 127.0.0.1), so that the page's canonical URL lies on the site it came from. */
const site = () => `http://havanatimes.example.org:${pages.port}`;

beforeAll(async () => {
  folder = await temporaryFolder();
  pages = await startPageServer({ '/havana': serve(await readFile(path.join(HTML_FIXTURES, 'havana-times-migration-talks.html'))) });
  const desk = createLinkDesk({ corpus: corpus(), editors: [EDITOR, '123456789012345678'], fetch: { allowPrivate: true, timeoutMs: 2000, maxBytes: 5 << 20, maxRedirects: 5, userAgent: 'ArchivistBot/test', resolve: async () => [{ address: '127.0.0.1', family: 4 }] }, logger: silentLogger });
  h = await startHttpHarness({ desk });
});
afterAll(async () => {
  await h.close();
  await pages.close();
  await folder.cleanup();
});

async function savedPages(): Promise<string[]> {
  return (await readdir(corpus(), { recursive: true }).catch(() => [])).filter((name) => name.endsWith('.html'));
}

/** Runs `/ask text` as `user` and returns the private reply. */
async function slash(text: string, user: string): Promise<RecordedCall> {
  const id = `cmd-${nextId()}`;
  const ack = await postToSlackEndpoint(h.port, slashCommandForm({ text, user, channel: 'CNEWS0201', responseUrl: h.standIn.responseUrl(id) }), FORM);
  expect(ack.status).toBe(200);
  return h.standIn.waitForCall('respond', (call) => call.responseId === id);
}

describe('Slack: adding links to the archive', () => {
  it('GIVEN a non-editor WHEN they /ask add a link THEN they are refused politely, privately, and nothing is fetched', async () => {
    const before = pages.requests.length;
    const reply = await slash(`add <${site()}/havana>`, 'U0READER1');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain("Sorry, only the archive's editors can add links.");
    expect(pages.requests.length).toBe(before);
    expect(await savedPages()).toEqual([]);
  });

  it('GIVEN an editor WHEN they /ask add a link THEN the page is saved and the private reply links the title to its URL with publisher, date and paragraphs', async () => {
    const reply = await slash(`add <${site()}/havana>`, EDITOR);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain(`Added to the archive: *<${HAVANA_URL}|Cuba-US Migration Talks Held Despite NK Boat Seizure>* (Havana Times · 2013-07-17 · 21 paragraphs)`);
    expect(await savedPages()).toHaveLength(1);
  });

  it('GIVEN an editor WHEN they use the "Add link to archive" shortcut on a message THEN its link is added (here: updated, the same canonical URL)', async () => {
    const id = `shortcut-${nextId()}`;
    const payload = {
      type: 'message_action',
      callback_id: 'archivist_add_link',
      trigger_id: `trigger.${nextId()}`,
      action_ts: `1700000002.${nextId()}`,
      team: { id: TEAM_ID, domain: 'newsroom' },
      user: { id: EDITOR, username: 'editor', name: 'editor', team_id: TEAM_ID },
      channel: { id: 'CNEWS0202', name: 'newsdesk' },
      message: { type: 'message', user: 'U0REPORTER', ts: '1700000000.000100', text: `Worth archiving: <${site()}/havana?utm_source=slack|Havana Times story>` },
      message_ts: '1700000000.000100',
      response_url: h.standIn.responseUrl(id),
      token: 'legacy-verification-token',
    };
    const ack = await postToSlackEndpoint(h.port, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(ack.status).toBe(200);
    const reply = await h.standIn.waitForCall('respond', (call) => call.responseId === id);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain(`Updated in the archive: *<${HAVANA_URL}|Cuba-US Migration Talks Held Despite NK Boat Seizure>*`);
    expect(await savedPages()).toHaveLength(1);
  });

  it('GIVEN an editor WHEN the link cannot be added THEN the private reply says why in one line', async () => {
    const reply = await slash(`add ${pages.origin}/gone`, EDITOR);
    expect(visibleText(reply)).toContain(`I could not add that link. ${pages.origin}/gone: the page was not found (404 Not Found).`);
  });

  it('GIVEN /ask with an ordinary question THEN it is still answered as a question', async () => {
    const reply = await slash('Who is Josefina Vidal?', 'U0READER1');
    expect(visibleText(reply)).toContain('director of the USA desk at the Cuban Foreign Ministry');
  });
});

describe('Slack: an answer from a web page', () => {
  it('GIVEN a question answered from an HTML page THEN the source shows the title as a link to the page, with publisher and date', async () => {
    const archivist = await openArchivist({ corpus: HTML_FIXTURES, indexDir: null });
    const result = await archivist.ask('Who is Josefina Vidal?');
    await archivist.close();
    const shown = JSON.stringify(formatAnswerMessage(result).blocks);
    expect(result.answer?.text).toContain('Josefina Vidal');
    expect(shown).toContain(`*<${HAVANA_URL}|Cuba-US Migration Talks Held Despite NK Boat Seizure>* · Havana Times · 2013-07-17`);
  });
});
