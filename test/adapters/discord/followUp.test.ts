/**
 * Follow-up questions by reply: the real discord.js Client and a real core over seeds/,
 * against the REST and gateway stand-ins. A reply to one of the bot's answers is read with
 * the question that answer was for, and the answer says how it read it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, type Archivist } from '../../../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { guildCreate, person, replyMessage, slashCommand } from './payloads.js';

let archivist: Archivist;
let harness: Harness | undefined;

beforeAll(async () => {
  archivist = await openArchivist({ corpus: fileURLToPath(new URL('../../../seeds', import.meta.url)), indexDir: null });
});
afterAll(() => archivist.close());
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Asks with /ask and returns the message the bot showed (as the REST stand-in returned it). */
async function askWithSlashCommand(h: Harness, question: string, options: { inDm?: boolean } = {}): Promise<Record<string, unknown>> {
  const payload = slashCommand('ask', { question }, options);
  await h.send(payload);
  const edit = await h.edited(payload);
  return edit.response as Record<string, unknown>;
}

/** Sends a reply to `repliedTo` and waits for the bot's reply to it. */
async function reply(h: Harness, content: string, repliedTo: Record<string, unknown>, guild = true) {
  const message = replyMessage(content, repliedTo, { who: person(), guild });
  h.gateway.dispatch('MESSAGE_CREATE', message);
  const answer = await h.rest.waitFor('POST', /^\/channels\/\d+\/messages$/, (request) => (request.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === message['id']);
  return { body: answer.body as Record<string, any>, shown: answer.response as Record<string, unknown> };
}

describe('GIVEN an answer to /ask in a server channel', () => {
  it('WHEN someone replies "And when were they suspended?" THEN the reply is read with the talks, says so, answers with a date in bold, and pings no one', async () => {
    const h = (harness = await startHarness(archivist));
    h.gateway.dispatch('GUILD_CREATE', guildCreate());
    const first = await askWithSlashCommand(h, 'When did the US and Cuba resume their migration talks?');
    const { body } = await reply(h, 'And when were they suspended?', first);
    const description: string = body.embeds[0].description;
    expect(description).toMatch(/Taking 'they' as .*migration talks/);
    expect(description).toMatch(/suspend/);
    expect(description).toMatch(/\*\*(?:January )?2003\*\*|\*\*(?:January )?2004\*\*/);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('WHEN a reply starts a new topic THEN it is answered on its own, without a reading', async () => {
    const h = (harness = await startHarness(archivist));
    h.gateway.dispatch('GUILD_CREATE', guildCreate());
    const first = await askWithSlashCommand(h, 'Who led the US delegation to the Havana talks?');
    const { body } = await reply(h, 'Who is Jose Pertierra?', first);
    const description: string = body.embeds[0].description;
    expect(description).not.toMatch(/Taking|Reading this as/);
    expect(description).toContain('Jose Pertierra');
  });

  it('WHEN a reply follows a reply THEN the conversation goes on down the chain', async () => {
    const h = (harness = await startHarness(archivist));
    h.gateway.dispatch('GUILD_CREATE', guildCreate());
    const first = await askWithSlashCommand(h, 'Who is Alan Gross?');
    const second = await reply(h, 'How long is his sentence?', first);
    expect(second.body.embeds[0].description).toMatch(/Taking 'his' as Alan Gross/);
    expect(second.body.embeds[0].description).toMatch(/15/);
    const third = await reply(h, 'Where is he serving it?', second.shown);
    expect(third.body.embeds[0].description).toMatch(/Taking 'he' as Alan Gross/);
    expect(third.body.embeds[0].description).toContain('Havana');
  });
});

describe('GIVEN an answer to /ask in a DM with the bot', () => {
  it('WHEN the person replies to it THEN the follow-up is answered there too', async () => {
    const h = (harness = await startHarness(archivist));
    const first = await askWithSlashCommand(h, 'Who is Marie Harf?', { inDm: true });
    const { body } = await reply(h, 'What did she call the talks?', first, false);
    expect(body.embeds[0].description).toMatch(/Taking 'she' as Marie Harf/);
  });
});
