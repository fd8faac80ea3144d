/**
 * Local stand-ins for Discord's far end, on 127.0.0.1: a REST API that records what the bot
 * sends, and a gateway that speaks the handshake and dispatches interactions.
 * See ../../../../shared/TESTING-ADAPTERS.md.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const APPLICATION_ID = '1100000000000000001';
export const GUILD_ID = '1100000000000000002';
export const CHANNEL_ID = '1100000000000000003';
export const BOT_USER_ID = APPLICATION_ID;
export const GOOD_TOKEN = 'test-bot-token.abc.def';

/** One request the REST stand-in received. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
  /** What the stand-in answered (e.g. the message object for a webhook PATCH). */
  response?: any;
}

interface PlannedFailure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

let nextId = 1200000000000000000n;
/** A fresh snowflake-shaped id. */
export function snowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

/**
 * Polls `read` until it returns a value, for at most `timeoutMs` (no fixed sleeps).
 */
export async function waitUntil<T>(read: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The REST stand-in: `GET /gateway/bot`, interaction callbacks, webhooks, command PUTs. */
export class RestStandIn {
  readonly requests: RecordedRequest[] = [];
  /** Where `GET /gateway/bot` sends the bot. */
  gatewayUrl = 'ws://127.0.0.1:9';
  readonly #server: Server;
  readonly #failures: PlannedFailure[] = [];

  private constructor(server: Server, readonly acceptedToken: string) {
    this.#server = server;
  }

  /** Starts the stand-in on a free port; only `acceptedToken` passes `Authorization`. */
  static async start(acceptedToken = GOOD_TOKEN): Promise<RestStandIn> {
    const server = createServer();
    const standIn = new RestStandIn(server, acceptedToken);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const raw = Buffer.concat(chunks).toString('utf8');
        const recorded: RecordedRequest = {
          method: request.method ?? 'GET',
          path: decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, '')),
          query: url.searchParams,
          headers: request.headers,
          body: raw && request.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw,
        };
        standIn.requests.push(recorded);
        const [status, body] = standIn.#answer(recorded);
        recorded.response = body;
        response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  /** The `api` option for discord.js (`http://127.0.0.1:PORT/api`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`;
  }

  /** Makes the next request matching `method` and `path` fail with `status`. */
  failNext(method: string, path: RegExp, status: number, body: unknown): void {
    this.#failures.push({ method, path, status, body });
  }

  /** Waits for a request matching `method` and `path` (and `test`, if given). */
  waitFor(method: string, path: RegExp, test: (request: RecordedRequest) => boolean = () => true): Promise<RecordedRequest> {
    return waitUntil(
      () => this.requests.find((r) => r.method === method && path.test(r.path) && test(r)),
      `${method} ${path}`,
    );
  }

  /** Requests whose path contains `fragment` (e.g. an interaction token). */
  requestsFor(fragment: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(fragment));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(request: RecordedRequest): [number, unknown] {
    const failure = this.#failures.findIndex((f) => f.method === request.method && f.path.test(request.path));
    if (failure >= 0) {
      const [planned] = this.#failures.splice(failure, 1);
      return [planned!.status, planned!.body];
    }
    const needsAuth = request.path === '/gateway/bot' || request.path.endsWith('/commands');
    if (needsAuth && request.headers.authorization !== `Bot ${this.acceptedToken}`) {
      return [401, { message: '401: Unauthorized', code: 0 }];
    }
    const { method, path } = request;
    if (method === 'GET' && path === '/gateway/bot') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204, undefined];
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return [200, messageFrom(request.body)];
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return [200, messageFrom(request.body)];
    if (method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) return [200, { ...messageFrom(request.body), type: 19, channel_id: path.split('/')[2], webhook_id: undefined }];
    if (method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return [204, undefined];
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = request.body as Record<string, unknown>[];
      return [200, commands.map((command) => ({ ...command, id: snowflake(), application_id: APPLICATION_ID, version: snowflake() }))];
    }
    return [404, { message: `Unknown route ${method} ${path}`, code: 0 }];
  }
}

/** The message Discord would return for a webhook message body. */
export function messageFrom(body: Record<string, any>): Record<string, unknown> {
  return {
    id: snowflake(),
    type: 20,
    channel_id: CHANNEL_ID,
    author: { id: BOT_USER_ID, username: 'Archivist', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: body['content'] ?? '',
    embeds: body['embeds'] ?? [],
    components: body['components'] ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: body['flags'] ?? 0,
    webhook_id: APPLICATION_ID,
    application_id: APPLICATION_ID,
  };
}

/** The gateway stand-in: HELLO, IDENTIFY → READY, heartbeat ACKs, then dispatches. */
export class GatewayStandIn {
  /** Every IDENTIFY payload's `d`. */
  readonly identifies: any[] = [];
  /** The query string of each connection (`v=10&encoding=json`). */
  readonly connectionQueries: URLSearchParams[] = [];
  /** When set, IDENTIFY is answered by closing with this code (4004: authentication failed). */
  closeOnIdentify: number | null = null;
  readonly #server: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  #sequence = 0;

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on('connection', (socket, request) => {
      this.#sockets.add(socket);
      this.connectionQueries.push(new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('message', (data) => this.#onMessage(socket, JSON.parse(data.toString())));
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    });
  }

  static async start(): Promise<GatewayStandIn> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new GatewayStandIn(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Sends a dispatch (op 0) to every connected bot. */
  dispatch(type: string, data: unknown): void {
    this.#sequence += 1;
    const frame = JSON.stringify({ op: 0, t: type, s: this.#sequence, d: data });
    for (const socket of this.#sockets) socket.send(frame);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #onMessage(socket: WebSocket, frame: { op: number; d: any }): void {
    if (frame.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
    if (frame.op === 2) {
      this.identifies.push(frame.d);
      if (this.closeOnIdentify !== null) {
        socket.close(this.closeOnIdentify, 'Authentication failed.');
        return;
      }
      this.#sequence += 1;
      const ready = {
        v: 10,
        user: { id: BOT_USER_ID, username: 'Archivist', discriminator: '0', global_name: null, avatar: null, bot: true },
        session_id: 'stand-in-session',
        resume_gateway_url: this.url,
        application: { id: APPLICATION_ID, flags: 0 },
        guilds: [],
        shard: [0, 1],
      };
      socket.send(JSON.stringify({ op: 0, t: 'READY', s: this.#sequence, d: ready }));
    }
  }
}
