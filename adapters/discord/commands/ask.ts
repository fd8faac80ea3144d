/**
 * `/ask question:<text> [private:<bool>]` — one cited sentence from the corpus, plus the
 * buttons under it: "More answers" (ephemeral alternatives) and 👍/👎 (logged).
 */
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../../src/index.js';
import { NO_MENTIONS, type CommandContext, type SlashCommand } from '../context.js';
import { cooldownText, formatAlternatives, formatAnswer } from '../format.js';
import { questionFromDiscordText } from '../question.js';

/** How many ranked answers to ask the core for: the answer and up to three alternatives. */
export const ASK_TOP = 4;

/** The `/ask` registration payload. */
export const definition = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles; get one cited sentence.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, e.g. "Who is Marie Harf?"')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) =>
    option.setName('private').setDescription('Show the answer to you only (default: everyone sees it)'),
  )
  .toJSON();

/**
 * Answers `/ask`: defers at once (the 3-second rule), asks the core, then edits the reply.
 */
export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const question = questionFromDiscordText(interaction.options.getString('question', true));
  const isPrivate = interaction.options.getBoolean('private') ?? false;

  const wait = context.cooldown.take(interaction.user.id);
  if (wait > 0) {
    await interaction.reply({ content: cooldownText(wait), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }

  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  const result = await context.archivist.ask(question, { top: ASK_TOP });
  const message = await interaction.editReply({ ...formatAnswer(result), allowedMentions: NO_MENTIONS });
  // Remembered for the buttons and for replies to it (a follow-up in the same conversation).
  context.recentAnswers.remember(message.id, result);

  context.logger.info('discord ask answered', {
    interactionId: interaction.id,
    messageId: message.id,
    answered: result.answer !== null,
    ...(result.answer === null
      ? { noAnswerCode: result.noAnswerCode }
      : { paragraphId: result.answer.source.paragraphId, confidence: result.answer.confidence }),
  });
}

/**
 * "More answers": the alternatives of the answer above the button, to the clicker only.
 * After a restart the answer is no longer remembered, so the question (the embed's title)
 * is asked again when it was shown whole.
 */
export async function showMoreAnswers(interaction: ButtonInteraction, context: CommandContext): Promise<void> {
  const remembered = context.recentAnswers.get(interaction.message.id);
  if (remembered !== undefined) {
    await interaction.reply({
      ...formatAlternatives(remembered),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }

  const question = interaction.message.embeds[0]?.title;
  if (!question || question.endsWith('…')) {
    await interaction.reply({
      content: 'I no longer remember that answer. Please ask the question again with `/ask`.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await context.archivist.ask(question, { top: ASK_TOP });
  const message = await interaction.editReply({ ...formatAlternatives(result), allowedMentions: NO_MENTIONS });
  context.logger.debug('discord more answers re-asked', { interactionId: interaction.id, messageId: message.id });
}

/**
 * 👍/👎 under an answer: logs the vote with the answer's paragraph and thanks the clicker.
 */
export async function recordVote(
  interaction: ButtonInteraction,
  vote: 'up' | 'down',
  context: CommandContext,
): Promise<void> {
  const remembered = context.recentAnswers.get(interaction.message.id);
  context.logger.info('discord answer feedback', {
    interactionId: interaction.id,
    messageId: interaction.message.id,
    userId: interaction.user.id,
    vote,
    question: interaction.message.embeds[0]?.title ?? null,
    paragraphId: remembered?.answer?.source.paragraphId ?? null,
  });
  await interaction.reply({
    content: vote === 'up' ? 'Thanks, glad it helped!' : 'Thanks, noted: that answer missed.',
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** The `/ask` command module. */
export const ask: SlashCommand = { definition, execute };
