/**
 * Follow-up questions in a Slack thread, through the real Bolt HTTP receiver with signed
 * requests and the Web API stand-in: a mention in a thread is read with the thread's
 * previous question, and the answer says which reading it used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './helpers/slackStandIn.js';
import { startHttpHarness, visibleText, type HttpHarness } from './helpers/harness.js';

describe('Slack follow-up questions in a thread', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Mentions the bot in `channel` (in the thread `threadTs`, when given) and returns what it posted there. */
  async function mention(channel: string, question: string, threadTs?: string) {
    const sent = await h.sendEvent({ type: 'app_mention', channel, text: `<@${BOT_USER_ID}> ${question}`, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) });
    const thread = threadTs ?? sent.ts;
    const posts = () => h.standIn.callsTo('chat.postMessage', (call) => call.body.channel === channel && call.body.thread_ts === thread);
    const before = posts().length;
    await h.standIn.waitForCall('chat.postMessage', () => posts().length > before);
    const post = posts().at(-1)!;
    return { thread, post, seen: visibleText(post) };
  }

  it('GIVEN a question in a thread WHEN a mention in the thread leans on it THEN it is read with the previous subject and says so', async () => {
    const first = await mention('CFOLLOW01', 'Who is Alan Gross?');
    expect(first.seen).toContain('Alan Gross');
    const second = await mention('CFOLLOW01', 'How long is his sentence?', first.thread);
    expect(second.seen).toContain("Taking 'his' as Alan Gross");
    expect(second.seen).toMatch(/15(?:-year| years)/);
    expect(second.post.body.thread_ts).toBe(first.thread);
  });

  it('GIVEN a follow-up WHEN its answer has a phrase of the asked type THEN that phrase is in bold', async () => {
    const first = await mention('CFOLLOW02', 'Who is Marie Harf?');
    const second = await mention('CFOLLOW02', 'Where did she say the talks would not discuss the ship?', first.thread);
    expect(second.seen).toContain("Taking 'she' as Marie Harf");
    const third = await mention('CFOLLOW02', 'How many visas does the US grant Cubans each year?', first.thread);
    expect(third.seen).not.toContain('Taking');
    expect(third.seen).toMatch(/\*20,000\*/);
  });

  it('GIVEN a pronoun question in a new thread THEN nothing is carried over from another thread', async () => {
    await mention('CFOLLOW03', 'Who is Josefina Vidal?');
    const other = await mention('CFOLLOW03', 'What did she say?');
    expect(other.seen).not.toContain('Taking');
  });
});
