/**
 * loadDiscordConfig: off when nothing is set, one clear line when half-configured.
 */
import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../../adapters/discord/index.js';
import { ConfigError } from '../../../src/index.js';

const TOKEN = 'MTIz.abc.def';
const APP = '1100000000000000001';

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadDiscordConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDiscordConfig', () => {
  it('GIVEN no Discord variable (or only empty ones) THEN Discord is off (null)', () => {
    expect(loadDiscordConfig({})).toBeNull();
    expect(loadDiscordConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '  ', SLACK_BOT_TOKEN: 'x' })).toBeNull();
  });

  it('GIVEN token and application id THEN a config with the default cooldown', () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP })).toEqual({
      token: TOKEN,
      applicationId: APP,
      cooldownSeconds: 5,
    });
  });

  it('GIVEN every variable THEN all are read, a "Bot " prefix and a trailing slash dropped', () => {
    const config = loadDiscordConfig({
      DISCORD_TOKEN: `Bot ${TOKEN}`,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_GUILD_ID: '1100000000000000002',
      DISCORD_API_URL: 'http://127.0.0.1:4000/api/',
      DISCORD_COOLDOWN_SECONDS: '0',
    });
    expect(config).toEqual({
      token: TOKEN,
      applicationId: APP,
      guildId: '1100000000000000002',
      apiUrl: 'http://127.0.0.1:4000/api',
      cooldownSeconds: 0,
    });
  });

  it('GIVEN only the token THEN one line names the missing application id', () => {
    const error = failure({ DISCORD_TOKEN: TOKEN });
    expect(error.message).toMatch(/DISCORD_APPLICATION_ID is missing/);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(TOKEN);
  });

  it('GIVEN only the guild id THEN one line names both missing variables', () => {
    const error = failure({ DISCORD_GUILD_ID: '1100000000000000002' });
    expect(error.message).toMatch(/DISCORD_TOKEN is missing; DISCORD_APPLICATION_ID is missing/);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    [{ DISCORD_APPLICATION_ID: 'my-app' }, /DISCORD_APPLICATION_ID must be a Discord id/],
    [{ DISCORD_API_URL: 'discord.com' }, /DISCORD_API_URL must be an http\(s\) URL/],
    [{ DISCORD_COOLDOWN_SECONDS: 'soon' }, /DISCORD_COOLDOWN_SECONDS must be a number/],
    [{ DISCORD_COOLDOWN_SECONDS: '-3' }, /DISCORD_COOLDOWN_SECONDS must be 0 or more/],
  ])('GIVEN %o THEN one line says what is wrong', (bad, pattern) => {
    const error = failure({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, ...bad });
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(TOKEN);
  });
});
