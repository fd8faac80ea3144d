/**
 * Every slash command of the bot, by name.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from '../context.js';
import { add } from './add.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { sources } from './sources.js';

/** The commands, in the order Discord lists them. */
export const commands: readonly SlashCommand[] = [ask, sources, add, help];

/** The command with this name, if the bot has one. */
export function findCommand(name: string): SlashCommand | undefined {
  return commands.find((command) => command.definition.name === name);
}

/** The payload `discord:deploy` PUTs to Discord: every command's definition. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => command.definition);
}
