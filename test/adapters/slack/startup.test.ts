import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, openArchivist, type Archivist } from '../../../src/index.js';
import { startSlack, type SlackConfig } from '../../../adapters/slack/index.js';
import { createCaptureLogger } from './helpers/captureLogger.js';
import { GOOD_BOT_TOKEN, startSlackStandIn, type SlackStandIn } from './helpers/slackStandIn.js';
import { SIGNING_SECRET } from './helpers/slackRequests.js';

describe('Slack start-up with tokens Slack rejects', () => {
  let archivist: Archivist;
  let standIn: SlackStandIn;
  beforeAll(async () => {
    [archivist, standIn] = await Promise.all([openArchivist({ corpus: 'seeds', indexDir: null }), startSlackStandIn()]);
  });
  afterAll(async () => {
    await Promise.all([standIn.close(), archivist.close()]);
  });

  function config(overrides: Partial<SlackConfig>): SlackConfig {
    return {
      botToken: GOOD_BOT_TOKEN,
      transport: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
      apiUrl: standIn.apiUrl,
      listenChannels: [],
      rateLimitPerMinute: 10,
      ...overrides,
    };
  }

  it('GIVEN a bot token Slack answers with invalid_auth THEN start-up fails with one ConfigError line that does not hold the token', async () => {
    const badToken = 'xoxb-revoked-0000-secret-value';
    const failure = await startSlack(archivist, config({ botToken: badToken }), createCaptureLogger()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    const message = (failure as ConfigError).message;
    expect(message).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
    expect(message).not.toContain(badToken);
    expect(message).not.toContain('\n');
    expect(standIn.callsTo('auth.test').length).toBeGreaterThan(0);
  });

  it('GIVEN an app-level token Slack rejects THEN Socket Mode start-up fails with a ConfigError naming SLACK_APP_TOKEN', async () => {
    const badAppToken = 'xapp-1-A0001-revoked-secret';
    const logs = createCaptureLogger();
    const failure = await startSlack(archivist, config({ transport: { mode: 'socket', appToken: badAppToken } }), logs).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toContain('Slack rejected SLACK_APP_TOKEN (invalid_auth)');
    expect((failure as ConfigError).message).not.toContain(badAppToken);
    expect(logs.dump()).not.toContain(badAppToken);
  });

  it('GIVEN a good token THEN the HTTP receiver starts on the asked port and stops cleanly', async () => {
    const slack = await startSlack(archivist, config({}), createCaptureLogger());
    expect(slack.port).toBeGreaterThan(0);
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});
