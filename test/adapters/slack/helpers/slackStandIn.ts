import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './waitFor.js';

/** The bot token the stand-in accepts; any other gets `invalid_auth`. */
export const GOOD_BOT_TOKEN = 'xoxb-fakegood';
/** The app-level token the stand-in accepts for `apps.connections.open`. */
export const GOOD_APP_TOKEN = 'xapp-1-fakeapp';
export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';

/** One request the stand-in received: a Web API method or a `response_url` post. */
export interface RecordedCall {
  /** `chat.postMessage`, `auth.test`… or `respond` for posts to a response_url. */
  method: string;
  /** For `respond`: the id at the end of the response_url. */
  responseId?: string;
  /** Parsed body; Web API fields holding JSON (blocks) are parsed too. */
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A local stand-in for slack.com on 127.0.0.1: answers the Web API methods the adapter
 * calls, takes posts to response_urls, and records everything.
 */
export interface SlackStandIn {
  /** Base for `SLACK_API_URL` (`http://127.0.0.1:port/api/`). */
  apiUrl: string;
  calls: RecordedCall[];
  /** A response_url that lands here, recorded as method `respond` with this id. */
  responseUrl(id: string): string;
  /** The WebSocket URL `apps.connections.open` hands out. */
  socketUrl: string | null;
  /** Makes the next call to `method` fail with Slack error `error`. */
  failNext(method: string, error: string): void;
  callsTo(method: string, where?: (call: RecordedCall) => boolean): RecordedCall[];
  /** Waits until a call to `method` matching `where` has been recorded. */
  waitForCall(method: string, where?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

/** Starts a stand-in on a free port of 127.0.0.1. */
export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, string>();
  let posted = 0;
  const standIn: SlackStandIn = {
    apiUrl: '',
    calls,
    socketUrl: null,
    responseUrl: (id) => `${standIn.apiUrl.replace(/api\/$/, '')}respond/${id}`,
    failNext: (method, error) => void failures.set(method, error),
    callsTo: (method, where = () => true) => calls.filter((call) => call.method === method && where(call)),
    waitForCall: (method, where = () => true, timeoutMs = 3000) =>
      waitFor(`a ${method} call`, () => calls.find((call) => call.method === method && where(call)), timeoutMs),
    close: () => closeServer(server),
  };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = parseBody(req.headers['content-type'], await readBody(req));
    const authorization = req.headers.authorization;
    if (path.startsWith('/respond/')) {
      calls.push({ method: 'respond', responseId: path.slice('/respond/'.length), body, authorization });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    calls.push({ method, body, authorization });
    const failure = failures.get(method);
    failures.delete(method);
    const reply = failure !== undefined ? { ok: false, error: failure } : answer(method, authorization, (posted += 1));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  });

  function answer(method: string, authorization: string | undefined, n: number): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return authorization === `Bearer ${GOOD_BOT_TOKEN}`
          ? { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: 'T0001', user: 'archivist', team: 'Newsroom' }
          : { ok: false, error: 'invalid_auth' };
      case 'apps.connections.open':
        return authorization === `Bearer ${GOOD_APP_TOKEN}` && standIn.socketUrl !== null
          ? { ok: true, url: standIn.socketUrl }
          : { ok: false, error: 'invalid_auth' };
      case 'chat.postMessage':
        return { ok: true, channel: 'C', ts: `1800000000.${String(n).padStart(6, '0')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1800000000.${String(n).padStart(6, '0')}` };
      default:
        return { ok: true };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return standIn;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json') === true) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
