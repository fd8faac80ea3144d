import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, GOOD_BOT_TOKEN } from './helpers/slackStandIn.js';
import { SIGNING_SECRET, eventCallback, postToSlackEndpoint } from './helpers/slackRequests.js';
import { LISTEN_CHANNEL, startHttpHarness, visibleText, type HttpHarness } from './helpers/harness.js';

const VISA_QUESTION = 'How many US visas are Cubans granted each year under the accord?';

describe('Slack mentions over the HTTP receiver', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('GIVEN a mention with a question THEN one answer is posted in a thread under it, holding the sentence and its source', async () => {
    const { status, ts } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0001', text: `<@${BOT_USER_ID}> ${VISA_QUESTION}` });
    expect(status).toBe(200);

    const post = await h.waitForPost('CNEWS0001', ts);
    const seen = visibleText(post);
    expect(seen).toContain('at least *20,000* U.S. visas to Cubans each year'); // the phrase that answers "how many" in bold
    expect(seen).toContain('Source:');
    expect(seen).toMatch(/migration talks/i); // the source article's title
    expect(seen).toContain('Confidence:');
    expect(seen).not.toContain(`<@${BOT_USER_ID}>`); // the question is restated without the bot's mention
    const blocks = post.body.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
    const actions = blocks.find((block) => block.type === 'actions')?.elements?.map((e) => e.action_id);
    expect(actions).toEqual(expect.arrayContaining(['archivist_vote_up', 'archivist_vote_down']));
    expect(post.authorization).toBe(`Bearer ${GOOD_BOT_TOKEN}`);
  });

  it('GIVEN a follow-up mention inside the thread THEN the answer goes in that same thread', async () => {
    const threadTs = '1700000000.123456';
    const { ts } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0002', thread_ts: threadTs, text: `<@${BOT_USER_ID}> Who is Josefina Vidal?` });
    const post = await h.waitForPost('CNEWS0002');
    expect(post.body.thread_ts).toBe(threadTs);
    expect(post.body.thread_ts).not.toBe(ts);
    expect(visibleText(post)).toContain('director of the USA desk');
  });

  it('GIVEN Slack redelivers an event (x-slack-retry-num) THEN no second answer is posted', async () => {
    const first = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0003', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    await h.waitForPost('CNEWS0003', first.ts);

    const again = await h.sendEvent(
      { type: 'app_mention', channel: 'CNEWS0003', ts: first.ts, text: `<@${BOT_USER_ID}> Who is Marie Harf?` },
      { eventId: first.eventId, retryNum: 1 },
    );
    expect(again.status).toBe(200); // acknowledged, so Slack stops retrying
    await h.logs.waitForRecord('the duplicate to be skipped', (r) => r.eventId === first.eventId && r.reason === 'duplicate-delivery');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'CNEWS0003')).toHaveLength(1);
  });

  it('GIVEN <!channel>, <!here>, a user mention and & < > in a question THEN the reply pings nobody and shows them escaped', async () => {
    const text = `<@${BOT_USER_ID}> <!channel> <!here|here> <@U0OTHER1> Who is Marie Harf &amp; what is &lt;b&gt;spokeswoman&lt;/b&gt;?`;
    await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0004', text });
    const post = await h.waitForPost('CNEWS0004');
    const seen = visibleText(post);
    for (const ping of ['<!channel>', '<!here', '<!everyone>', '<@U0OTHER1>', '<b>']) expect(seen).not.toContain(ping);
    expect(seen).toContain('Who is Marie Harf &amp; what is &lt;b&gt;spokeswoman&lt;/b&gt;?');
  });

  it('GIVEN a 5,000-character question THEN the bot politely refuses in the thread', async () => {
    const { ts } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0005', text: `<@${BOT_USER_ID}> ${'why '.repeat(1250)}` });
    const post = await h.waitForPost('CNEWS0005', ts);
    expect(String(post.body.text)).toBe('Sorry, that question is too long for me. Please ask it in under 1,000 characters.');
    expect(JSON.stringify(post.body.blocks).length).toBeLessThan(3000); // the question is not echoed in full
  });

  it('GIVEN a bare mention THEN the bot says how to ask', async () => {
    await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0006', text: `<@${BOT_USER_ID}>` });
    const post = await h.waitForPost('CNEWS0006');
    expect(String(post.body.text)).toContain('What would you like to know?');
  });

  it('GIVEN an off-topic mention THEN the bot says it does not know and lists what the archive covers', async () => {
    await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0007', text: `<@${BOT_USER_ID}> What is the best pizza topping in Naples?` });
    const seen = visibleText(await h.waitForPost('CNEWS0007'));
    expect(seen).toContain('Nothing in the archive answers that.');
    expect(seen).not.toContain('Not sure');
    expect(seen).toContain('/ask');
    expect(seen).toContain('The archive covers:');
  });

  it('GIVEN a mention written by another bot THEN it is ignored (no loops)', async () => {
    const { eventId } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0008', bot_id: 'BOTHER01', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    await h.logs.waitForRecord('the bot message to be ignored', (r) => r.eventId === eventId && r.reason === 'from-a-bot');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'CNEWS0008')).toHaveLength(0);
  });

  it('GIVEN posting the answer fails THEN the person gets one short line and the log has the event id but no token', async () => {
    h.standIn.failNext('chat.postMessage', 'msg_too_long');
    const { eventId } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWS0009', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    const notice = await h.standIn.waitForCall('chat.postMessage', (c) => c.body.channel === 'CNEWS0009' && c.body.text === 'Something went wrong; it has been logged.');
    expect(notice.body.thread_ts).toBeDefined();
    const failure = await h.logs.waitForRecord('the failure log', (r) => r.level === 'error' && r.eventId === eventId);
    expect(failure.msg).toBe('slack handler failed');
    expect(h.logs.dump()).not.toContain(GOOD_BOT_TOKEN);
    expect(h.logs.dump()).not.toContain(SIGNING_SECRET);
  });

  it('GIVEN a request with a wrong signature THEN it gets 401 and nothing is answered', async () => {
    const { body } = eventCallback({ type: 'app_mention', channel: 'CNEWS0010', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    const forged = await postToSlackEndpoint(h.port, JSON.stringify(body), { contentType: 'application/json', secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await postToSlackEndpoint(h.port, JSON.stringify(body), { contentType: 'application/json', timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(401);
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'CNEWS0010')).toHaveLength(0);
  });
});

describe('Slack direct messages, listening channels and the per-person limit', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ rateLimitPerMinute: 2 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GIVEN a direct message THEN it is answered directly, without a mention and outside any thread', async () => {
    await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DDM000001', user: 'U0000DM1', text: 'Who is Josefina Vidal?' });
    const post = await h.waitForPost('DDM000001');
    expect(post.body.thread_ts).toBeUndefined();
    expect(visibleText(post)).toContain('director of the USA desk at the Cuban Foreign Ministry');
    expect(visibleText(post)).toContain('Cuba-US Migration Talks Held Despite NK Boat Seizure');
  });

  it('GIVEN a listening channel and a question the archive answers confidently THEN it is answered in a thread', async () => {
    const { ts } = await h.sendEvent({
      type: 'message',
      channel_type: 'channel',
      channel: LISTEN_CHANNEL,
      user: 'U0000LS1',
      text: 'How many US visas are Cubans granted each year under the accord?',
    });
    const post = await h.waitForPost(LISTEN_CHANNEL, ts);
    expect(visibleText(post)).toContain('at least 20,000 U.S. visas to Cubans each year');
  });

  it('GIVEN a listening channel and an off-topic question THEN the bot stays silent', async () => {
    const { eventId, ts } = await h.sendEvent({
      type: 'message',
      channel_type: 'channel',
      channel: LISTEN_CHANNEL,
      user: 'U0000LS2',
      text: 'What is the best pizza topping in Naples?',
    });
    await h.logs.waitForRecord('the question to be passed over', (r) => r.eventId === eventId && r.reason === 'not-confident');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.thread_ts === ts)).toHaveLength(0);
    expect(h.standIn.callsTo('chat.postEphemeral', (c) => c.body.user === 'U0000LS2')).toHaveLength(0);
  });

  it('GIVEN a listening channel and chatter that is not a question THEN the bot stays silent', async () => {
    const { eventId } = await h.sendEvent({ type: 'message', channel_type: 'channel', channel: LISTEN_CHANNEL, user: 'U0000LS3', text: 'lunch is at noon, Cuba talks later' });
    await h.logs.waitForRecord('the chatter to be passed over', (r) => r.eventId === eventId && r.reason === 'not-a-question');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === LISTEN_CHANNEL && visibleText(c).includes('lunch'))).toHaveLength(0);
  });

  it('GIVEN a mention in a listening channel THEN only the app_mention answers it (one reply, not two)', async () => {
    const text = `<@${BOT_USER_ID}> Who is Marie Harf?`;
    const ts = '1700000123.000777';
    const asMessage = await h.sendEvent({ type: 'message', channel_type: 'channel', channel: LISTEN_CHANNEL, user: 'U0000LS4', ts, text });
    await h.sendEvent({ type: 'app_mention', channel: LISTEN_CHANNEL, user: 'U0000LS4', ts, text });
    await h.waitForPost(LISTEN_CHANNEL, ts);
    await h.logs.waitForRecord('the message copy to be left to app_mention', (r) => r.eventId === asMessage.eventId);
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.thread_ts === ts)).toHaveLength(1);
  });

  it('GIVEN a channel that is not a listening channel THEN plain questions there are not answered', async () => {
    const { ts } = await h.sendEvent({ type: 'message', channel_type: 'channel', channel: 'COTHER001', user: 'U0000LS5', text: 'Who is Marie Harf?' });
    // A later DM from the same person is answered, so the earlier message was processed by then.
    await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DDM000005', user: 'U0000LS5', text: 'Who is Marie Harf?' });
    await h.waitForPost('DDM000005');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'COTHER001' || c.body.thread_ts === ts)).toHaveLength(0);
  });

  it('GIVEN a message edit or a bot post THEN it is ignored', async () => {
    const edit = await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DDM000006', subtype: 'message_changed', text: 'Who is Marie Harf?' });
    const bot = await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DDM000006', bot_id: 'BOTHER01', text: 'Who is Marie Harf?' });
    await h.logs.waitForRecord('the edit to be ignored', (r) => r.eventId === edit.eventId && r.reason === 'not-a-person-message');
    await h.logs.waitForRecord('the bot post to be ignored', (r) => r.eventId === bot.eventId && r.reason === 'from-a-bot');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.channel === 'DDM000006')).toHaveLength(0);
  });

  it('GIVEN someone asks more than the per-minute limit THEN the excess gets a short private note instead of silence', async () => {
    for (const n of [1, 2]) {
      const { ts } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWSRATE', user: 'U0000RATE', text: `<@${BOT_USER_ID}> Who is Marie Harf? (${n})` });
      await h.waitForPost('CNEWSRATE', ts);
    }
    const { ts } = await h.sendEvent({ type: 'app_mention', channel: 'CNEWSRATE', user: 'U0000RATE', text: `<@${BOT_USER_ID}> Who is Marie Harf? (3)` });
    const note = await h.standIn.waitForCall('chat.postEphemeral', (c) => c.body.user === 'U0000RATE');
    expect(note.body.channel).toBe('CNEWSRATE');
    expect(note.body.thread_ts).toBe(ts);
    expect(String(note.body.text)).toContain('2 questions a minute');
    expect(h.standIn.callsTo('chat.postMessage', (c) => c.body.thread_ts === ts)).toHaveLength(0);
  });
});
