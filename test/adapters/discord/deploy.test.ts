/**
 * `npm run discord:deploy`: the PUT of the command definitions, guild and global routes,
 * and one clear line when the configuration or the token is wrong.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployCommands, runDeploy } from '../../../adapters/discord/deploy.js';
import { MAX_QUESTION_LENGTH } from '../../../src/index.js';
import { APPLICATION_ID, GOOD_TOKEN, GUILD_ID, RestStandIn } from './standins.js';

let rest: RestStandIn;
beforeEach(async () => {
  rest = await RestStandIn.start();
});
afterEach(() => rest.close());

function collectOutput() {
  const lines: { stream: 'info' | 'error'; line: string }[] = [];
  return {
    lines,
    info: (line: string) => lines.push({ stream: 'info', line }),
    error: (line: string) => lines.push({ stream: 'error', line }),
  };
}

describe('GIVEN DISCORD_GUILD_ID is set', () => {
  it('THEN the commands are PUT to that server, with their options and contexts', async () => {
    const result = await deployCommands({ token: GOOD_TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: rest.apiUrl });

    const put = await rest.waitFor('PUT', /commands$/);
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${GOOD_TOKEN}`);
    expect(put.body.map((command: { name: string }) => command.name)).toEqual(['ask', 'sources', 'add', 'help']);
    expect(put.body[2].options).toEqual([expect.objectContaining({ name: 'url', type: 3, required: true })]);
    const ask = put.body[0];
    expect(ask.type ?? 1).toBe(1);
    expect(ask.contexts).toEqual([0, 1]); // servers and DMs with the bot
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, max_length: MAX_QUESTION_LENGTH }),
      expect.objectContaining({ name: 'private', type: 5 }),
    ]);
    for (const command of put.body) expect(command.description.length).toBeLessThanOrEqual(100);
    expect(result).toEqual({ scope: 'guild', route: put.path, commands: ['ask', 'sources', 'add', 'help'] });
  });
});

describe('GIVEN no DISCORD_GUILD_ID', () => {
  it('THEN runDeploy PUTs them globally and reports one line', async () => {
    const output = collectOutput();
    const code = await runDeploy(
      { DISCORD_TOKEN: GOOD_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: rest.apiUrl },
      output,
    );
    expect(code).toBe(0);
    const put = await rest.waitFor('PUT', /commands$/);
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/commands`);
    expect(put.body).toHaveLength(4);
    expect(output.lines).toEqual([{ stream: 'info', line: expect.stringMatching(/^Registered \/ask, \/sources, \/add, \/help globally/) }]);
  });
});

describe('GIVEN a bad configuration', () => {
  it('WHEN DISCORD_APPLICATION_ID is missing THEN one line names it and the exit code is 1', async () => {
    const output = collectOutput();
    const code = await runDeploy({ DISCORD_TOKEN: GOOD_TOKEN, DISCORD_API_URL: rest.apiUrl }, output);
    expect(code).toBe(1);
    expect(output.lines).toHaveLength(1);
    expect(output.lines[0]).toEqual({ stream: 'error', line: expect.stringContaining('DISCORD_APPLICATION_ID is missing') });
    expect(rest.requests).toEqual([]);
  });

  it('WHEN nothing is set THEN one line says what to set', async () => {
    const output = collectOutput();
    expect(await runDeploy({}, output)).toBe(1);
    expect(output.lines).toEqual([{ stream: 'error', line: expect.stringMatching(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/) }]);
  });

  it('WHEN Discord rejects the token THEN one line says so, without the token', async () => {
    const output = collectOutput();
    const badToken = 'not-the-token.abc.def';
    const code = await runDeploy(
      { DISCORD_TOKEN: badToken, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: rest.apiUrl },
      output,
    );
    expect(code).toBe(1);
    expect(output.lines).toHaveLength(1);
    expect(output.lines[0]!.line).toMatch(/rejected DISCORD_TOKEN \(401/);
    expect(output.lines[0]!.line).not.toContain(badToken);
    expect(output.lines[0]!.line).not.toContain('\n');
  });

  it('WHEN Discord refuses the commands (403) THEN one line says which ids to check', async () => {
    rest.failNext('PUT', /commands$/, 403, { message: 'Missing Access', code: 50001 });
    const output = collectOutput();
    const code = await runDeploy(
      { DISCORD_TOKEN: GOOD_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: rest.apiUrl },
      output,
    );
    expect(code).toBe(1);
    expect(output.lines).toEqual([{ stream: 'error', line: expect.stringMatching(/403 Missing Access.*DISCORD_GUILD_ID/) }]);
  });
});
