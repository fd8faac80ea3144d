import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-5f1e';
export const TEAM_ID = 'T0001';

let counter = 0;
/** A fresh, increasing id suffix so tests never share an event id or a ts. */
export function nextId(): string {
  counter += 1;
  return `${Date.now() % 100000}${String(counter).padStart(4, '0')}`;
}

/** Signs a raw body the way Slack does (`v0=` HMAC-SHA256 of `v0:ts:body`). */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Options of {@link postToSlackEndpoint}. */
export interface PostOptions {
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs a signed request to the app's `/slack/events`, as Slack would. */
export async function postToSlackEndpoint(port: number, rawBody: string, options: PostOptions): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, rawBody),
      ...options.headers,
    },
    body: rawBody,
  });
  return { status: response.status, text: await response.text() };
}

/** The inner event of an Events API callback. */
export interface SlackEventFields {
  type: 'app_mention' | 'message';
  text: string;
  channel: string;
  user?: string;
  ts?: string;
  thread_ts?: string;
  channel_type?: 'channel' | 'group' | 'im';
  bot_id?: string;
  subtype?: string;
}

/** An `event_callback` envelope around one event; returns the body and its ids. */
export function eventCallback(fields: SlackEventFields, eventId = `Ev${nextId()}`): { body: Record<string, unknown>; eventId: string; ts: string } {
  const ts = fields.ts ?? `1700000000.${nextId()}`;
  const event = { user: 'U0000ASK', ...fields, ts, event_ts: ts };
  const body = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
  };
  return { body, eventId, ts };
}

/** The form body of a `/ask` slash command. */
export function slashCommandForm(fields: { text: string; user: string; channel: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'newsroom',
    channel_id: fields.channel,
    channel_name: 'newsdesk',
    user_id: fields.user,
    user_name: 'reporter',
    command: '/ask',
    text: fields.text,
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: `trigger.${nextId()}`,
  }).toString();
}

/** The form body of a button click (`block_actions`). */
export function buttonClickForm(fields: {
  actionId: string;
  value: string;
  user: string;
  channel: string;
  responseUrl: string;
  ephemeral?: boolean;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: fields.user, username: 'reporter', name: 'reporter', team_id: TEAM_ID },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: fields.channel, is_ephemeral: fields.ephemeral ?? true },
    trigger_id: `trigger.${nextId()}`,
    team: { id: TEAM_ID, domain: 'newsroom' },
    channel: { id: fields.channel, name: 'newsdesk' },
    response_url: fields.responseUrl,
    actions: [
      {
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: fields.value,
        type: 'button',
        action_ts: `1700000001.${nextId()}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
