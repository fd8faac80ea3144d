import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './helpers/slackStandIn.js';
import { buttonClickForm, nextId, postToSlackEndpoint, slashCommandForm } from './helpers/slackRequests.js';
import { startHttpHarness, visibleText, type HttpHarness } from './helpers/harness.js';

const FORM = { contentType: 'application/x-www-form-urlencoded' } as const;

interface ButtonElement {
  action_id: string;
  value: string;
}

function buttonsOf(call: RecordedCall): ButtonElement[] {
  const blocks = call.body.blocks as Array<{ type: string; elements?: ButtonElement[] }>;
  return blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

function button(call: RecordedCall, actionId: string): ButtonElement {
  const found = buttonsOf(call).find((b) => b.action_id === actionId);
  if (found === undefined) throw new Error(`no ${actionId} button in ${JSON.stringify(call.body.blocks)}`);
  return found;
}

describe('Slack /ask and the answer buttons', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Runs `/ask text` and returns the private reply sent to its response_url. */
  async function ask(text: string, user: string, channel: string): Promise<RecordedCall> {
    const id = `cmd-${nextId()}`;
    const ack = await postToSlackEndpoint(h.port, slashCommandForm({ text, user, channel, responseUrl: h.standIn.responseUrl(id) }), FORM);
    expect(ack.status).toBe(200);
    return h.standIn.waitForCall('respond', (c) => c.responseId === id);
  }

  /** Clicks a button; returns the response_url id the click carries. */
  async function click(actionId: string, value: string, user: string, channel: string, ephemeral = true): Promise<string> {
    const id = `click-${nextId()}`;
    const form = buttonClickForm({ actionId, value, user, channel, responseUrl: h.standIn.responseUrl(id), ephemeral });
    const ack = await postToSlackEndpoint(h.port, form, FORM);
    expect(ack.status).toBe(200);
    return id;
  }

  it('GIVEN /ask with a question THEN the answer comes privately (ephemeral) with a "Share in channel" button', async () => {
    const reply = await ask('Who is Josefina Vidal?', 'U0000CMD1', 'CNEWS0101');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain('director of the USA desk at the Cuban Foreign Ministry');
    expect(visibleText(reply)).toContain('Cuba-US Migration Talks Held Despite NK Boat Seizure');
    expect(button(reply, 'archivist_share')).toBeDefined();
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'CNEWS0101')).toHaveLength(0);
  });

  it('GIVEN "Share in channel" is clicked THEN the same answer is posted publicly with the asker and the question', async () => {
    const reply = await ask('Who is Josefina Vidal?', 'U0000CMD2', 'CNEWS0102');
    const responseId = await click('archivist_share', button(reply, 'archivist_share').value, 'U0000CMD2', 'CNEWS0102');
    const post = await h.waitForPost('CNEWS0102');
    const seen = visibleText(post);
    expect(seen).toContain('<@U0000CMD2> asked:');
    expect(seen).toContain('Who is Josefina Vidal?');
    expect(seen).toContain('director of the USA desk at the Cuban Foreign Ministry');
    expect(buttonsOf(post).map((b) => b.action_id)).not.toContain('archivist_share');
    const cleanup = await h.standIn.waitForCall('respond', (c) => c.responseId === responseId);
    expect(cleanup.body).toEqual({ delete_original: true });
  });

  it('GIVEN "Share in channel" where the bot cannot post THEN the answer is shared through the response_url instead', async () => {
    const reply = await ask('Who is Josefina Vidal?', 'U0000CMD3', 'CPRIVATE1');
    h.standIn.failNext('chat.postMessage', 'channel_not_found');
    const responseId = await click('archivist_share', button(reply, 'archivist_share').value, 'U0000CMD3', 'CPRIVATE1');
    const shared = await h.standIn.waitForCall('respond', (c) => c.responseId === responseId && c.body.response_type === 'in_channel');
    expect(visibleText(shared)).toContain('<@U0000CMD3> asked:');
    expect(visibleText(shared)).toContain('director of the USA desk');
  });

  it('GIVEN /ask without a question THEN usage help comes privately', async () => {
    const reply = await ask('   ', 'U0000CMD4', 'CNEWS0104');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(String(reply.body.text)).toContain('/ask Who is Marie Harf?');
  });

  it('GIVEN /ask with a 5,000-character question THEN the refusal is private and polite', async () => {
    const reply = await ask('x'.repeat(5000), 'U0000CMD5', 'CNEWS0105');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(String(reply.body.text)).toBe('Sorry, that question is too long for me. Please ask it in under 1,000 characters.');
  });

  it('GIVEN "More answers" is clicked THEN the alternatives are shown privately', async () => {
    const reply = await ask('Who is Marie Harf?', 'U0000CMD6', 'CNEWS0106');
    const responseId = await click('archivist_more_answers', button(reply, 'archivist_more_answers').value, 'U0000CMD6', 'CNEWS0106', false);
    const more = await h.standIn.waitForCall('respond', (c) => c.responseId === responseId);
    expect(more.body.response_type).toBe('ephemeral');
    expect(more.body.replace_original).toBe(false);
    expect(visibleText(more)).toContain('Other answers to:');
    expect(visibleText(more)).toContain('Source:');
  });

  it('GIVEN no confident answer THEN the closest passages come with their answer phrase in bold and their source, and "More answers" shows the others', async () => {
    const reply = await ask('where was the North Korean ship going?', 'U0000CMD8', 'CNEWS0108');
    const seen = visibleText(reply);
    expect(seen).toContain('*Not sure — the closest passages:*');
    expect(seen).toMatch(/bound for North Korea/);
    expect(seen).toMatch(/in \*Panama\* of a ship/);
    expect(seen).toContain('Source: *Cuba-US Migration Talks Held Despite NK Boat Seizure*');
    expect(buttonsOf(reply).map((b) => b.action_id)).not.toContain('archivist_vote_up');
    const responseId = await click('archivist_more_answers', button(reply, 'archivist_more_answers').value, 'U0000CMD8', 'CNEWS0108', false);
    const more = await h.standIn.waitForCall('respond', (c) => c.responseId === responseId);
    expect(visibleText(more)).toContain('Other answers to:');
    expect(visibleText(more)).toContain('Source:');
  });

  it('GIVEN 👍 or 👎 is clicked THEN the vote is logged with the question and the answer id', async () => {
    const reply = await ask('Who is Josefina Vidal?', 'U0000CMD7', 'CNEWS0107');
    await click('archivist_vote_down', button(reply, 'archivist_vote_down').value, 'U0000CMD7', 'CNEWS0107');
    const line = await h.logs.waitForRecord('the vote to be logged', (r) => r.msg === 'slack answer feedback' && r.user === 'U0000CMD7');
    expect(line).toMatchObject({ level: 'info', vote: 'down', question: 'Who is Josefina Vidal?' });
    expect(String(line.answerId)).toMatch(/^004_999b9fee6b16123a#\d+:\d+-\d+$/);
  });
});
