import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { ConfigError, createConversationMemory, unreachableCode, type Archivist, type LinkDesk, type Logger } from '../../src/index.js';
import { toBoltLogger } from './boltLogger.js';
import type { SlackConfig } from './config.js';
import { createDedupe } from './dedupe.js';
import type { SlackDeps } from './deps.js';
import { registerButtonHandlers } from './handlers/buttons.js';
import { registerAskCommand } from './handlers/command.js';
import { registerAddLinkShortcut } from './handlers/addLink.js';
import { registerEventHandlers } from './handlers/events.js';
import { createRateLimiter } from './rateLimit.js';
import { DEFAULT_SLACK_API_URL, REJECTED_TOKEN_CODES, slackErrorCode, slackUnreachable, verifyBotToken, type BotIdentity } from './verifyToken.js';

/** A running Slack adapter. */
export interface SlackHandle {
  /** Closes the HTTP server or the socket. */
  stop(): Promise<void>;
  /** The port the HTTP receiver listens on (useful with port 0); null in Socket Mode. */
  port: number | null;
}

/**
 * Starts the Slack adapter: checks the bot token, then listens over Socket Mode (app
 * token) or HTTP (signing secret) and answers with `archivist`; with a `desk`, editors
 * add links (`/ask add <url>`, the "Add link to archive" message shortcut).
 *
 * @throws ConfigError with one line (never a token) when Slack rejects a token.
 */
export async function startSlack(archivist: Archivist, config: SlackConfig, logger: Logger, desk?: LinkDesk): Promise<SlackHandle> {
  const boltLogger = toBoltLogger(logger);
  // The Web API client warns at every retry; the one line that matters is the error it ends with.
  const identity = await verifyBotToken(config, toBoltLogger(logger, LogLevel.ERROR));
  const { app, receiver } = createSlackApp(archivist, config, logger, identity, boltLogger, desk);
  const { transport } = config;
  if (transport.mode === 'socket') {
    try {
      await app.start();
    } catch (error) {
      await stopReceiver(receiver).catch(() => undefined);
      throw explainSocketStartError(error, config.apiUrl ?? DEFAULT_SLACK_API_URL);
    }
    logger.info('slack connected (Socket Mode)', { botUserId: identity.botUserId });
    return { stop: () => stopReceiver(receiver), port: null };
  }
  const listen = transport.host === undefined ? { port: transport.port } : { port: transport.port, host: transport.host };
  const server = (await app.start(listen).catch((error: unknown) => {
    throw explainListenError(error, transport.port);
  })) as Server;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : transport.port;
  logger.info('slack listening (HTTP)', { port, path: '/slack/events', botUserId: identity.botUserId });
  return { stop: () => stopReceiver(receiver), port };
}

/**
 * Builds the Bolt app with its receiver and every listener, without starting it.
 * `identity` comes from `auth.test`, so Bolt does not call it again.
 */
function createSlackApp(
  archivist: Archivist,
  config: SlackConfig,
  logger: Logger,
  identity: BotIdentity,
  boltLogger: BoltLogger = toBoltLogger(logger),
  desk?: LinkDesk,
): { app: App; receiver: Receiver } {
  const receiver = createReceiver(config, boltLogger);
  const app = new App({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    receiver,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    ignoreSelf: true,
    convoStore: false,
    clientOptions: webClientOptions(config),
  });
  const deps: SlackDeps = {
    archivist,
    logger,
    botUserId: identity.botUserId,
    listenChannels: new Set(config.listenChannels),
    limiter: createRateLimiter({ limit: config.rateLimitPerMinute }),
    rateLimitPerMinute: config.rateLimitPerMinute,
    dedupe: createDedupe(),
    ...(desk ? { desk } : {}),
    conversations: createConversationMemory(),
  };
  registerEventHandlers(app, deps);
  registerAskCommand(app, deps);
  registerAddLinkShortcut(app, deps);
  registerButtonHandlers(app, deps);
  app.error(async (error) => {
    logger.error('slack listener failed', { error });
  });
  return { app, receiver };
}

function createReceiver(config: SlackConfig, logger: BoltLogger): Receiver {
  const { transport } = config;
  if (transport.mode === 'socket') {
    return new SocketModeReceiver({
      appToken: transport.appToken,
      logger,
      logLevel: LogLevel.INFO,
      installerOptions: { clientOptions: webClientOptions(config) },
    });
  }
  return new HTTPReceiver({ signingSecret: transport.signingSecret, port: transport.port, logger, logLevel: LogLevel.INFO });
}

/** A fresh options object each time: Bolt and the Socket Mode client both write into theirs. */
function webClientOptions(config: SlackConfig): { slackApiUrl?: string } {
  return config.apiUrl === null ? {} : { slackApiUrl: config.apiUrl };
}

function explainSocketStartError(error: unknown, apiUrl: string): Error {
  const unreachable = unreachableCode(error);
  if (unreachable !== null) return slackUnreachable(apiUrl, unreachable, error);
  const code = slackErrorCode(error);
  if (code !== null && REJECTED_TOKEN_CODES.has(code)) {
    return new ConfigError(
      `Slack rejected SLACK_APP_TOKEN (${code}): create an app-level token with the connections:write scope under "Basic Information"`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function explainListenError(error: unknown, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const problem = code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
    return new ConfigError(`Slack: PORT ${port} ${problem}; set PORT to a free port (the HTTP receiver listens there)`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function stopReceiver(receiver: Receiver): Promise<void> {
  await receiver.stop();
}
