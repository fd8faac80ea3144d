import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openArchivist, type Archivist } from '../../../src/index.js';
import { startSlack, type SlackHandle } from '../../../adapters/slack/index.js';
import { createCaptureLogger } from './helpers/captureLogger.js';
import { BOT_USER_ID, GOOD_APP_TOKEN, GOOD_BOT_TOKEN, startSlackStandIn, type SlackStandIn } from './helpers/slackStandIn.js';
import { eventCallback } from './helpers/slackRequests.js';
import { waitFor } from './helpers/waitFor.js';
import { visibleText } from './helpers/harness.js';

describe('Slack Socket Mode', () => {
  let archivist: Archivist;
  let standIn: SlackStandIn;
  let sockets: WebSocketServer;
  let slack: SlackHandle | null = null;
  const connections: WebSocket[] = [];
  const received: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    [archivist, standIn] = await Promise.all([openArchivist({ corpus: 'seeds', indexDir: null }), startSlackStandIn()]);
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
    await Promise.all([standIn.close(), archivist.close()]);
  });

  it('GIVEN an app token THEN start-up opens the socket from apps.connections.open, acks an events_api envelope and answers it', async () => {
    slack = await startSlack(
      archivist,
      {
        botToken: GOOD_BOT_TOKEN,
        transport: { mode: 'socket', appToken: GOOD_APP_TOKEN },
        apiUrl: standIn.apiUrl,
        listenChannels: [],
        rateLimitPerMinute: 10,
      },
      createCaptureLogger(),
    );
    expect(slack.port).toBeNull();
    expect(standIn.callsTo('apps.connections.open')).toHaveLength(1);
    const socket = await waitFor('the socket connection', () => connections[0]);

    const { body, ts } = eventCallback({ type: 'app_mention', channel: 'CSOCKET01', text: `<@${BOT_USER_ID}> Who is Marie Harf?` });
    socket.send(JSON.stringify({ envelope_id: 'env-0001', type: 'events_api', payload: body, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' }));

    const ack = await waitFor('the envelope ack', () => received.find((message) => message.envelope_id === 'env-0001'));
    expect(ack.envelope_id).toBe('env-0001');
    const post = await standIn.waitForCall('chat.postMessage', (c) => c.body.channel === 'CSOCKET01');
    expect(post.body.thread_ts).toBe(ts);
    expect(visibleText(post)).toContain('spokeswoman Marie Harf');
    expect(post.authorization).toBe(`Bearer ${GOOD_BOT_TOKEN}`);
    expect(standIn.callsTo('apps.connections.open')[0]?.authorization).toBe(`Bearer ${GOOD_APP_TOKEN}`);
  });
});
