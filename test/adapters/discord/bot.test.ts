/**
 * The Discord adapter end to end: the real discord.js Client and a real core over seeds/,
 * against REST and gateway stand-ins on 127.0.0.1.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.js';
import { ConfigError, MAX_QUESTION_LENGTH, openArchivist, silentLogger, type Archivist } from '../../../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { buttonClick, person, slashCommand } from './payloads.js';
import { APPLICATION_ID, GOOD_TOKEN, GatewayStandIn, RestStandIn, messageFrom } from './standins.js';

const VISAS = 'How many US visas are Cubans granted each year under the accord?';
const EPHEMERAL = 64;

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

async function start(overrides: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  harness = await startHarness(archivist, overrides);
  return harness;
}

/** Asks through the gateway; returns the deferral and the final message body. */
async function askInDiscord(h: Harness, question: string, extra: { private?: boolean; who?: ReturnType<typeof person> } = {}) {
  const payload = slashCommand(
    'ask',
    { question, ...(extra.private === undefined ? {} : { private: extra.private }) },
    extra.who === undefined ? {} : { who: extra.who },
  );
  const callback = await h.send(payload);
  const edit = await h.edited(payload);
  return { payload, callback: callback.body, message: edit.body, shown: edit.response as Record<string, unknown> };
}

describe('GIVEN the bot connected to the gateway', () => {
  it('THEN it identified with the Guilds, GuildMessages and DirectMessages intents only (none privileged), over JSON without compression', async () => {
    const h = await start();
    expect(h.gateway.identifies).toHaveLength(1);
    expect(h.gateway.identifies[0].intents).toBe(1 | 512 | 4096); // Guilds, GuildMessages (replies to answers), DirectMessages
    expect(h.gateway.identifies[0].compress).toBe(false);
    const query = h.gateway.connectionQueries[0]!;
    expect(query.get('v')).toBe('10');
    expect(query.get('encoding')).toBe('json');
    expect(query.has('compress')).toBe(false);
  });
});

describe('GIVEN /ask with a question the articles answer', () => {
  it('THEN it defers within the deadline and edits in an embed with the sentence, its source and no pings', async () => {
    const h = await start();
    const expected = await archivist.ask(VISAS, { top: 4 });
    const { callback, message } = await askInDiscord(h, VISAS);

    expect(callback).toEqual({ type: 5, data: { flags: 0 } });
    const [embed] = message.embeds;
    expect(message.embeds).toHaveLength(1);
    // The sentence, with the phrase that answers "how many" in bold.
    expect(embed.description).toBe(expected.answer!.text.replace('20,000', '**20,000**'));
    const source = embed.fields.find((field: { name: string }) => field.name === 'Source');
    expect(source.value).toContain('US, Cuba agree to resume migration talks');
    expect(source.value).toContain('The Independent');
    expect(source.value).toContain(expected.answer!.source.file!);
    expect(embed.fields.some((field: { name: string }) => field.name === 'Confidence')).toBe(true);
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const buttons = message.components[0].components.map((button: { custom_id: string }) => button.custom_id);
    expect(buttons).toEqual(['ask:more', 'ask:vote:up', 'ask:vote:down']);
  });

  it('WITH private:true THEN the deferral (and so the answer) is ephemeral', async () => {
    const h = await start();
    const { callback, message } = await askInDiscord(h, VISAS, { private: true });
    expect(callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(message.embeds[0].description).toContain('20,000');
  });

  it('WHEN someone clicks "More answers" THEN the alternatives go to the clicker only', async () => {
    const h = await start();
    const expected = await archivist.ask(VISAS, { top: 4 });
    const { shown } = await askInDiscord(h, VISAS);

    const click = buttonClick('ask:more', shown);
    const callback = await h.send(click);

    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.allowed_mentions.parse).toEqual([]);
    const description: string = callback.body.data.embeds[0].description;
    expect(expected.alternatives.length).toBeGreaterThan(0);
    for (const alternative of expected.alternatives) expect(description).toContain(alternative.text.slice(0, 60));
  });

  it('WHEN "More answers" is clicked after a restart THEN the question is asked again, still ephemerally', async () => {
    const h = await start();
    const expected = await archivist.ask(VISAS, { top: 4 });
    const { message } = await askInDiscord(h, VISAS);
    // A message the bot posted before it restarted: it has no memory of it.
    const click = buttonClick('ask:more', messageFrom(message));
    const callback = await h.send(click);
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await h.edited(click);
    expect(edit.body.embeds[0].description).toContain(expected.alternatives[0]!.text.slice(0, 60));
  });

  it('WHEN someone clicks 👍 THEN the vote is logged with the answer and the clicker is thanked privately', async () => {
    const h = await start();
    const expected = await archivist.ask(VISAS, { top: 4 });
    const { shown } = await askInDiscord(h, VISAS);
    const voter = person('voter');
    const click = buttonClick('ask:vote:up', shown, { who: voter });
    const callback = await h.send(click);

    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    const vote = h.logger.records.find((record) => record.message === 'discord answer feedback');
    expect(vote?.fields).toMatchObject({
      vote: 'up',
      userId: voter.id,
      interactionId: click.id,
      paragraphId: expected.answer!.source.paragraphId,
    });
  });
});

describe('GIVEN /ask with awkward input', () => {
  it('WHEN the question holds @everyone and a role mention THEN nothing can ping', async () => {
    const h = await start();
    const { message } = await askInDiscord(h, '@everyone @here <@&1100000000000000009> Who is Marie Harf?');
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(message.content).toBe('');
    expect(message.embeds[0].description).toContain('Harf');
  });

  it('WHEN the question is 5,000 characters long THEN it is politely refused within the limits', async () => {
    const h = await start();
    const { callback, message } = await askInDiscord(h, 'Why '.repeat(1250));
    expect(callback.type).toBe(5);
    expect(message.content).toMatch(/too long/);
    expect(message.content).toContain(MAX_QUESTION_LENGTH.toLocaleString('en-US'));
    expect(message.content.length).toBeLessThanOrEqual(2000);
    expect(message.embeds).toEqual([]);
    expect(message.components).toEqual([]);
    expect(message.allowed_mentions.parse).toEqual([]);
  });

  it('WHEN the articles do not answer THEN it says plainly that it does not know', async () => {
    const h = await start();
    const { message } = await askInDiscord(h, 'What is the recipe for lemon cake?');
    expect(message.content).toBe('Nothing in the archive answers that.');
    expect(message.embeds).toEqual([]);
  });

  it('WHEN no answer is confident THEN the closest passages are listed with their answer phrase in bold and their source, and "More answers" shows the others', async () => {
    const h = await start();
    const question = 'where was the North Korean ship going?';
    const expected = await archivist.ask(question, { top: 4 });
    const { message, shown } = await askInDiscord(h, question);
    const description: string = message.embeds[0].description;
    expect(description).toMatch(/^Not sure — the closest passages:\n\*\*1\.\*\* .*bound for North Korea/);
    expect(description).toContain('**Panama**');
    expect(description).toContain('Cuba-US Migration Talks Held Despite NK Boat Seizure');
    const buttons = message.components[0].components.map((button: { custom_id: string }) => button.custom_id);
    expect(buttons).toContain('ask:more');
    const callback = await h.send(buttonClick('ask:more', shown));
    const more: string = callback.body.data.embeds[0].description;
    expect(expected.alternatives.length).toBeGreaterThan(0);
    expect(more).toContain(`**${expected.suggestions!.length + 1}.** ${expected.alternatives[0]!.text.slice(0, 40)}`);
  });

  it('WHEN one person asks twice within the cooldown THEN the second gets an ephemeral note, others are not slowed', async () => {
    const h = await start({ cooldownSeconds: 60 });
    const asker = person('eager');
    await askInDiscord(h, VISAS, { who: asker });

    const again = slashCommand('ask', { question: VISAS }, { who: asker });
    const refused = await h.send(again);
    expect(refused.body.type).toBe(4);
    expect(refused.body.data.flags).toBe(EPHEMERAL);
    expect(refused.body.data.content).toMatch(/wait \d+ seconds?/);

    const other = await askInDiscord(h, VISAS);
    expect(other.callback.type).toBe(5);
  });
});

describe('GIVEN /sources and /help', () => {
  it('/sources THEN lists every article with publisher, date and paragraphs, to the asker only', async () => {
    const h = await start();
    const callback = await h.send(slashCommand('sources'));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    const description: string = callback.body.data.embeds[0].description;
    for (const article of archivist.sources()) {
      expect(description).toContain(article.title!);
      expect(description).toContain(`${article.paragraphs} paragraphs`);
    }
    expect(description).toContain('BBC · 2009-07-15');
    expect(callback.body.data.allowed_mentions.parse).toEqual([]);
  });

  it('a page button THEN updates the list in place', async () => {
    const h = await start();
    const click = buttonClick('sources:page:0:prev', messageFrom({ content: '' }));
    const callback = await h.send(click);
    expect(callback.body.type).toBe(7);
    expect(callback.body.data.embeds[0].title).toBe(`Sources: ${archivist.sources().length} articles`);
  });

  it('/help in a DM with the bot THEN explains the commands with example questions', async () => {
    const h = await start();
    const callback = await h.send(slashCommand('help', {}, { inDm: true }));
    expect(callback.body.type).toBe(4);
    const description: string = callback.body.data.embeds[0].description;
    expect(description).toContain('/ask');
    expect(description).toContain('/sources');
    expect(description).toMatch(/Example questions/);
  });

  it('/ask in a DM with the bot THEN answers there too', async () => {
    const h = await start();
    const payload = slashCommand('ask', { question: VISAS }, { inDm: true });
    await h.send(payload);
    const edit = await h.edited(payload);
    expect(edit.body.embeds[0].description).toContain('20,000');
  });
});

describe('GIVEN a failure inside a handler', () => {
  it('THEN the clicker sees an ephemeral "Something went wrong" and the log names the interaction, not the token', async () => {
    const h = await start();
    h.rest.failNext('PATCH', /@original$/, 400, { message: 'Invalid Form Body', code: 50035 });
    const payload = slashCommand('ask', { question: VISAS });
    await h.send(payload);
    const note = await h.followedUp(payload);

    expect(note.body.content).toMatch(/^Something went wrong/);
    expect(note.body.flags).toBe(EPHEMERAL);
    expect(h.rest.requests.some((r) => r.method === 'DELETE' && r.path.includes(payload.token))).toBe(true);
    const failure = h.logger.records.find((record) => record.level === 'error');
    expect(failure?.fields['interactionId']).toBe(payload.id);
    const logged = JSON.stringify(h.logger.records, (_key, value) => (value instanceof Error ? value.message : value));
    expect(logged).not.toContain(h.config.token);
    expect(logged).not.toContain(payload.token);
  });
});

describe('GIVEN a token Discord rejects', () => {
  it('THEN start-up fails with one ConfigError line that never shows the token', async () => {
    const rest = await RestStandIn.start('the-only-good-token');
    const gateway = await GatewayStandIn.start();
    rest.gatewayUrl = gateway.url;
    const badToken = 'rejected-token.xyz.123';
    try {
      const failure = await startDiscord(
        archivist,
        { token: badToken, applicationId: APPLICATION_ID, apiUrl: rest.apiUrl, cooldownSeconds: 0 },
        silentLogger,
      ).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      const message = (failure as ConfigError).message;
      expect(message).toMatch(/DISCORD_TOKEN/);
      expect(message).toMatch(/401/);
      expect(message).not.toContain('\n');
      expect(message).not.toContain(badToken);
      expect(gateway.identifies).toHaveLength(0);
    } finally {
      await Promise.all([rest.close(), gateway.close()]);
    }
  });
});

describe('GIVEN a token the gateway refuses at IDENTIFY (close code 4004)', () => {
  it('THEN start-up fails with the same one-line ConfigError', async () => {
    const rest = await RestStandIn.start();
    const gateway = await GatewayStandIn.start();
    rest.gatewayUrl = gateway.url;
    gateway.closeOnIdentify = 4004;
    try {
      const failure = await startDiscord(
        archivist,
        { token: GOOD_TOKEN, applicationId: APPLICATION_ID, apiUrl: rest.apiUrl, cooldownSeconds: 0 },
        silentLogger,
      ).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).message).toMatch(/^Discord rejected DISCORD_TOKEN/);
      expect(gateway.identifies).toHaveLength(1);
    } finally {
      await Promise.all([rest.close(), gateway.close()]);
    }
  });
});
