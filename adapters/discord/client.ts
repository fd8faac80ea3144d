/**
 * The discord.js client: connects with the `Guilds` intent, and `GuildMessages` and
 * `DirectMessages` for replies to its answers (no privileged intent), hands interactions to
 * the router and replies to the follow-up handler, and reports a rejected token as one
 * clear line.
 */
import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import { ConfigError, ServiceUnreachableError, unreachableCode, type Archivist, type LinkDesk, type Logger } from '../../src/index.js';
import type { DiscordConfig } from './config.js';
import { NO_MENTIONS, type CommandContext } from './context.js';
import { Cooldown } from './cooldown.js';
import { handleInteraction } from './interactions.js';
import { RecentAnswers } from './recentAnswers.js';
import { answerReply } from './reply.js';

/** A running Discord bot. */
export interface DiscordBot {
  /** Disconnects from Discord; in-flight replies may be lost. */
  stop(): Promise<void>;
}

/**
 * Builds the client (not connected). No privileged intent: slash commands need only
 * `Guilds`; replies to the bot's answers come with `GuildMessages` and `DirectMessages`
 * (a reply mentions the bot, so its text arrives without the Message Content intent).
 */
function createDiscordClient(config: Pick<DiscordConfig, 'apiUrl'>): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // A direct-message channel is not cached before its first message.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl === undefined ? {} : { rest: { api: config.apiUrl } }),
  };
  return new Client(options);
}

/**
 * Connects the bot to Discord and answers its slash commands with `archivist`; with a
 * `desk`, editors add links with `/add`.
 *
 * @returns Once the gateway says READY: a handle whose `stop()` disconnects.
 * @throws ConfigError when Discord rejects the token (one line; the token is never shown).
 */
export async function startDiscord(archivist: Archivist, config: DiscordConfig, logger: Logger, desk?: LinkDesk): Promise<DiscordBot> {
  const client = createDiscordClient(config);
  const context: CommandContext = {
    archivist,
    logger,
    cooldown: new Cooldown(config.cooldownSeconds),
    recentAnswers: new RecentAnswers(),
    ...(desk ? { desk } : {}),
  };

  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, context));
  client.on(Events.MessageCreate, (message) => void answerReply(message, context));
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { detail: message }));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.error('discord gateway closed for good', { shardId, code: event.code }),
  );

  const stopWaiting = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: stopWaiting.signal });
  ready.catch(() => undefined); // awaited below; this only keeps a failed login from leaving it unhandled
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    stopWaiting.abort();
    await client.destroy().catch(() => undefined);
    throw explainStartFailure(error, config.apiUrl);
  }

  logger.info('discord connected', { user: client.user?.tag ?? null, applicationId: config.applicationId });
  return {
    async stop() {
      await client.destroy();
      logger.info('discord disconnected');
    },
  };
}

/** Discord's REST API when DISCORD_API_URL is not set. */
const DEFAULT_DISCORD_HOST = 'discord.com';

/**
 * A rejected token (401 from REST, or close code 4004 "Authentication failed" from the
 * gateway) becomes a one-line ConfigError; Discord out of reach (REST or gateway) a
 * one-line ServiceUnreachableError naming the host; anything else passes through unchanged.
 */
function explainStartFailure(error: unknown, apiUrl: string | undefined): unknown {
  const unreachable = unreachableCode(error);
  if (unreachable !== null) {
    const host = hostOf(error) ?? (apiUrl === undefined ? DEFAULT_DISCORD_HOST : new URL(apiUrl).host);
    return new ServiceUnreachableError(
      host,
      `Cannot reach Discord at ${host} (${unreachable}): check the network connection, any proxy or firewall, and DISCORD_API_URL.`,
      { cause: error },
    );
  }
  const { code, status, message } = (error ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
  const how =
    code === DiscordjsErrorCodes.TokenInvalid || status === 401
      ? '401 Unauthorized'
      : message === 'Authentication failed'
        ? 'the gateway closed with 4004 Authentication failed'
        : null;
  if (how === null) return error;
  return new ConfigError(
    `Discord rejected DISCORD_TOKEN (${how}): copy the bot token again from the Developer Portal (Bot → Reset Token).`,
    { cause: error },
  );
}

/** The host a socket or DNS error names (`address:port`, or the name that did not resolve), if any. */
function hostOf(error: unknown): string | null {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth++) {
    const { address, port, hostname, cause } = current as { address?: unknown; port?: unknown; hostname?: unknown; cause?: unknown };
    if (typeof hostname === 'string') return hostname;
    if (typeof address === 'string') return typeof port === 'number' ? `${address}:${port}` : address;
    current = cause;
  }
  return null;
}
