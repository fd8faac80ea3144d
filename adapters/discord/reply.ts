/**
 * Follow-up questions by reply: a message that replies to one of the bot's answers is a
 * question in that conversation ("and when were they suspended?"), answered in a reply
 * with the reading it used. The bot reads a reply's text without the privileged Message
 * Content intent because a reply mentions the author it replies to (Discord's default).
 */
import type { Message } from 'discord.js';
import { NO_MENTIONS, type CommandContext } from './context.js';
import { ASK_TOP } from './commands/ask.js';
import { cooldownText, formatAnswer } from './format.js';
import { questionFromDiscordText } from './question.js';

/** Shown when a reply to the bot arrives without its text (the reply's mention was turned off). */
export const REPLY_WITHOUT_TEXT = 'I could not read that reply: keep the @mention on when you reply to me, or ask with `/ask`.';

/**
 * Answers a message that replies to an answer the bot still remembers; ignores every other
 * message. Never throws: a failure is logged with the message id.
 */
export async function answerReply(message: Message, context: CommandContext): Promise<void> {
  if (message.author.bot) return;
  const repliedTo = message.reference?.messageId;
  if (repliedTo === undefined) return;
  const previous = context.recentAnswers.get(repliedTo);
  if (previous === undefined) return;
  try {
    const question = questionFromDiscordText(message.content);
    if (question === '') {
      await message.reply({ content: REPLY_WITHOUT_TEXT, allowedMentions: NO_MENTIONS });
      return;
    }
    const wait = context.cooldown.take(message.author.id);
    if (wait > 0) {
      await message.reply({ content: cooldownText(wait), allowedMentions: NO_MENTIONS });
      return;
    }
    const result = await context.archivist.ask(question, { top: ASK_TOP, ...(previous.conversation ? { conversation: previous.conversation } : {}) });
    const sent = await message.reply({ ...formatAnswer(result), allowedMentions: NO_MENTIONS });
    context.recentAnswers.remember(sent.id, result);
    context.logger.info('discord follow-up answered', {
      messageId: message.id,
      repliedTo,
      answered: result.answer !== null,
      followUp: result.reading !== undefined,
      ...(result.answer === null ? { noAnswerCode: result.noAnswerCode } : { paragraphId: result.answer.source.paragraphId, confidence: result.answer.confidence }),
    });
  } catch (error) {
    context.logger.error('discord follow-up failed', { messageId: message.id, error: error instanceof Error ? error : String(error) });
  }
}
