import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/index.js';
import { loadSlackConfig } from '../../../adapters/slack/index.js';

const BOT = 'xoxb-fakebot';
const APP = 'xapp-1-fakeapp2';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSlackConfig', () => {
  it('GIVEN no Slack variable (or only empty ones, or only PORT) THEN Slack stays off', () => {
    expect(loadSlackConfig({})).toBeNull();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '8080', HOME: '/root' })).toBeNull();
  });

  it('GIVEN a bot token and an app token THEN Socket Mode is chosen with the defaults', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: 'also-set' })).toEqual({
      botToken: BOT,
      transport: { mode: 'socket', appToken: APP },
      apiUrl: null,
      listenChannels: [],
      rateLimitPerMinute: 10,
    });
  });

  it('GIVEN a bot token and a signing secret THEN the HTTP receiver is chosen on PORT (3000 by default)', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'shh' })?.transport).toEqual({ mode: 'http', signingSecret: 'shh', port: 3000 });
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'shh', PORT: '8080' })?.transport).toMatchObject({ port: 8080 });
  });

  it('GIVEN the optional settings THEN they are parsed', () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_LISTEN_CHANNELS: ' C0123ABC, G0456DEF ,,C0123ABC',
      SLACK_RATE_LIMIT_PER_MINUTE: '3',
    });
    expect(config).toMatchObject({ apiUrl: 'http://127.0.0.1:9999/api/', listenChannels: ['C0123ABC', 'G0456DEF'], rateLimitPerMinute: 3 });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: BOT }, /SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP\) is missing/],
    [{ SLACK_APP_TOKEN: APP }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_SIGNING_SECRET: 'shh' }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_LISTEN_CHANNELS: 'C0123ABC' }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT }, /SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts with xoxb-/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT }, /SLACK_APP_TOKEN must be an app-level token, which starts with xapp-/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'shh', PORT: 'eighty' }, /PORT must be a whole number/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'slack.com/api' }, /SLACK_API_URL must be an http\(s\) URL/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_LISTEN_CHANNELS: 'C0123ABC,#general' }, /SLACK_LISTEN_CHANNELS holds "#general"/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_RATE_LIMIT_PER_MINUTE: '-1' }, /SLACK_RATE_LIMIT_PER_MINUTE must be a whole number/],
  ])('GIVEN half or wrong settings %j THEN one ConfigError line names what to fix, without secrets', (env, expected) => {
    const error = configError(env);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('secret');
  });
});
