/**
 * The Discord adapter's settings, read once from the environment by the entry point.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/index.js';

/** Validated Discord settings. */
export interface DiscordConfig {
  /** The bot token (Developer Portal → Bot → Token). Never logged. */
  token: string;
  /** The application id (Developer Portal → General Information). */
  applicationId: string;
  /** Deploy commands to this one server only (instant, for development). */
  guildId?: string;
  /** Base of the REST API, e.g. `http://127.0.0.1:PORT/api` for a local stand-in. @default Discord's own API */
  apiUrl?: string;
  /** Seconds a person waits between two `/ask`; `0` turns the cooldown off. @default 5 */
  cooldownSeconds: number;
}

/** The environment variables this adapter reads. */
export const DISCORD_ENV_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_COOLDOWN_SECONDS',
] as const;

/** Default of {@link DiscordConfig.cooldownSeconds}. */
export const DEFAULT_COOLDOWN_SECONDS = 5;

const snowflake = (name: string) =>
  z.string({ error: `${name} is missing` }).regex(/^\d{17,20}$/, `${name} must be a Discord id (17 to 20 digits)`);

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'DISCORD_TOKEN is missing' })
    .transform((token) => token.replace(/^Bot\s+/i, ''))
    .pipe(
      z
        .string()
        .regex(/^\S+$/, 'DISCORD_TOKEN must not contain spaces')
        .refine((token) => !/^(?:xox[abp]|xapp)-/.test(token), 'DISCORD_TOKEN holds a Slack token (xoxb-/xapp-…); copy the bot token from the Discord Developer Portal (Bot → Reset Token)'),
    ),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api' })
    .optional(),
  DISCORD_COOLDOWN_SECONDS: z.coerce
    .number({ error: 'DISCORD_COOLDOWN_SECONDS must be a number of seconds' })
    .int('DISCORD_COOLDOWN_SECONDS must be a whole number of seconds')
    .min(0, 'DISCORD_COOLDOWN_SECONDS must be 0 or more')
    .max(3600, 'DISCORD_COOLDOWN_SECONDS must be at most 3600')
    .optional(),
});

/**
 * Reads and validates the Discord variables.
 *
 * @param env - The environment (usually `process.env`); empty values count as unset.
 * @returns The settings, or `null` when no Discord variable is set (Discord stays off).
 * @throws ConfigError with one line naming what is missing or wrong when Discord is half-configured.
 */
export function loadDiscordConfig(env: Record<string, string | undefined>): DiscordConfig | null {
  const present: Record<string, string> = {};
  for (const name of DISCORD_ENV_VARIABLES) {
    const value = env[name]?.trim();
    if (value) present[name] = value;
  }
  if (Object.keys(present).length === 0) return null;

  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new ConfigError(`Discord is not configured correctly: ${problems} (see .env.example).`);
  }

  const values = parsed.data;
  return {
    token: values.DISCORD_TOKEN,
    applicationId: values.DISCORD_APPLICATION_ID,
    ...(values.DISCORD_GUILD_ID === undefined ? {} : { guildId: values.DISCORD_GUILD_ID }),
    ...(values.DISCORD_API_URL === undefined ? {} : { apiUrl: values.DISCORD_API_URL.replace(/\/+$/, '') }),
    cooldownSeconds: values.DISCORD_COOLDOWN_SECONDS ?? DEFAULT_COOLDOWN_SECONDS,
  };
}
