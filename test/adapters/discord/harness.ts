/**
 * Starts the real Discord adapter (discord.js Client) against the local stand-ins, and
 * records what it logs.
 */
import { startDiscord, type DiscordBot, type DiscordConfig } from '../../../adapters/discord/index.js';
import type { Archivist, LinkDesk, Logger } from '../../../src/index.js';
import { APPLICATION_ID, GOOD_TOKEN, GatewayStandIn, RestStandIn, waitUntil, type RecordedRequest } from './standins.js';

export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every record, for assertions. */
export function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at =
    (level: LogRecord['level']) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      records.push({ level, message, fields });
  return { records, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export interface Harness {
  rest: RestStandIn;
  gateway: GatewayStandIn;
  bot: DiscordBot;
  logger: ReturnType<typeof recordingLogger>;
  config: DiscordConfig;
  /** Sends an interaction through the gateway and waits for the bot's first callback to it. */
  send(payload: { id: string; token: string }): Promise<RecordedRequest>;
  /** Waits for the PATCH of the interaction's original message (the edited deferral). */
  edited(payload: { token: string }): Promise<RecordedRequest>;
  /** Waits for a follow-up message (POST to the interaction's webhook). */
  followedUp(payload: { token: string }): Promise<RecordedRequest>;
  stop(): Promise<void>;
}

/** Starts stand-ins and the bot; `stop()` destroys the client and closes both servers. */
export async function startHarness(archivist: Archivist, overrides: Partial<DiscordConfig> = {}, desk?: LinkDesk): Promise<Harness> {
  const rest = await RestStandIn.start();
  const gateway = await GatewayStandIn.start();
  rest.gatewayUrl = gateway.url;
  const logger = recordingLogger();
  const config: DiscordConfig = {
    token: GOOD_TOKEN,
    applicationId: APPLICATION_ID,
    apiUrl: rest.apiUrl,
    cooldownSeconds: 0,
    ...overrides,
  };
  let bot: DiscordBot;
  try {
    bot = await startDiscord(archivist, config, logger, desk);
  } catch (error) {
    await Promise.all([rest.close(), gateway.close()]);
    throw error;
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    rest,
    gateway,
    bot,
    logger,
    config,
    async send(payload) {
      gateway.dispatch('INTERACTION_CREATE', payload);
      return rest.waitFor('POST', new RegExp(`^/interactions/${payload.id}/${escape(payload.token)}/callback$`));
    },
    edited(payload) {
      return rest.waitFor('PATCH', new RegExp(`^/webhooks/${APPLICATION_ID}/${escape(payload.token)}/messages/@original$`));
    },
    followedUp(payload) {
      return rest.waitFor('POST', new RegExp(`^/webhooks/${APPLICATION_ID}/${escape(payload.token)}$`));
    },
    async stop() {
      await bot.stop();
      await Promise.all([rest.close(), gateway.close()]);
    },
  };
}

export { waitUntil };
