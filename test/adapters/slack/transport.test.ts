import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ConfigError, openArchivist, type Archivist } from '../../../src/index.js';
import { startSlack, type SlackConfig, type SlackHandle } from '../../../adapters/slack/index.js';
import { createCaptureLogger } from './helpers/captureLogger.js';
import { BOT_USER_ID, GOOD_APP_TOKEN, GOOD_BOT_TOKEN, startSlackStandIn, type SlackStandIn } from './helpers/slackStandIn.js';
import { SIGNING_SECRET, eventCallback } from './helpers/slackRequests.js';
import { waitFor } from './helpers/waitFor.js';
import { visibleText } from './helpers/harness.js';

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

describe('Slack start-up', () => {
  it('GIVEN a bot token Slack answers with invalid_auth THEN start-up fails with one ConfigError line that does not hold the token', async () => {
    const badToken = 'xoxb-revoked1';
    const failure = await startSlack(archivist, config({ botToken: badToken }), createCaptureLogger()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    const message = (failure as ConfigError).message;
    expect(message).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
    expect(message).not.toContain(badToken);
    expect(message).not.toContain('\n');
    expect(standIn.callsTo('auth.test', (c) => c.authorization === `Bearer ${badToken}`)).toHaveLength(1);
  });

  it('GIVEN an app-level token Slack rejects THEN Socket Mode start-up fails with a ConfigError naming SLACK_APP_TOKEN', async () => {
    const badAppToken = 'xapp-1-revoked1';
    const logs = createCaptureLogger();
    const failure = await startSlack(archivist, config({ transport: { mode: 'socket', appToken: badAppToken } }), logs).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toContain('Slack rejected SLACK_APP_TOKEN (invalid_auth)');
    expect((failure as ConfigError).message).not.toContain(badAppToken);
    expect(logs.dump()).not.toContain(badAppToken);
  });

  it('GIVEN a good token THEN the HTTP receiver starts on the asked port, a second one on that port fails with one line, and it stops cleanly', async () => {
    const slack = await startSlack(archivist, config({}), createCaptureLogger());
    expect(slack.port).toBeGreaterThan(0);
    const busy = config({ transport: { mode: 'http', signingSecret: SIGNING_SECRET, port: slack.port ?? 0, host: '127.0.0.1' } });
    await expect(startSlack(archivist, busy, createCaptureLogger())).rejects.toThrow(`Slack: PORT ${slack.port} is already in use`);
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});

describe('Slack Socket Mode', () => {
  let sockets: WebSocketServer;
  let slack: SlackHandle | null = null;
  const connections: WebSocket[] = [];
  const received: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => sockets.once('listening', () => resolve()));
    sockets.on('connection', (socket) => {
      connections.push(socket);
      socket.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } }));
    });
    standIn.socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;
  });

  afterAll(async () => {
    await slack?.stop();
    for (const socket of connections) socket.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  });

  it('GIVEN an app token THEN start-up opens the socket from apps.connections.open, acks an events_api envelope and answers it', async () => {
    slack = await startSlack(archivist, config({ transport: { mode: 'socket', appToken: GOOD_APP_TOKEN } }), createCaptureLogger());
    expect(slack.port).toBeNull();
    expect(standIn.callsTo('apps.connections.open', (c) => c.authorization === `Bearer ${GOOD_APP_TOKEN}`)).toHaveLength(1);
    const socket = await waitFor('the socket connection', () => connections[0]);

    const { body, ts } = eventCallback({ type: 'app_mention', channel: 'CSOCKET01', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    const envelope = { envelope_id: 'env-0001', type: 'events_api', payload: body, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' };
    socket.send(JSON.stringify(envelope));

    const ack = await waitFor('the envelope ack', () => received.find((message) => message.envelope_id === 'env-0001'));
    expect(ack.envelope_id).toBe('env-0001');
    const post = await standIn.waitForCall('chat.postMessage', (c) => c.body.channel === 'CSOCKET01');
    expect(post.body.thread_ts).toBe(ts);
    expect(visibleText(post)).toContain('spokeswoman Marie Harf');
    expect(post.authorization).toBe(`Bearer ${GOOD_BOT_TOKEN}`);
  });
});
