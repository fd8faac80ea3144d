import { z } from 'zod';
import { ConfigError } from '../../src/index.js';

/** How Slack reaches the bot: a WebSocket the bot opens, or HTTP requests Slack sends. */
export type SlackTransport =
  | {
      mode: 'socket';
      /** App-level token (`xapp-…`) with the `connections:write` scope. */
      appToken: string;
    }
  | {
      mode: 'http';
      /** Verifies that requests come from Slack. */
      signingSecret: string;
      /** Port of the HTTP receiver (`/slack/events`). @default 3000 */
      port: number;
      /** Interface to listen on; all interfaces when absent. */
      host?: string;
    };

/** Everything the Slack adapter needs, validated. Never log it: it holds tokens. */
export interface SlackConfig {
  /** Bot User OAuth Token (`xoxb-…`). */
  botToken: string;
  transport: SlackTransport;
  /** Base URL of the Web API (ends with `/`), or null for Slack's own. @default null */
  apiUrl: string | null;
  /** Channel ids where plain questions get an answer when the core is confident. @default [] */
  listenChannels: string[];
  /** Questions one person may ask per minute; 0 turns the limit off. @default 10 */
  rateLimitPerMinute: number;
}

/** The environment variables the Slack adapter reads (PORT is shared and does not switch Slack on). */
export const SLACK_ENV_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
  'SLACK_LISTEN_CHANNELS',
  'SLACK_RATE_LIMIT_PER_MINUTE',
] as const;

/** Defaults of the optional settings, in one place. */
export const defaultSlackSettings = {
  port: 3000,
  rateLimitPerMinute: 10,
} as const;

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'SLACK_BOT_TOKEN is missing (the Bot User OAuth Token, xoxb-…, from "OAuth & Permissions")' })
    .startsWith('xoxb-', { error: 'SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts with xoxb-' }),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', { error: 'SLACK_APP_TOKEN must be an app-level token, which starts with xapp-' })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  PORT: z.coerce
    .number({ error: 'PORT must be a whole number between 0 and 65535' })
    .int({ error: 'PORT must be a whole number between 0 and 65535' })
    .min(0, { error: 'PORT must be a whole number between 0 and 65535' })
    .max(65535, { error: 'PORT must be a whole number between 0 and 65535' })
    .default(defaultSlackSettings.port),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/' })
    .optional(),
  SLACK_LISTEN_CHANNELS: z.string().optional(),
  SLACK_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'SLACK_RATE_LIMIT_PER_MINUTE must be a whole number (0 turns the limit off)' })
    .int({ error: 'SLACK_RATE_LIMIT_PER_MINUTE must be a whole number (0 turns the limit off)' })
    .min(0, { error: 'SLACK_RATE_LIMIT_PER_MINUTE must be a whole number (0 turns the limit off)' })
    .default(defaultSlackSettings.rateLimitPerMinute),
});

/**
 * Reads the Slack settings from an environment-like record.
 *
 * @returns null when no Slack variable is set (Slack stays off), the validated config otherwise.
 * @throws ConfigError with one line naming what is missing or wrong when Slack is half-configured,
 *   or when PORT is set to something that is not a port (even with Slack off).
 */
export function loadSlackConfig(env: Record<string, string | undefined>): SlackConfig | null {
  const present = presentValues(env);
  if (!SLACK_ENV_VARIABLES.some((name) => present[name] !== undefined)) {
    // PORT alone does not switch Slack on, but a PORT that is not a port is still a mistake to report.
    const port = envSchema.shape.PORT.safeParse(present.PORT);
    if (!port.success) throw new ConfigError(port.error.issues[0]?.message ?? 'PORT must be a whole number between 0 and 65535');
    return null;
  }

  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Slack: ${issue?.message ?? 'invalid settings'}`);
  }
  const values = parsed.data;
  const transport = chooseTransport(values);
  return {
    botToken: values.SLACK_BOT_TOKEN,
    transport,
    apiUrl: values.SLACK_API_URL === undefined ? null : withTrailingSlash(values.SLACK_API_URL),
    listenChannels: parseChannelList(values.SLACK_LISTEN_CHANNELS),
    rateLimitPerMinute: values.SLACK_RATE_LIMIT_PER_MINUTE,
  };
}

function chooseTransport(values: z.infer<typeof envSchema>): SlackTransport {
  if (values.SLACK_APP_TOKEN !== undefined) return { mode: 'socket', appToken: values.SLACK_APP_TOKEN };
  if (values.SLACK_SIGNING_SECRET !== undefined) {
    return { mode: 'http', signingSecret: values.SLACK_SIGNING_SECRET, port: values.PORT };
  }
  throw new ConfigError(
    'Slack: SLACK_BOT_TOKEN is set but SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) is missing; set one of them',
  );
}

/** Trims values and drops empty ones, so `SLACK_BOT_TOKEN=` in a copied .env counts as unset. */
function presentValues(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of [...SLACK_ENV_VARIABLES, 'PORT']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

function parseChannelList(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.find((id) => !CHANNEL_ID.test(id));
  if (bad !== undefined) {
    throw new ConfigError(
      `Slack: SLACK_LISTEN_CHANNELS holds "${bad}", which is not a channel id (like C0123456789; copy it from the channel's details)`,
    );
  }
  return [...new Set(ids)];
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
