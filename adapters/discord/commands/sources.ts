/**
 * `/sources` — the articles in the corpus (title, publisher, date, paragraphs indexed),
 * ten to a page with previous/next buttons.
 */
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { NO_MENTIONS, type CommandContext, type SlashCommand } from '../context.js';
import { formatSourcesPage } from '../format.js';

/** The `/sources` registration payload. */
export const definition = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the articles I can answer from.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .toJSON();

/** Answers `/sources` with the first page, visible to the asker only. */
export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  await interaction.reply({
    ...formatSourcesPage(context.archivist.sources(), 0),
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** A previous/next click: replaces the list with page `page`. */
export async function showSourcesPage(
  interaction: ButtonInteraction,
  page: number,
  context: CommandContext,
): Promise<void> {
  await interaction.update({ ...formatSourcesPage(context.archivist.sources(), page), allowedMentions: NO_MENTIONS });
}

/** The `/sources` command module. */
export const sources: SlashCommand = { definition, execute };
