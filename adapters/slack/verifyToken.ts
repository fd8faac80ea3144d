import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { ConfigError, ServiceUnreachableError, unreachableCode } from '../../src/index.js';
import type { SlackConfig } from './config.js';

/** Who the bot is, as `auth.test` reports it. */
export interface BotIdentity {
  botUserId: string;
  botId: string;
}

/** Where Slack's Web API is when SLACK_API_URL is not set. */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

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
 *   ServiceUnreachableError naming the host when Slack cannot be reached;
 *   an Error naming the API address for any other failure.
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
    const where = config.apiUrl ?? DEFAULT_SLACK_API_URL;
    const unreachable = unreachableCode(error) ?? requestFailure(error);
    if (unreachable !== null) throw slackUnreachable(where, unreachable, error);
    throw new Error(`Slack: could not check SLACK_BOT_TOKEN at ${where} (${code ?? messageOf(error)})`, { cause: error });
  }
  if (result.user_id === undefined || result.bot_id === undefined) {
    throw new ConfigError('Slack: SLACK_BOT_TOKEN is not a bot token; use the Bot User OAuth Token (xoxb-…)');
  }
  return { botUserId: result.user_id, botId: result.bot_id };
}

/**
 * The one line for a Slack API that cannot be reached: the host, the network error, and
 * what to check.
 */
export function slackUnreachable(apiUrl: string, code: string, cause: unknown): ServiceUnreachableError {
  const host = new URL(apiUrl).host;
  return new ServiceUnreachableError(host, `Cannot reach Slack at ${host} (${code}): check the network connection, any proxy or firewall, and SLACK_API_URL.`, { cause });
}

/** The `error` field of a Slack platform error (`invalid_auth`, `not_in_channel`…), or null. */
export function slackErrorCode(error: unknown): string | null {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : null;
}

/** For a request that got no HTTP answer at all (`slack_webapi_request_error`), the innermost reason (`bad port`…); otherwise null. */
function requestFailure(error: unknown): string | null {
  const { code, original } = (error ?? {}) as { code?: unknown; original?: unknown };
  if (code !== 'slack_webapi_request_error') return null;
  let inner: unknown = original;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? inner.message : 'no answer';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
