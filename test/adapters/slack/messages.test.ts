import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './helpers/slackStandIn.js';
import { LISTEN_CHANNEL, startHttpHarness, visibleText, type HttpHarness } from './helpers/harness.js';

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
