/**
 * `/add url:<address>` — an editor adds a web page to the archive; anyone else is refused
 * politely. Both answers are visible to the person only.
 */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_MENTIONS, type CommandContext, type SlashCommand } from '../context.js';
import { formatAddLink, NOT_AN_EDITOR } from '../format.js';

/** The `/add` registration payload. */
export const definition = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Editors: add a web page to the archive.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) => option.setName('url').setDescription('The address of the story, e.g. https://example.com/news/story').setRequired(true).setMaxLength(2000))
  .toJSON();

/** The ids that may make someone an editor: their user id and, in a server, their role ids. */
function idsOf(interaction: ChatInputCommandInteraction): string[] {
  const member = interaction.member;
  const roles = member === null ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return [interaction.user.id, ...roles];
}

/** Adds the page for an editor (deferring first: fetching may take seconds), or refuses. */
export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const { desk } = context;
  if (!desk || !desk.isEditor(idsOf(interaction))) {
    await interaction.reply({ content: NOT_AN_EDITOR, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await desk.add(interaction.options.getString('url', true));
  await interaction.editReply({ content: formatAddLink(result), allowedMentions: NO_MENTIONS });
  context.logger.info('discord link added', { interactionId: interaction.id, userId: interaction.user.id, ok: result.ok, url: result.url, ...(result.ok ? {} : { reason: result.reason }) });
}

/** The `/add` command module. */
export const add: SlashCommand = { definition, execute };
