/**
 * `/help` — what the bot does, its commands, and example questions.
 */
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { NO_MENTIONS, type CommandContext, type SlashCommand } from '../context.js';
import { formatHelp } from '../format.js';

/** The `/help` registration payload. */
export const definition = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What I do, and example questions.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .toJSON();

/** Answers `/help`, visible to the asker only. */
export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  await interaction.reply({
    ...formatHelp(context.archivist.sources()),
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** The `/help` command module. */
export const help: SlashCommand = { definition, execute };
