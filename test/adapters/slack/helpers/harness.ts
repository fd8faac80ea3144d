import { openArchivist, type Archivist, type LinkDesk } from '../../../../src/index.js';
import { startSlack, type SlackConfig, type SlackHandle } from '../../../../adapters/slack/index.js';
import { createCaptureLogger, type CaptureLogger } from './captureLogger.js';
import { GOOD_BOT_TOKEN, startSlackStandIn, type RecordedCall, type SlackStandIn } from './slackStandIn.js';
import { SIGNING_SECRET, eventCallback, postToSlackEndpoint, type SlackEventFields } from './slackRequests.js';

/** A channel the test app listens in. */
export const LISTEN_CHANNEL = 'CLISTEN01';

/** The real Bolt app over HTTP, a real core over seeds/, and a Slack stand-in. */
export interface HttpHarness {
  archivist: Archivist;
  slack: SlackHandle;
  port: number;
  standIn: SlackStandIn;
  logs: CaptureLogger;
  /** Sends one signed event; resolves with the HTTP status once Slack would see the ack. */
  sendEvent(fields: SlackEventFields, options?: { eventId?: string; retryNum?: number }): Promise<{ status: number; eventId: string; ts: string }>;
  /** Waits for the bot's chat.postMessage into `channel` (and thread, when given). */
  waitForPost(channel: string, threadTs?: string): Promise<RecordedCall>;
  close(): Promise<void>;
}

/** Starts everything on 127.0.0.1; `rateLimitPerMinute` defaults high so tests do not trip it. */
export async function startHttpHarness(overrides: Partial<Pick<SlackConfig, 'rateLimitPerMinute'>> & { desk?: LinkDesk } = {}): Promise<HttpHarness> {
  const [archivist, standIn] = await Promise.all([openArchivist({ corpus: 'seeds', indexDir: null }), startSlackStandIn()]);
  const logs = createCaptureLogger();
  const config: SlackConfig = {
    botToken: GOOD_BOT_TOKEN,
    transport: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
    apiUrl: standIn.apiUrl,
    listenChannels: [LISTEN_CHANNEL],
    rateLimitPerMinute: overrides.rateLimitPerMinute ?? 100,
  };
  const slack = await startSlack(archivist, config, logs, overrides.desk);
  const port = slack.port ?? 0;
  return {
    archivist,
    slack,
    port,
    standIn,
    logs,
    async sendEvent(fields, options = {}) {
      const { body, eventId, ts } = eventCallback(fields, options.eventId);
      const headers: Record<string, string> = options.retryNum === undefined ? {} : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' };
      const { status } = await postToSlackEndpoint(port, JSON.stringify(body), { contentType: 'application/json', headers });
      return { status, eventId, ts };
    },
    waitForPost(channel, threadTs) {
      return standIn.waitForCall('chat.postMessage', (call) => call.body.channel === channel && (threadTs === undefined || call.body.thread_ts === threadTs));
    },
    async close() {
      await slack.stop();
      await Promise.all([standIn.close(), archivist.close()]);
    },
  };
}

/** All the text a person could see in a recorded message: the fallback text and every text in its blocks. */
export function visibleText(call: RecordedCall): string {
  const texts: string[] = [String(call.body.text ?? '')];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else if (key !== 'value') collect(value);
      }
    }
  };
  collect(call.body.blocks ?? []);
  return texts.join('\n');
}
