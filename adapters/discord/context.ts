/**
 * What every command handler receives, and the shape of a command module.
 */
import type {
  ChatInputCommandInteraction,
  MessageMentionOptions,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Archivist, LinkDesk, Logger } from '../../src/index.js';
import type { Cooldown } from './cooldown.js';
import type { RecentAnswers } from './recentAnswers.js';

/** The adapter's shared state, passed to every handler. */
export interface CommandContext {
  archivist: Archivist;
  logger: Logger;
  /** Per-user cooldown of `/ask`. */
  cooldown: Cooldown;
  /** Answers recently sent, by message id, for the buttons under them. */
  recentAnswers: RecentAnswers;
  /** Adds links for editors (`/add`); absent when the bot cannot add links. */
  desk?: LinkDesk;
}

/** One slash command: its registration payload and its handler. */
export interface SlashCommand {
  /** The JSON that `discord:deploy` registers with Discord. */
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Answers one use of the command. */
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
}

/** Sent with every message: nothing the bot writes may ping anyone (`@everyone`, roles, users). */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };
