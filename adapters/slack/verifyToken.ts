import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { ConfigError } from '../../src/index.js';
import type { SlackConfig } from './config.js';

/** Who the bot is, as `auth.test` reports it. */
export interface BotIdentity {
  botUserId: string;
  botId: string;
}

/** Slack error codes meaning "this token is not accepted". */
export const REJECTED_TOKEN_CODES = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'team_disabled',
  'user_removed_from_team',
]);

/**
 * Checks the bot token with `auth.test` before anything listens.
 *
 * @throws ConfigError (one line, no token) when Slack rejects the token;
 *   an Error naming the API address when Slack cannot be reached.
 */
export async function verifyBotToken(config: SlackConfig, logger: BoltLogger): Promise<BotIdentity> {
  const client = new webApi.WebClient(config.botToken, {
    logger,
    retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
    ...(config.apiUrl === null ? {} : { slackApiUrl: config.apiUrl }),
  });
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== null && REJECTED_TOKEN_CODES.has(code)) {
      throw new ConfigError(
        `Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page, or reinstall the app`,
        { cause: error },
      );
    }
    const where = config.apiUrl ?? 'https://slack.com/api/';
    throw new Error(`Slack: could not check SLACK_BOT_TOKEN at ${where} (${code ?? messageOf(error)})`, { cause: error });
  }
  if (result.user_id === undefined || result.bot_id === undefined) {
    throw new ConfigError('Slack: SLACK_BOT_TOKEN is not a bot token; use the Bot User OAuth Token (xoxb-…)');
  }
  return { botUserId: result.user_id, botId: result.bot_id };
}

/** The `error` field of a Slack platform error (`invalid_auth`, `not_in_channel`…), or null. */
export function slackErrorCode(error: unknown): string | null {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
