/**
 * Registers the slash commands with Discord: `npm run discord:deploy`.
 * To one server when DISCORD_GUILD_ID is set (instant, for development), globally otherwise.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { isArchivistError } from '../../src/index.js';
import { commandDefinitions } from './commands/index.js';
import { loadDiscordConfig, type DiscordConfig } from './config.js';

/** What was registered, and where. */
export interface DeployResult {
  scope: 'guild' | 'global';
  /** The REST route the commands were PUT to. */
  route: string;
  /** Names of the commands Discord now holds for that scope. */
  commands: string[];
}

/** Where the deploy script writes: one line per call. */
export interface DeployOutput {
  info(line: string): void;
  error(line: string): void;
}

/**
 * PUTs every command definition, replacing what was registered before in that scope.
 *
 * @throws The REST error when Discord refuses (see {@link runDeploy} for the wording).
 */
export async function deployCommands(
  config: Pick<DiscordConfig, 'token' | 'applicationId' | 'guildId' | 'apiUrl'>,
): Promise<DeployResult> {
  const rest = new REST(config.apiUrl === undefined ? {} : { api: config.apiUrl }).setToken(config.token);
  const route =
    config.guildId === undefined
      ? Routes.applicationCommands(config.applicationId)
      : Routes.applicationGuildCommands(config.applicationId, config.guildId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as { name?: unknown }[];
  return {
    scope: config.guildId === undefined ? 'global' : 'guild',
    route,
    commands: registered.map((command) => String(command.name)),
  };
}

/**
 * The script's whole run: reads the config from `env`, deploys, and reports one line.
 *
 * @returns The process exit code: 0 on success, 1 with one clear line on `output.error` otherwise.
 */
export async function runDeploy(env: Record<string, string | undefined>, output: DeployOutput): Promise<number> {
  try {
    const config = loadDiscordConfig(env);
    if (config === null) {
      output.error('Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).');
      return 1;
    }
    const result = await deployCommands(config);
    const where =
      result.scope === 'guild'
        ? `in server ${config.guildId ?? ''} (available now)`
        : 'globally (Discord may take a few minutes to show them everywhere)';
    output.info(`Registered ${result.commands.map((name) => `/${name}`).join(', ')} ${where}.`);
    return 0;
  } catch (error) {
    output.error(explainDeployFailure(error, env));
    return 1;
  }
}

function explainDeployFailure(error: unknown, env: Record<string, string | undefined>): string {
  if (isArchivistError(error)) return error.message;
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token).';
    }
    const check = env['DISCORD_GUILD_ID']?.trim()
      ? 'DISCORD_APPLICATION_ID, and DISCORD_GUILD_ID (is the bot in that server, invited with the applications.commands scope?)'
      : 'DISCORD_APPLICATION_ID (it must be the application of this bot token)';
    return oneLine(`Discord refused the commands (${error.status} ${error.message}): check ${check}.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(`Could not register the commands: ${message}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** True when this file is the script node was asked to run (not an import from a test). */
function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  const code = await runDeploy(process.env, {
    info: (line) => console.log(line),
    error: (line) => console.error(line),
  });
  process.exit(code);
}
